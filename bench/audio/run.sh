#!/usr/bin/env bash
# Audio pipeline benchmark, both sides in one run: pairs of views per second from WAV/FLAC files
# (decode + 1 s crop at a random anchor + 1 s crop 0.5 s later + gain + noise + 64-band log-mel per crop).
#
#   bench/audio/run.sh            # from anywhere; prints a Markdown table
#
# Environment: DATA (folder of generated clips, made on first use), SECONDS_PER (measured seconds per
# configuration, default 12), WARMUP (seconds before measuring, default 3), ROUNDS (default 3: every configuration
# runs once per round, rounds one after another, and the table gives each configuration's median and range — one
# run of each swung by up to 50 % on the shared VM, torchaudio's DataLoader most). Both sides run with
# OMP_WAIT_POLICY=PASSIVE, as the project does: spinning OpenMP threads collapse on a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/tmp/viewpair-bench-audio}
SECONDS_PER=${SECONDS_PER:-12}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
CP_FILE=/tmp/viewpair-bench-audio-cp.txt
PY=/usr/bin/python3   # Debian's python3: the one that sees python3-torchaudio

# views and the modules it depends on (catalog): compiled here, their classes on the classpath
mvn -q -B -o -pl views -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
[ -n "$(ls "$DATA" 2>/dev/null)" ] || "$PY" bench/audio/make_data.py "$DATA" 48 >/dev/null

# the JVM flags the project's tests and launcher use (JavaCPP's physical-memory check reads /proc on every
# native allocation when it is on; the vector module for the log-mel's FFT)
JAVA=(java -Xmx1g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 --add-modules jdk.incubator.vector
      -cp "views/target/classes:$(cat "$CP_FILE")"
      bench/audio/AudioPipelineBench.java)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results=$(
  for round in $(seq "$ROUNDS"); do
    for mode in inproc1 inproc2 loader2; do
      OMP_WAIT_POLICY=PASSIVE "$PY" bench/audio/torchaudio_bench.py "$DATA" "$mode" "$SECONDS_PER" "$WARMUP"
    done
    for threads in 1 2; do
      "${JAVA[@]}" "$DATA" "$threads" "$SECONDS_PER" "$WARMUP"
    done
  done
)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

RESULTS="$results" "$PY" - "$DATA" "$load_before" "$load_after" <<'PY'
import json, os, platform, sys
import statistics
runs = [json.loads(line) for line in os.environ["RESULTS"].splitlines() if line.strip()]
configs = {}
for r in runs:
    configs.setdefault((r["side"], r["config"]), []).append(r["pairs_per_s"])
median = {k: statistics.median(v) for k, v in configs.items()}
best = max(m for (side, _), m in median.items() if side == "torchaudio")
files = len([f for f in os.listdir(sys.argv[1]) if f.endswith((".wav", ".flac"))])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
rounds = max(len(v) for v in configs.values())
print(f"{files} clips (16 kHz mono WAV and FLAC, 2-6 s) · {os.cpu_count()} cores of {cpu} · {rounds} round(s) · "
      f"load average before {sys.argv[2]}, after {sys.argv[3]}\n")
print("| configuration | pairs/s, median | range over rounds | median × torchaudio's best median |")
print("|---|---:|---:|---:|")
for (side, config), values in configs.items():
    print(f"| {config} | {median[(side, config)]:.0f} | {min(values):.0f}–{max(values):.0f} | {median[(side, config)] / best:.2f} |")
PY
