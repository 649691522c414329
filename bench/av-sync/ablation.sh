#!/usr/bin/env bash
# In-batch negatives only against + hard negatives from the same video, under the sync evaluation of many windows
# and offsets: trains recipes/av-sync.yaml as shipped and without its hard negatives (the `negatives` key and the
# sound_hard view), same seed and data, and tabulates sync accuracy per offset with its 95 % interval, and retrieval.
#   bench/av-sync/ablation.sh          (makes data/synth-video, 400 videos, when missing)
# Writes bench/av-sync/ablation.md (and prints it); runs go to bench/av-sync/out/. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/av-sync/out
mkdir -p "$OUT"
[ -f data/synth-video/manifest.csv ] || ./viewpair datasets make synth-video --out data/synth-video --size 400 >/dev/null
sed -e "s#\.\./data/#$PWD/data/#g" recipes/av-sync.yaml > "$OUT/hard.yaml"
sed -e "/^  sound_hard:/d" -e "s/, sound_hard\]/]/" -e "s/, weight: 1.0,$/, weight: 1.0}/" -e "/negatives: {view: sound_hard}}/d" \
    "$OUT/hard.yaml" > "$OUT/in-batch.yaml"
for variant in in-batch hard; do
    ./viewpair validate "$OUT/$variant.yaml" >/dev/null
    ./viewpair train "$OUT/$variant.yaml" --out "$OUT/run-$variant" --overwrite > "$OUT/train-$variant.log"
done
/usr/bin/python3 - "$OUT" > bench/av-sync/ablation.md <<'PY'
import json, sys
out = sys.argv[1]
print("# av-sync: in-batch negatives only against + hard negatives\n")
print("Command: `bench/av-sync/ablation.sh` (recipes/av-sync.yaml, 400 synth-video videos, 67 test videos × 16 windows)\n")
offsets = ["+0.25s", "-0.25s", "+0.5s", "-0.5s", "+1s", "-1s"]
print("| frame–sound pair | " + " | ".join(f"sync {o}" for o in offsets) + " | frame→sound R@1 / R@5 / R@10 | training s |")
print("|---|" + "---|" * len(offsets) + "---|---|")
for variant, label in [("in-batch", "in-batch negatives only"), ("hard", "+ hard negatives from the same video")]:
    s = json.load(open(f"{out}/run-{variant}/summary.json"))
    sync = s["eval"]["sync"]["frame-sound"]
    cells = [f"{sync[o]['accuracy']:.3f} [{sync[o]['low']:.3f}, {sync[o]['high']:.3f}]" for o in offsets]
    r = s["eval"]["retrieval"]["frame->sound"]
    seconds = sum(json.loads(l).get("step_s", 0) + json.loads(l).get("data_wait_s", 0)
                  for l in open(f"{out}/run-{variant}/metrics.jsonl") if '"step"' in l)
    print(f"| {label} | " + " | ".join(cells) + f" | {r['r1']:.3f} / {r['r5']:.3f} / {r['r10']:.3f} | {seconds:.0f} |")
print("\nAccuracy leaves out the trials where neither sound window holds an onset (ties); ceilings and tie counts: "
      "`./viewpair datasets sync-ceiling recipes/av-sync.yaml`.")
PY
cat bench/av-sync/ablation.md
