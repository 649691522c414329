#!/usr/bin/env bash
# Fashion-MNIST, a real result: recipes/fashion-mnist.yaml trained by viewpair and the same recipe in PyTorch,
# one after the other on the same 2 CPUs, then every side (and raw pixels) scored by one probe protocol.
#   bench/fashion-mnist/run.sh                      the full recipe (about 15 minutes of training per side)
#   EPOCHS=1 TRAIN_FRACTION=0.05 bench/fashion-mnist/run.sh   a smoke test of a few minutes
# Writes bench/fashion-mnist/results.md (and prints it); working files go to bench/fashion-mnist/out/.
# Needs: JDK 17, Maven, and Debian's python3-torch python3-torchvision python3-sklearn python3-yaml
# dataset-fashion-mnist (installed here when missing and apt-get can).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=bench/fashion-mnist
OUT=$HERE/out
PY=/usr/bin/python3   # Debian's python: the one that sees python3-torch
RECIPE=recipes/fashion-mnist.yaml
EPOCHS=${EPOCHS:-$(sed -n 's/^train: {epochs: \([0-9]*\),.*/\1/p' "$RECIPE")}
TRAIN_FRACTION=${TRAIN_FRACTION:-1}

if ! "$PY" -c 'import torch, torchvision, sklearn, yaml' 2>/dev/null || [ ! -d /usr/share/datasets/fashion-mnist ]; then
    apt-get install -y python3-torch python3-torchvision python3-sklearn python3-yaml dataset-fashion-mnist
fi
if [ -d /usr/share/datasets/fashion-mnist ]; then
    ./viewpair datasets fetch fashion-mnist --from /usr/share/datasets/fashion-mnist
else
    ./viewpair datasets fetch fashion-mnist
fi
DATA=$PWD/data/fashion-mnist

rm -rf "$OUT" && mkdir -p "$OUT"
# the recipe with absolute data paths, the chosen epochs and, for a smoke test, a fraction of the training images
split=""
if [ "$TRAIN_FRACTION" != 1 ]; then
    split=", split: {train: $TRAIN_FRACTION, val: $("$PY" -c "print(round(1 - $TRAIN_FRACTION, 6))")}"
fi
sed -e "s#path: ../data/fashion-mnist/train-images-idx3-ubyte.gz,#path: $DATA/train-images-idx3-ubyte.gz$split,#" \
    -e "s#test: ../data/fashion-mnist/#test: $DATA/#" \
    -e "s/^train: {epochs: [0-9]*,/train: {epochs: $EPOCHS,/" "$RECIPE" > "$OUT/recipe.yaml"

CPUS=$(taskset -pc $$ | sed 's/.*: //' | cut -d, -f1-2)   # the first two CPUs this shell may use
NOTE="EPOCHS=$EPOCHS TRAIN_FRACTION=$TRAIN_FRACTION; load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "viewpair: $EPOCHS epochs on CPUs $CPUS" >&2
./viewpair validate "$OUT/recipe.yaml" >/dev/null   # builds the launcher before the timed part
taskset -c "$CPUS" env VIEWPAIR_TORCH_THREADS=2 ./viewpair train "$OUT/recipe.yaml" --out "$OUT/viewpair-run"
# the frozen backbone's features of every training image and of the official test set, for the shared probe
taskset -c "$CPUS" ./viewpair embed "$OUT/viewpair-run" --view plain --split all --out "$OUT/viewpair-train.npy"
taskset -c "$CPUS" ./viewpair embed "$OUT/viewpair-run" --view plain --split test --out "$OUT/viewpair-test.npy"

echo "PyTorch: $EPOCHS epochs on CPUs $CPUS" >&2
(cd "$HERE" && taskset -c "$CPUS" env OMP_WAIT_POLICY=PASSIVE "$PY" simclr_torch.py --data "$DATA" \
    --recipe "../../$RECIPE" --epochs "$EPOCHS" --train-fraction "$TRAIN_FRACTION" --threads 2 --workers 2 \
    --out "../../$OUT/torch-features.npz")

NOTE="$NOTE Load average after training: $(cut -d' ' -f1-3 /proc/loadavg)."
limit=$("$PY" -c "print(0 if $TRAIN_FRACTION >= 1 else int(60000 * $TRAIN_FRACTION))")
(cd "$HERE" && "$PY" report.py --data "$DATA" --out "../../$OUT" --train-limit "$limit" --note "$NOTE")
cp "$OUT/results.md" "$HERE/results.md"
