#!/usr/bin/env bash
# The frame–sound pair of recipes/av-sync.yaml three ways, same seed, data and epochs, under the sync evaluation of
# many windows (anchors drawn uniformly in every run, eval.sync.anchors: uniform):
#   in-batch  in-batch negatives only (the recipe without its `negatives` key; sound_hard declared but unused)
#   hard      + hard negatives from the same video (the recipe as shipped)
#   onset     + onset anchors: as shipped, the training anchors placed on onsets of the sound (sound at: onset - 0.25s)
# Tabulates sync accuracy per offset with its 95 % interval (counted by video: docs/evaluation.md), the ceiling,
# retrieval and the training time.
#   bench/av-sync/ablation.sh [ROW ...]     (default: all three; DATA=folder, default data/synth-video-timing,
#                                           made with --variant timing --seed 7 --size 2000 when missing)
# Writes bench/av-sync/ablation.md from the runs found in bench/av-sync/out/ (and prints it). Run it under the CPU lock
# of a shared machine: each row trained for 3–4 minutes on 2 cores (2026-12-08).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/av-sync/out
DATA=${DATA:-data/synth-video-timing}
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(in-batch hard onset)
mkdir -p "$OUT"
[ -f "$DATA/manifest.csv" ] || ./viewpair datasets make synth-video --variant timing --seed 7 --size 2000 --out "$DATA" >/dev/null
sed -e "s#path: \.\./data/synth-video-timing/#path: $PWD/$DATA/#" recipes/av-sync.yaml > "$OUT/hard.yaml"
# in-batch keeps the sound_hard view declared, fed to no encoder: the anchors' range depends on every view, so all
# three rows draw the same anchors and are scored on the same trials
sed -e "s/, sound_hard\]/]/" -e "s/, weight: 1.0,$/, weight: 1.0}/" -e "/negatives: {view: sound_hard}}/d" \
    "$OUT/hard.yaml" > "$OUT/in-batch.yaml"
sed -e "/^  sound:/s/at: anchor - 0.25s/at: onset - 0.25s/" "$OUT/hard.yaml" > "$OUT/onset.yaml"
for variant in "${ROWS[@]}"; do
    ./viewpair validate "$OUT/$variant.yaml" >/dev/null
    ./viewpair train "$OUT/$variant.yaml" --out "$OUT/run-$variant" --overwrite > "$OUT/train-$variant.log" 2>&1
done
/usr/bin/python3 - "$OUT" "$DATA" > bench/av-sync/ablation.md <<'PY'
import json, os, sys
out, data = sys.argv[1], sys.argv[2]
print("# av-sync: in-batch negatives, + hard negatives, + onset anchors\n")
print(f"Command: `bench/av-sync/ablation.sh` (recipes/av-sync.yaml on `{data}`: synth-video `--variant timing --seed 7 "
      "--size 2000`, a seed the recipe was not tuned on; 1,600 train / 400 test videos × 16 uniform anchors)\n")
offsets = ["+0.25s", "-0.25s", "+0.5s", "-0.5s", "+1s", "-1s"]
print("| frame–sound pair | " + " | ".join(f"sync {o}" for o in offsets) + " | frame→sound R@1 / R@5 / R@10 | training s |")
print("|---|" + "---|" * len(offsets) + "---|---|")
rows = [("in-batch", "in-batch negatives only"), ("hard", "+ hard negatives from the same video"),
        ("onset", "+ onset anchors for training")]
for variant, label in rows:
    path = f"{out}/run-{variant}/summary.json"
    if not os.path.exists(path):
        print(f"| {label} | " + " | ".join("not run" for _ in offsets) + " | | |")
        continue
    s = json.load(open(path))
    sync = s["eval"]["sync"]["frame-sound"]
    cells = [f"{sync[o]['accuracy']:.3f} [{sync[o]['low']:.3f}, {sync[o]['high']:.3f}]" for o in offsets]
    r = s["eval"]["retrieval"]["frame->sound"]
    seconds = sum(json.loads(l).get("step_s", 0) + json.loads(l).get("data_wait_s", 0)
                  for l in open(f"{out}/run-{variant}/metrics.jsonl") if '"step"' in l)
    print(f"| {label} | " + " | ".join(cells) + f" | {r['r1']:.3f} / {r['r5']:.3f} / {r['r10']:.3f}"
          f" | {seconds:.0f} ({s['steps']} steps; run {s['wall_seconds']:.0f}) |")
print()
for variant, label in rows:
    if os.path.exists(f"{out}/run-{variant}/summary.json"):
        sync = json.load(open(f"{out}/run-{variant}/summary.json"))["eval"]["sync"]["frame-sound"]
        print(f"Trials per offset, {label}: " + ", ".join(
            f"{o} {sync[o]['trials']}" + (f" of {sync[o]['samples']} videos" if 'samples' in sync[o] else "")
            + f" ({sync[o]['ties']} ties, ceiling "
            f"{sync[o]['ceiling']:.3f}" + (f", design effect {sync[o]['design_effect']:.2f}" if 'design_effect' in sync[o] else "")
            + ")" for o in offsets) + ".\n")
print("\nAccuracy leaves out the trials where neither sound window holds an onset (ties); the interval is Wilson's 95 % "
      "over the other trials, counted by video (over trials / design effect; docs/evaluation.md) where the summary gives "
      "a design effect, else (runs before 2026-12-08) counting a video's 16 anchors as independent. Ceilings and tie "
      "counts without a model: `./viewpair datasets sync-ceiling recipes/av-sync.yaml`.")
PY
cat bench/av-sync/ablation.md
