#!/usr/bin/env bash
# Memory over a long run: resident memory (VmRSS of the training JVM) against the step, sampled from outside
# the process, for a small image+audio recipe that runs STEPS steps (default 10000) through the real pipeline
# (decoding, view ops on worker threads, both encoders, three pairs, checkpoints).
#
#   bench/memory/run.sh            # prints the table and writes $OUT/rss.csv and $OUT/summary.md
#
# Environment: STEPS (default 10000), OUT (default /tmp/viewpair-bench-memory), DATA (synth-av folder, made on
# first use). The issue's bar: RSS grows by at most 10 % between step 1,000 and the last step.
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS=${STEPS:-10000}
OUT=${OUT:-/tmp/viewpair-bench-memory}
DATA=${DATA:-$PWD/data/synth-av}
BATCH=16
mkdir -p "$OUT"
[ -f "$DATA/manifest.csv" ] || ./viewpair datasets make synth-av --out "$DATA"
# the hashed split puts about 80 % in train: count one batch less per epoch, so the run reaches STEPS
per_epoch=$(( $(tail -n +2 "$DATA/manifest.csv" | wc -l) * 8 / 10 / BATCH - 1 ))
epochs=$(( (STEPS + per_epoch - 1) / per_epoch ))
cat > "$OUT/memory.yaml" <<YAML
name: memory-bench
seed: 5
dataset: {type: manifest, path: $DATA/manifest.csv, split: {train: 0.8, test: 0.2}}
audio: {sample_rate: 16000}
views:
  img_a: {from: image, ops: [random_resized_crop: {size: 16, scale: [0.5, 1]}, hflip, normalize]}
  img_b: {like: img_a}
  sound: {from: audio, ops: [clip: {seconds: 0.25, at: anchor}, gain: {db: [-6, 6]}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
  later: {from: audio, ops: [clip: {seconds: 0.25, at: anchor + 0.25s}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
encoders:
  image: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [img_a, img_b]}
  audio: {type: conv, widths: [8, 16], dim: 16, projection: 16, downsample: stride, views: [sound, later]}
pairs:
  - {name: image-image, views: [img_a, img_b], bound: infonce, critic: cosine}
  - {name: image-audio, views: [img_a, sound], bound: nwj, critic: concat_mlp}
  - {name: audio-later, views: [sound, later], bound: infonce, critic: bilinear}
train: {epochs: $epochs, batch: $BATCH, optimizer: {type: adamw, lr: 1e-3}, schedule: cosine, workers: 2, checkpoint_every: 1000, clip_grad_norm: 1.0}
YAML
rm -rf "$OUT/run"
./viewpair validate "$OUT/memory.yaml" >/dev/null
./viewpair train "$OUT/memory.yaml" --out "$OUT/run" > "$OUT/train.log" 2>&1 &
launcher=$!
echo "step,rss_mib,seconds" > "$OUT/rss.csv"
start=$(date +%s)
pid=$launcher   # the launcher execs the JVM: same process
while kill -0 "$pid" 2>/dev/null; do
  if [ -f "$OUT/run/metrics.jsonl" ]; then
    step=$(grep -c '"type":"step"' "$OUT/run/metrics.jsonl" || true)
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$step,$rss,$(( $(date +%s) - start ))" >> "$OUT/rss.csv"
  fi
  sleep 2
done
wait "$launcher"
python3 - "$OUT" "$STEPS" <<'PY'
import csv, sys
out, steps = sys.argv[1], int(sys.argv[2])
rows = [(int(r["step"]), int(r["rss_mib"]), int(r["seconds"])) for r in csv.DictReader(open(f"{out}/rss.csv"))]
def at(step):  # the first sample at or after the step
    return next(r for r in rows if r[0] >= step)
first, last = at(min(1000, steps)), rows[-1]
peak = max(r[1] for r in rows if r[0] >= first[0])
growth = (last[1] - first[1]) / first[1]
table = "\n".join([
    "| step | RSS (MiB) | seconds |", "|---:|---:|---:|",
    *[f"| {s} | {m} | {t} |" for s, m, t in [at(x) for x in (1, 1000, 2500, 5000, 7500) if x <= last[0]] + [last]],
    "", f"RSS growth from step {first[0]} to step {last[0]}: {100 * growth:+.1f} % (peak after step 1,000: {peak} MiB; bar: ≤ +10 %)",
])
open(f"{out}/summary.md", "w").write(table + "\n")
print(table)
PY
