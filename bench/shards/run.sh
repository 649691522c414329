#!/usr/bin/env bash
# Shards: preprocessing throughput of the engines, and training throughput from decoded shards against decoding
# the files on the fly, on a generated synth-av dataset (one image and one WAV per sample).
#
#   bench/shards/run.sh            # prints a Markdown table and writes it to $OUT/summary.md
#
# Environment: N (samples, default 2000), OUT (default /tmp/viewpair-bench-shards), DATA (a synth-av folder of N
# samples, made on first use), SHARD_SIZE (default 64: enough shards to keep two Spark tasks busy), EPOCHS of
# training (default 2), BATCH (default 16).
#
# Preprocessing: `./viewpair preprocess` with --threads 1, --threads 2 and --engine spark --master local[2],
# each into an empty folder; files/s = 2 N / the command's wall time (JVM start, and for Spark the context start,
# included); files per CPU-second from the command's user + system time; the rerun into the finished folder keeps
# every shard, its time is the fixed cost (JVM and Spark start, opening the dataset, checking shards).
# Training: the same recipe with dataset: the manifest, and dataset: the shards of --threads 2; steps/s = steps /
# (data wait + step time) over the epochs (metrics.jsonl; evaluation excluded), data wait from summary.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
OUT=${OUT:-/tmp/viewpair-bench-shards}
DATA=${DATA:-$OUT/synth-av-$N}
SHARD_SIZE=${SHARD_SIZE:-64}
EPOCHS=${EPOCHS:-2}
BATCH=${BATCH:-16}
mkdir -p "$OUT"
[ -f "$DATA/manifest.csv" ] || ./viewpair datasets make synth-av --out "$DATA" --size "$N" >/dev/null
files=$(( $(tail -n +2 "$DATA/manifest.csv" | wc -l) * 2 ))

recipe() { # $1: name, $2: the dataset line
  cat > "$OUT/$1.yaml" <<YAML
name: shards-bench-$1
seed: 5
dataset: $2
audio: {sample_rate: 16000}
views:
  img_a: {from: image, ops: [random_resized_crop: {size: 32, scale: [0.5, 1]}, hflip, color_jitter: {p: 0.8}, normalize]}
  img_b: {like: img_a}
  sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, gain: {db: [-6, 6]}, log_mel: {mels: 32, n_fft: 512, hop: 256}]}
encoders:
  image: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [img_a, img_b]}
  audio: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [sound]}
pairs:
  - {name: image-image, views: [img_a, img_b], bound: infonce, critic: cosine}
  - {name: image-audio, views: [img_a, sound], bound: infonce, critic: cosine}
train: {epochs: $EPOCHS, batch: $BATCH, optimizer: {type: adamw, lr: 1e-3}, workers: 2}
YAML
}
recipe files "{type: manifest, path: $DATA/manifest.csv, split: {train: 0.8, test: 0.2}}"
recipe shards "{type: shards, path: $OUT/threads-2}"
./viewpair validate "$OUT/files.yaml" >/dev/null
./viewpair --version >/dev/null   # builds first when sources changed, outside the timings

preprocess() { # $1: label, the rest: options; then the same again, which keeps every shard: the fixed cost
  local label=$1; shift
  rm -rf "${OUT:?}/$label"
  for run in "" .rerun; do
    /usr/bin/time -f "%e %U %S" -o "$OUT/$label$run.time" \
      ./viewpair preprocess "$OUT/files.yaml" --out "$OUT/$label" --shard-size "$SHARD_SIZE" "$@" > "$OUT/$label$run.log" 2>&1
  done
}
preprocess threads-1 --threads 1
preprocess threads-2 --threads 2
preprocess spark-local-2 --engine spark --master 'local[2]'
for label in threads-1 spark-local-2; do   # every engine wrote the same arrays
  for f in "$OUT"/threads-2/*.npy; do cmp -s "$f" "$OUT/$label/$(basename "$f")" || { echo "$label: $(basename "$f") differs" >&2; exit 1; }; done
done

train() { # $1: recipe name
  rm -rf "${OUT:?}/run-$1"
  ./viewpair train "$OUT/$1.yaml" --out "$OUT/run-$1" > "$OUT/train-$1.log" 2>&1
}
train files
train shards

python3 - "$OUT" "$files" "$N" "$SHARD_SIZE" "$EPOCHS" "$BATCH" <<'PY'
import json, sys
out, files, n, shard, epochs, batch = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
rows = ["| preprocessing (%s samples, %d files, shards of %s) | seconds | files/s | files per CPU-second | rerun, all kept: seconds |" % (n, files, shard),
        "|---|---:|---:|---:|---:|"]
def times(name):
    return list(map(float, open(f"{out}/{name}.time").read().split()[-3:]))
for label, name in [("threads-1", "`--threads 1`"), ("threads-2", "`--threads 2`"), ("spark-local-2", "`--engine spark --master local[2]`")]:
    wall, user, sys_ = times(label)
    rows.append(f"| {name} | {wall:.1f} | {files / wall:.0f} | {files / (user + sys_):.0f} | {times(label + '.rerun')[0]:.1f} |")
rows += ["", f"| training ({epochs} epochs, batch {batch}) | steps | steps/s | data wait |", "|---|---:|---:|---:|"]
for run, name in [("files", "decoding the files on the fly"), ("shards", "from decoded shards")]:
    epochs_ = [json.loads(l) for l in open(f"{out}/run-{run}/metrics.jsonl") if '"type":"epoch"' in l]
    steps = sum(e["steps"] for e in epochs_)
    seconds = sum(e["data_wait_s"] + e["step_s"] for e in epochs_)
    wait = json.load(open(f"{out}/run-{run}/summary.json"))["data"]["wait_fraction"]
    rows.append(f"| {name} | {steps} | {steps / seconds:.1f} | {100 * wait:.1f} % |")
table = "\n".join(rows)
open(f"{out}/summary.md", "w").write(table + "\n")
print(table)
PY
