#!/usr/bin/env bash
# The linear probe against minutes of training: trains a Fashion-MNIST recipe once, keeps a copy of the checkpoint
# every EVERY steps while it trains, then embeds every copy and scores it with the probe of common.py.
#   bench/fashion-mnist/curve.sh [RECIPE]        default recipes/fashion-mnist-resnet.yaml, EVERY=468 (an epoch)
#   SCORE_ONLY=1 bench/fashion-mnist/curve.sh    embeds and scores the copies of an earlier run again (no training)
#   SNAPSHOTS="936 1872" …                        scores only the copies at these steps (default: all)
# Writes bench/fashion-mnist/curve-NAME.md (and prints it); working files go to bench/fashion-mnist/out-curve/.
# Minutes are training minutes: the steps' own time and their data waits from metrics.jsonl, as report.py counts.
# Needs: Debian's python3-sklearn and dataset-fashion-mnist; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=bench/fashion-mnist
OUT=$HERE/out-curve
PY=/usr/bin/python3
RECIPE=${1:-recipes/fashion-mnist-resnet.yaml}
EVERY=${EVERY:-468}
NAME=$(sed -n 's/^name: *//p' "$RECIPE")

./viewpair datasets fetch fashion-mnist --from /usr/share/datasets/fashion-mnist >/dev/null
DATA=$PWD/data/fashion-mnist
RUN=$OUT/run
if [ -z "${SCORE_ONLY:-}" ]; then
    rm -rf "$OUT" && mkdir -p "$OUT/snapshots"
    sed -e "s#\.\./data/fashion-mnist/#$DATA/#g" \
        -e "s/^train: {/train: {checkpoint_every: $EVERY, /" "$RECIPE" > "$OUT/recipe.yaml"
    ./viewpair validate "$OUT/recipe.yaml" >/dev/null   # builds the launcher before the timed part
    CPUS=$(taskset -pc $$ | sed 's/.*: //' | cut -d, -f1-2)
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/note.txt"

    # copies each new checkpoint (swapped in whole by the trainer) while training runs
    snapshot() {
        local last=""
        while true; do
            local props=$RUN/checkpoint/checkpoint.properties step
            if [ -f "$props" ] && step=$(sed -n 's/^step=//p' "$props" 2>/dev/null) && [ -n "$step" ] && [ "$step" != "$last" ]; then
                if cp -r "$RUN/checkpoint" "$OUT/snapshots/tmp" 2>/dev/null \
                        && [ "$(sed -n 's/^step=//p' "$OUT/snapshots/tmp/checkpoint.properties")" = "$step" ]; then
                    mv "$OUT/snapshots/tmp" "$OUT/snapshots/$step" && last=$step
                fi
                rm -rf "$OUT/snapshots/tmp"
            fi
            sleep 2
        done
    }
    snapshot & watcher=$!
    trap 'kill $watcher 2>/dev/null || true' EXIT
    taskset -c "$CPUS" env VIEWPAIR_TORCH_THREADS=2 ./viewpair train "$OUT/recipe.yaml" --out "$RUN"
    kill $watcher 2>/dev/null || true
    echo "load average after training: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/note.txt"

fi

rm -rf "$OUT"/at-*
for snap in ${SNAPSHOTS:-$(ls "$OUT/snapshots" | sort -n)}; do
    folder=$OUT/at-$snap
    rm -rf "$folder" && mkdir -p "$folder" && cp "$RUN/recipe.yaml" "$folder/" && cp -r "$OUT/snapshots/$snap" "$folder/checkpoint"
    ./viewpair embed "$folder" --split train --out "$folder/train.npy" >/dev/null
    ./viewpair embed "$folder" --split test --out "$folder/test.npy" >/dev/null
done

(cd "$HERE" && "$PY" - "../../$OUT" "$NAME" <<'PYEOF'
import csv, json, os, sys
import numpy as np
import common

out, name = sys.argv[1], sys.argv[2]
seconds, elapsed = {}, 0.0
with open(os.path.join(out, "run", "metrics.jsonl")) as f:
    for line in f:
        r = json.loads(line)
        if r["type"] == "step":
            elapsed += r["step_s"] + r["data_wait_s"]
            seconds[r["step"] + 1] = elapsed

def features(folder, split):
    x = np.load(os.path.join(folder, f"{split}.npy")).astype(np.float64)
    with open(os.path.join(folder, f"{split}.ids.csv")) as f:
        y = np.array([int(row["label"]) for row in csv.DictReader(f)])
    return x, y

rows = []
for snap in sorted((d for d in os.listdir(out) if d.startswith("at-")), key=lambda d: int(d[3:])):
    step = int(snap[3:])
    train_x, train_y = features(os.path.join(out, snap), "train")
    test_x, test_y = features(os.path.join(out, snap), "test")
    accuracy, l2, _ = common.probe(train_x, train_y, test_x, test_y, log=lambda *a: None)
    rows.append((step, seconds.get(step, float("nan")) / 60, accuracy, l2))
    print(f"step {step}: {rows[-1][1]:.1f} min, probe {accuracy:.4f} (l2 {l2:g})", flush=True)
with open(os.path.join(out, "note.txt")) as f:
    note = f.read().strip().replace("\n", "; ")
lines = [f"# {name}: linear probe against minutes of training", "",
         f"`bench/fashion-mnist/curve.sh` ({note}). {common.PROTOCOL.split(' kNN:')[0]}", "",
         "| step | training minutes | linear probe (test) | l2 |", "|---:|---:|---:|---:|"]
lines += [f"| {s} | {m:.1f} | {a:.4f} | {l2:g} |" for s, m, a, l2 in rows]
text = "\n".join(lines) + "\n"
with open(f"curve-{name}.md", "w") as f:
    f.write(text)
print(text)
PYEOF
)
