#!/usr/bin/env bash
# ResNet training-step benchmark: one SimCLR-style step of ResNet-18 (two views of a batch through one encoder,
# cosine critic, InfoNCE, AdamW) in viewpair and in Debian's PyTorch 1.13, side by side, same CPUs and threads.
#   bench/resnet/run.sh                          ROUNDS=5 rounds of STEPS=5 timed steps after WARMUP=2, batch 128
#   ROUNDS=1 STEPS=1 WARMUP=1 bench/resnet/run.sh   a smoke test
# Environment: THREADS (intra-op threads of both sides, default 2; both pinned to that many CPUs with taskset),
# BATCH (default 128), ROUNDS, STEPS, WARMUP.
# Needs: JDK 17, Maven (offline), Debian's python3-torch python3-torchvision (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3   # Debian's python: the one that sees python3-torch
THREADS=${THREADS:-2}
BATCH=${BATCH:-128}
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-5}
WARMUP=${WARMUP:-2}

CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# encoders and the module it depends on (catalog): compiled here, their classes on the classpath
mvn -q -B -o -pl encoders -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
CP="catalog/target/classes:encoders/target/classes:$(cat "$CP_FILE")"
CPUS=$(taskset -pc $$ | sed 's/.*: //' | cut -d, -f1-"$THREADS")   # the first THREADS CPUs this shell may use

# viewpair as ./viewpair starts it: tcmalloc preloaded when libtcmalloc-minimal4 is installed (VIEWPAIR_NO_TCMALLOC=1:
# not); PyTorch as `python3 train.py` starts it, with glibc's allocator
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
preload=""
if [ -z "${VIEWPAIR_NO_TCMALLOC:-}" ] && [ -f "$TCMALLOC" ]; then preload=$TCMALLOC; fi

# each prints "<median steps/s> <steps/s per round> <RSS before the first step, MiB> <peak RSS, MiB>"
# libgomp spin-waiting would count as work on the other side's cores: both wait passively, as ./viewpair does
viewpair() {
    taskset -c "$CPUS" env OMP_WAIT_POLICY=PASSIVE ${preload:+LD_PRELOAD=$preload} java -Xmx2g -XX:MaxDirectMemorySize=2g -Dai.djl.offline=true \
        -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dai.djl.pytorch.num_threads="$THREADS" \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" bench/resnet/ResNetStepBench.java \
        "$1" "$2" "$BATCH" "$WARMUP" "$ROUNDS" "$STEPS" 2>/dev/null
}
pytorch() {
    taskset -c "$CPUS" env OMP_WAIT_POLICY=PASSIVE "$PY" bench/resnet/resnet_step_torch.py --stem "$1" --size "$2" \
        --batch "$BATCH" --threads "$THREADS" --warmup "$WARMUP" --rounds "$ROUNDS" --steps "$STEPS"
}

echo "CPUs $CPUS of $(nproc), $THREADS threads, batch $BATCH, $ROUNDS rounds of $STEPS steps after $WARMUP;" \
    "viewpair's allocator: ${preload:-glibc (no tcmalloc installed)};" \
    "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rows=()
for config in "cifar 32" "imagenet 96"; do
    set -- $config
    rows+=("$2×$2, $1 stem|$(viewpair "$1" "$2")|$(pytorch "$1" "$2")")
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo
echo "| input | viewpair steps/s | PyTorch steps/s | viewpair / PyTorch | viewpair peak RSS (step's rise) | PyTorch peak RSS (step's rise) | RSS viewpair / PyTorch |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
    awk -F'|' '{ split($2, v, " "); split($3, t, " ")
                 printf "| %s | %.3f | %.3f | %.2f× | %.0f MiB (+%.0f) | %.0f MiB (+%.0f) | %.2f× |\n", $1, v[1], t[1], v[1] / t[1],
                        v[4], v[4] - v[3], t[4], t[4] - t[3], v[4] / t[4] }' <<< "$row"
done
echo
echo "steps/s of each round: $(for row in "${rows[@]}"; do awk -F'|' '{ split($2, v, " "); split($3, t, " "); printf "%s viewpair %s, PyTorch %s; ", $1, v[2], t[2] }' <<< "$row"; done)"
