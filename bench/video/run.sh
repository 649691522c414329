#!/usr/bin/env bash
# Video views benchmark: recipes/av-sync.yaml's views (two 4-frame stacks, three audio windows, log-mel) on
# generated synth-video clips — samples per second and CPU per sample on one thread — then a short training of
# the recipe (its eval left out) and the share of the step time it waited for data.
#
#   bench/video/run.sh            # from anywhere
#
# Environment: DATA (generated videos, made on first use), SIZE (videos, default 400), PASSES (measured passes
# over them, default 3), EPOCHS (training epochs, default 8).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/tmp/viewpair-bench-video}
SIZE=${SIZE:-400}
PASSES=${PASSES:-3}
EPOCHS=${EPOCHS:-8}
RECIPE=/tmp/viewpair-bench-video-av-sync.yaml

[ -f "$DATA/manifest.csv" ] || ./viewpair datasets make synth-video --out "$DATA" --size "$SIZE" >/dev/null
sed -e "s#path: \.\./data/synth-video/manifest.csv#path: $DATA/manifest.csv#" -e "s/epochs: [0-9]*/epochs: $EPOCHS/" \
    -e '/^eval:/d' recipes/av-sync.yaml > "$RECIPE"
./viewpair validate "$RECIPE" >/dev/null   # builds the launcher's jars when sources changed

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -Dai.djl.offline=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
    -cp "recipes/target/viewpair-recipes-0.1.0-SNAPSHOT.jar:recipes/target/lib/*" \
    bench/video/VideoViewsBench.java "$RECIPE" "$PASSES" 2>/dev/null
./viewpair train --out /tmp/viewpair-bench-video-run "$RECIPE" 2>/dev/null | grep 'steps in'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
