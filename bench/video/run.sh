#!/usr/bin/env bash
# Video views benchmark, both sides in one run: the views of recipes/av-sync.yaml until 2026-12-08, kept in
# bench/video/av-sync-kinds.yaml (two 4-frame stacks at 32², two 0.5 s sound windows to 40-band log-mel) of generated synth-video clips, clips per second — viewpair's views
# (VideoViewsBench, 1 and 2 threads) against the same sampling written with PyAV + torchaudio (pyav_bench.py,
# in one process and in a DataLoader of 2 workers). Prints a Markdown table.
#
#   bench/video/run.sh            # from anywhere
#
# Environment: DATA (generated videos, made on first use), SIZE (videos, default 400), ROUNDS (default 3: every
# configuration runs once per round and the table gives its median and range), SECONDS_PER and WARMUP (measured
# and warm-up seconds of each Python run, default 10 and 3), PASSES (measured passes of viewpair over the videos
# after one warm-up pass, default 3), DECODER (the Python side's: pyav, the default, or read_video), TRAIN=1 to
# also train the recipe briefly (EPOCHS, default 8) and print the share of the step time it waited for data.
# One-thread configurations are pinned to CPU 0 and two-way ones to CPUs 0 and 1 (taskset); both sides run with
# OMP_WAIT_POLICY=PASSIVE, as the project does.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/tmp/viewpair-bench-video}
SIZE=${SIZE:-400}
ROUNDS=${ROUNDS:-3}
SECONDS_PER=${SECONDS_PER:-10}
WARMUP=${WARMUP:-3}
PASSES=${PASSES:-3}
DECODER=${DECODER:-pyav}
EPOCHS=${EPOCHS:-8}
RECIPE=/tmp/viewpair-bench-video-av-sync.yaml   # from bench/video/av-sync-kinds.yaml, the former recipes/av-sync.yaml
PY=/usr/bin/python3   # Debian's python3: the one that sees python3-av and python3-torchaudio
export OMP_WAIT_POLICY=PASSIVE

[ -f "$DATA/manifest.csv" ] || ./viewpair datasets make synth-video --out "$DATA" --size "$SIZE" >/dev/null
sed -e "s#path: \.\./data/synth-video/manifest.csv#path: $DATA/manifest.csv#" -e "s/epochs: [0-9]*/epochs: $EPOCHS/" \
    -e '/^eval:/d' bench/video/av-sync-kinds.yaml > "$RECIPE"
./viewpair validate "$RECIPE" >/dev/null   # builds the launcher's jars when sources changed

JAVA=(java -Xmx1g -Dai.djl.offline=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
      -cp "recipes/target/viewpair-recipes-0.1.0-SNAPSHOT.jar:recipes/target/lib/*" bench/video/VideoViewsBench.java
      "$RECIPE" "$PASSES")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results=$(
  for round in $(seq "$ROUNDS"); do
    taskset -c 0 "$PY" bench/video/pyav_bench.py "$DATA/manifest.csv" inproc1 "$SECONDS_PER" "$WARMUP" "$DECODER"
    taskset -c 0,1 "$PY" bench/video/pyav_bench.py "$DATA/manifest.csv" loader2 "$SECONDS_PER" "$WARMUP" "$DECODER"
    taskset -c 0 "${JAVA[@]}" 1 2>/dev/null
    taskset -c 0,1 "${JAVA[@]}" 2 2>/dev/null
  done
)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

RESULTS="$results" "$PY" - "$DATA" "$load_before" "$load_after" <<'PY'
import json, os, platform, statistics, sys
runs = [json.loads(line) for line in os.environ["RESULTS"].splitlines() if line.startswith("{")]
configs = {}
for r in runs:
    configs.setdefault((r["side"], r["config"]), []).append(r["clips_per_s"])
median = {k: statistics.median(v) for k, v in configs.items()}
best = {side: max(m for (s, _), m in median.items() if s == side) for side in ("peer", "viewpair")}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
videos = sum(1 for _ in open(os.path.join(sys.argv[1], "manifest.csv"))) - 1
rounds = max(len(v) for v in configs.values())
print(f"{videos} synth-video clips · {os.cpu_count()} cores of {cpu} · {rounds} round(s) · "
      f"load average before {sys.argv[2]}, after {sys.argv[3]}\n")
print("| configuration | clips/s, median | range over rounds | median × the peer's best median |")
print("|---|---:|---:|---:|")
for (side, config), values in configs.items():
    print(f"| {config} | {median[(side, config)]:.0f} | {min(values):.0f}–{max(values):.0f} | "
          f"{median[(side, config)] / best['peer']:.2f} |")
print(f"\nviewpair's best / the peer's best: {best['viewpair'] / best['peer']:.2f}×")
PY

if [ "${TRAIN:-0}" = 1 ]; then
  ./viewpair train --out /tmp/viewpair-bench-video-run "$RECIPE" 2>/dev/null | grep 'steps in'
fi
