#!/usr/bin/env python3
# A cross-check of eval.sync's interval outside viewpair: a bootstrap over videos (percentile, 10,000 resamples, fixed
# seed) of the accuracy with ties left out, from a run's per-trial file, beside the design effect viewpair uses
# (docs/evaluation.md#the-interval-a-samples-trials-are-not-independent).
#   /usr/bin/python3 bench/av-sync/bootstrap.py runs/av-sync/sync-frame-sound.csv
import csv, sys, numpy as np
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1])))
rng = np.random.default_rng(2026)
for off in ["+0.25s", "-0.25s", "+0.5s", "-0.5s", "+1s", "-1s"]:
    w = defaultdict(float); n = defaultdict(int)
    for r in rows:
        if r["offset"] != off or r["tie"] == "1": continue
        a, b = float(r["in_sync"]), float(r["shifted"])
        w[r["sample"]] += 1 if a > b else 0.5 if a == b else 0; n[r["sample"]] += 1
    ids = sorted(n); s = np.array([w[i] for i in ids]); t = np.array([n[i] for i in ids], float)
    p = s.sum() / t.sum()
    idx = rng.integers(0, len(ids), size=(10000, len(ids)))
    boot = s[idx].sum(1) / t[idx].sum(1)
    lo, hi = np.percentile(boot, [2.5, 97.5])
    deff = ((s - p * t) ** 2).sum() / (t.sum() * p * (1 - p))
    print(f"{off}: p {p:.4f}  cluster bootstrap percentile [{lo:.4f}, {hi:.4f}]  sd {boot.std():.5f}  "
          f"deff {deff:.3f}  bootstrap var / binomial var {boot.var() / (p * (1 - p) / t.sum()):.3f}")
