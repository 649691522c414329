#!/usr/bin/env bash
# Global-only vs Deep InfoMax vs both, one encoder, the same steps: trains three variants of recipes/dim.yaml and
# tabulates the linear probe and kNN of the embedding and of the second stage averaged over its positions.
#   bench/dim/results.sh fashion-mnist [EPOCHS]    (default 3 epochs of 468 steps)
#   bench/dim/results.sh synth-av [EPOCHS]         (recipes/quickstart.yaml's image side; default 28 epochs)
# The variants: global (the SimCLR pair only), local (the local–global pair only), both (recipes/dim.yaml's two pairs).
# Writes bench/dim/results-DATASET.md (and prints it); runs go to bench/dim/out-DATASET/. Training minutes are the
# steps' own time and their data waits (metrics.jsonl); the step time is the median of the steps' own times (the cost
# of the local pair: the same encoder, batch and views, one more pair), its ratio to the global-only run's beside it.
# Run it on an otherwise idle machine. Needs Debian's dataset-fashion-mnist for fashion-mnist.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATASET=${1:?fashion-mnist or synth-av}
OUT=bench/dim/out-$DATASET
mkdir -p "$OUT"
case "$DATASET" in
    fashion-mnist)
        EPOCHS=${2:-3}
        ./viewpair datasets fetch fashion-mnist --from /usr/share/datasets/fashion-mnist >/dev/null
        sed -e "s#\.\./data/#$PWD/data/#g" recipes/dim.yaml > "$OUT/both.yaml"
        GLOBAL_PAIR=simclr; LOCAL_PAIR=local ;;
    synth-av)
        EPOCHS=${2:-28}
        [ -f data/synth-av/manifest.csv ] || ./viewpair datasets make synth-av --out data/synth-av --size 2000 >/dev/null
        # the image side of the quickstart, with a local–global pair on the image encoder's second stage
        sed -e "s#\.\./data/#$PWD/data/#g" -e "s/^name: .*/name: dim-synth-av/" \
            -e "/name: image-audio/d" -e "/name: audio-later/d" -e "/^  sound/d" -e "/^  later/d" -e "/^  audio:/d" \
            -e "s/weight: 0.25}/weight: 1.0}\n  - {name: local, views: [img_a@stage2, img_a], bound: js, critic: {type: separable_mlp, embed: 64}, weight: 0.5}/" \
            -e "s/views: \[img_eval, sound_eval\]/views: [img_eval, img_eval@stage2]/" -e "s/, retrieval: \[\[img_a, sound\]\]//" \
            -e "s/, sound_eval//" recipes/quickstart.yaml > "$OUT/both.yaml"
        sed -i "/^  sound_eval/d" "$OUT/both.yaml"
        GLOBAL_PAIR=image-image; LOCAL_PAIR=local ;;
    *) echo "unknown dataset $DATASET" >&2; exit 2 ;;
esac
grep -v "name: $LOCAL_PAIR," "$OUT/both.yaml" > "$OUT/global.yaml"
grep -v "name: $GLOBAL_PAIR," "$OUT/both.yaml" > "$OUT/local.yaml"
for variant in global local both; do
    ./viewpair validate "$OUT/$variant.yaml" >/dev/null
    rm -rf "$OUT/run-$variant"
    ./viewpair train "$OUT/$variant.yaml" --out "$OUT/run-$variant" --set "train.epochs=$EPOCHS" > "$OUT/train-$variant.log"
done
/usr/bin/python3 - "$OUT" "$DATASET" "$EPOCHS" > "bench/dim/results-$DATASET.md" <<'PY'
import json, sys
out, dataset, epochs = sys.argv[1], sys.argv[2], sys.argv[3]
print(f"# Global-only vs Deep InfoMax on {dataset}: {epochs} epochs each\n")
print("Command: `bench/dim/results.sh " + dataset + " " + epochs + "`\n")
print("| pairs | steps | training minutes | median step (ms) | probe, embedding | probe, stage 2 pooled | kNN, embedding | kNN, stage 2 pooled |")
print("|---|---|---|---|---|---|---|---|")
base_step = None
for variant, label in [("global", "global only (SimCLR)"), ("local", "local–global only (DIM)"), ("both", "both")]:
    run = f"{out}/run-{variant}"
    seconds = 0.0
    step_times = []
    for line in open(f"{run}/metrics.jsonl"):
        r = json.loads(line)
        if r.get("type") == "step":
            seconds += r["step_s"] + r["data_wait_s"]
            step_times.append(r["step_s"])
    step_times.sort()
    median = step_times[len(step_times) // 2] * 1000
    base_step = base_step or median
    ratio = "" if variant == "global" else f" ({median / base_step:.2f}×)"
    s = json.load(open(f"{run}/summary.json"))
    probe, knn = s["eval"]["linear_probe"], s["eval"].get("knn", {})
    def get(table, key, which="trained"):
        return f"{table[key][which]:.3f}" if key in table else "–"
    stage = [k for k in probe if "@" in k]
    stage = stage[0] if stage else None
    print(f"| {label} | {s['steps']} | {seconds / 60:.1f} | {median:.0f}{ratio} | {get(probe, 'image')} (random {get(probe, 'image', 'random_init')})"
          f" | {get(probe, stage) if stage else '–'} (random {get(probe, stage, 'random_init') if stage else '–'})"
          f" | {get(knn, 'image')} | {get(knn, stage) if stage else '–'} |")
PY
cat "bench/dim/results-$DATASET.md"
