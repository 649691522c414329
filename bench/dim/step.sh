#!/usr/bin/env bash
# The cost of a local–global pair: one training step of recipes/dim.yaml's model with the SimCLR pair alone, the local
# pair alone, and both (DimStepBench.java), on the same fixed batch, medians of ROUNDS rounds of STEPS steps.
#   bench/dim/step.sh            ROUNDS=5 STEPS=10 WARMUP=3; THREADS=2 (pinned to that many CPUs)
# Run it on an otherwise idle machine. Needs: JDK 17, Maven (offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-10}
WARMUP=${WARMUP:-3}
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl encoders -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
CP="catalog/target/classes:encoders/target/classes:$(cat "$CP_FILE")"
CPUS=$(taskset -pc $$ | sed 's/.*: //' | cut -d, -f1-"$THREADS")
TCMALLOC=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
preload=""
if [ -z "${VIEWPAIR_NO_TCMALLOC:-}" ] && [ -f "$TCMALLOC" ]; then preload=$TCMALLOC; fi
echo "CPUs $CPUS, $THREADS threads, allocator ${preload:-glibc}, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
declare -A ms
for variant in global local both; do
    ms[$variant]=$(taskset -c "$CPUS" env OMP_WAIT_POLICY=PASSIVE ${preload:+LD_PRELOAD=$preload} java -Xmx2g \
        -XX:MaxDirectMemorySize=2g -Dai.djl.offline=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
        -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
        bench/dim/DimStepBench.java "$variant" "$WARMUP" "$ROUNDS" "$STEPS" 2>/dev/null)
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
base=$(cut -d' ' -f1 <<< "${ms[global]}")
echo "| pairs | ms per step (median) | × global only | each round (ms) |"
echo "|---|---:|---:|---|"
for variant in global local both; do
    read -r median rounds <<< "${ms[$variant]}"
    awk -v n="$variant" -v m="$median" -v b="$base" -v r="$rounds" 'BEGIN { printf "| %s | %.1f | %.2f× | %s |\n", n, m, m / b, r }'
done
