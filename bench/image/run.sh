#!/usr/bin/env bash
# Image pipeline benchmark: SimCLR view pairs per second, torchvision 0.14 against viewpair, in one run.
#   bench/image/run.sh            (from the repository root; SECONDS_PER=10 measured seconds per configuration by default)
# Needs: apt-get install -y python3-torchvision opencv-doc dataset-fashion-mnist; JDK 17; Maven.
# Every configuration runs with 2 CPUs at most (taskset), one after the other.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${SECONDS_PER:-10}   # not SECONDS: bash keeps its own clock in that name
PY=/usr/bin/python3   # Debian's python: the one that sees python3-torchvision

CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# views and the modules it depends on (catalog): compiled here, their classes on the classpath
mvn -q -B -o -pl views -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
CP="views/target/classes:$(cat "$CP_FILE")"
CPUS=$(taskset -pc $$ | sed 's/.*: //' | cut -d, -f1-2)   # the first two CPUs this shell may use

# each prints "<pairs per wall-clock second> <pairs> <seconds> <CPU seconds>"
torchvision() { taskset -c "$CPUS" env OMP_NUM_THREADS=1 "$PY" bench/image/torchvision_bench.py "$@"; }
viewpair() {
    taskset -c "$CPUS" java -Xmx2g -XX:MaxDirectMemorySize=2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
        -cp "$CP" bench/image/ImagePipelineBench.java "$@"
}

echo "CPUs $CPUS of $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg), $SECONDS_EACH s per configuration" >&2
results=()
for workload in "photos 224 23" "photos 96 9" "fashion 28 3"; do
    set -- $workload
    results+=("$1 → ${2}², blur $3|$(torchvision "$1" "$2" "$3" single "$SECONDS_EACH")|$(torchvision "$1" "$2" "$3" loader "$SECONDS_EACH")|$(viewpair "$1" "$2" "$3" 1 "$SECONDS_EACH")|$(viewpair "$1" "$2" "$3" 2 "$SECONDS_EACH")")
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# one table per measure: wall-clock pairs/s (what a user sees, disturbed by anything else running) and
# pairs per CPU-second (work per pair, robust to other load; the DataLoader's workers are counted)
table() {
    local title=$1 field=$2
    echo
    echo "$title"
    echo
    echo "| workload | torchvision 1 process | torchvision DataLoader, 2 workers | viewpair 1 thread | viewpair 2 threads | viewpair 2 threads / best torchvision |"
    echo "|---|---:|---:|---:|---:|---:|"
    for row in "${results[@]}"; do
        awk -F'|' -v field="$field" '
            function rate(cell,   f) { split(cell, f, " "); return field == "wall" ? f[1] : f[2] / f[4] }
            { a = rate($2); b = rate($3); c = rate($4); d = rate($5); best = a > b ? a : b
              printf "| %s | %.1f | %.1f | %.1f | %.1f | %.2f× |\n", $1, a, b, c, d, d / best }' <<< "$row"
    done
}
table "View pairs per wall-clock second" wall
table "View pairs per CPU-second (all threads and processes of the configuration)" cpu
