"""Reads the run folders of bench/bottleneck/sweep.sh into a Markdown table per β (mean ± standard deviation over
seeds) and draws the information plane (an SVG): the upper bounds on I(X; Z) against the lower bound on I(Z_a; Z_b).

    python3 bench/bottleneck/report.py OUT_DIR [PLANE.svg]

Per run, the training estimates are averaged over the last quarter of its steps: `keep` (InfoNCE, lower bound),
`rate` (the exact leave-one-out upper bound on I(X_a; Z_a)), and the closed-form KL of img_a's posterior to N(0, I)
(the VIB upper bound); the probes are the run's summary.json test accuracies. Non-finite steps are counted from
metrics.jsonl (a non-finite loss or estimate, or a skipped batch)."""
import json
import math
import pathlib
import re
import statistics
import sys


def run_numbers(folder):
    steps = []
    skipped = 0
    for line in (folder / "metrics.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["type"] == "skipped":
            skipped += 1
        elif record["type"] == "step":
            steps.append(record)
    tail = steps[len(steps) * 3 // 4:]
    nonfinite = skipped + sum(1 for s in steps if not all(
        isinstance(v, (int, float)) and math.isfinite(v)
        for v in [s["loss"], s["pairs"]["keep"]["nats"], s["pairs"]["rate"]["nats"], s["views"]["img_a"]["kl"]]))
    summary = json.loads((folder / "summary.json").read_text())
    probe = summary["eval"]["linear_probe"]
    variance = [statistics.fmean(s["views"]["img_a"]["variance"]) for s in tail]
    return {
        "keep": statistics.fmean(s["pairs"]["keep"]["nats"] for s in tail),
        "rate": statistics.fmean(s["pairs"]["rate"]["nats"] for s in tail),
        "kl": statistics.fmean(s["views"]["img_a"]["kl"] for s in tail),
        "variance": statistics.fmean(variance),
        "probe_z": probe["image@projection"]["trained"],
        "probe_embedding": probe["image"]["trained"],
        "steps": len(steps),
        "nonfinite": nonfinite,
        "seconds": summary["wall_seconds"],
    }


def ablations(out):
    """The ablation runs (a setting of the recipe's stability recipe removed), one row each: a run that stopped on
    non-finite steps has no summary.json, and its last log line says why."""
    rows = []
    for folder in sorted(out.glob("ablation-*")):
        if not folder.is_dir():
            continue
        name = folder.name[len("ablation-"):]
        if (folder / "summary.json").exists():
            r = run_numbers(folder)
            rows.append(f"| {name} | finished | {r['keep']:.3f} | {r['rate']:.3f} | {r['kl']:.3f} | {r['variance']:.2e} |"
                        f" {r['probe_z']:.3f} | {r['nonfinite']} of {r['steps']} |")
        else:
            log = out / f"ablation-{name}.log"
            last = log.read_text().strip().splitlines()[-1] if log.exists() else "no log"
            rows.append(f"| {name} | stopped: {last[:160]} | | | | | | |")
    if rows:
        print("\nAblations, seed 1: no-warmup is β = 1 without the warm-up; no-floor is β = 0.001 with σ's floor at 1e-6:\n")
        print("| run | outcome | InfoNCE | LOO | KL | mean σ² | probe on Z | non-finite steps |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(rows))


def spread(values):
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return mean, sd


def main():
    out = pathlib.Path(sys.argv[1])
    runs = {}
    stopped = []
    for folder in sorted(out.iterdir()):
        match = re.fullmatch(r"beta-(.+)-seed-(\d+)", folder.name)
        if folder.is_dir() and match:
            if (folder / "summary.json").exists():
                runs.setdefault(float(match.group(1)), []).append(run_numbers(folder))
            else:
                stopped.append(folder.name)
    keys = [("keep", "InfoNCE I(Z_a; Z_b) ≥"), ("rate", "LOO I(X; Z) ≤"), ("kl", "KL (VIB) I(X; Z) ≤"),
            ("variance", "mean σ²"), ("probe_z", "probe on Z (mean)"), ("probe_embedding", "probe on embedding")]
    print("| β | runs | " + " | ".join(label for _, label in keys) + " | non-finite steps |")
    print("|---:|---:|" + "---:|" * len(keys) + "---:|")
    for beta in sorted(runs):
        cells = []
        for key, _ in keys:
            mean, sd = spread([r[key] for r in runs[beta]])
            cells.append(f"{mean:.3f} ± {sd:.3f}")
        nonfinite = sum(r["nonfinite"] for r in runs[beta])
        steps = sum(r["steps"] for r in runs[beta])
        print(f"| {beta:g} | {len(runs[beta])} | " + " | ".join(cells) + f" | {nonfinite} of {steps} |")
    if stopped:
        print(f"\nRuns that stopped before their summary (left out above): {', '.join(stopped)}")
    ablations(out)
    seconds = sum(r["seconds"] for rs in runs.values() for r in rs)
    print(f"\n± is the standard deviation over seeds (run-to-run spread); estimates are the mean over each run's last"
          f" quarter of steps; {sum(len(r) for r in runs.values())} runs, {seconds:.0f} s of training and evaluation.")
    if len(sys.argv) > 2:
        plot(runs, sys.argv[2])


def plot(runs, path):
    """The information plane as an SVG (no plotting library needed): one point per run, x = an upper bound on I(X; Z)
    (log scale; dots: leave-one-out, crosses: KL), y = the InfoNCE lower bound, one colour per β."""
    width, height, left, right, top, bottom = 640, 420, 70, 170, 30, 50
    xs = [v for rs in runs.values() for r in rs for v in (r["rate"], r["kl"]) if v > 0]
    ys = [r["keep"] for rs in runs.values() for r in rs]
    lo, hi = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y_lo, y_hi = min(0.0, min(ys)), max(ys) * 1.1 + 1e-9

    def px(v):
        return left + (math.log10(v) - lo) / (hi - lo) * (width - left - right)

    def py(v):
        return height - bottom - (v - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    palette = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725", "#e3670c", "#b5179e"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif"'
           f' font-size="12"><rect width="100%" height="100%" fill="white"/>',
           f'<text x="{left}" y="18">Information plane: recipes/bottleneck.yaml, one point per run</text>']
    x0, x1, y0, y1 = left, width - right, height - bottom, top
    out.append(f'<path d="M{x0},{y1} L{x0},{y0} L{x1},{y0}" stroke="black" fill="none"/>')
    for decade in range(math.floor(lo), math.ceil(hi) + 1):
        for mantissa in (1, 2, 5):
            v = mantissa * 10 ** decade
            if lo <= math.log10(v) <= hi:
                out.append(f'<line x1="{px(v):.1f}" y1="{y0}" x2="{px(v):.1f}" y2="{y0 + 5}" stroke="black"/>'
                           f'<text x="{px(v):.1f}" y="{y0 + 18}" text-anchor="middle">{v:g}</text>')
    step = max(0.5, round((y_hi - y_lo) / 5 * 2) / 2)
    tick = 0.0
    while tick <= y_hi:
        if tick >= y_lo:
            out.append(f'<line x1="{x0 - 5}" y1="{py(tick):.1f}" x2="{x0}" y2="{py(tick):.1f}" stroke="black"/>'
                       f'<text x="{x0 - 8}" y="{py(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step
    out.append(f'<text x="{(x0 + x1) / 2}" y="{height - 12}" text-anchor="middle">upper bound on I(X; Z), nats'
               ' (log scale): dot: leave-one-out, cross: KL (VIB)</text>')
    out.append(f'<text transform="translate(16,{(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">InfoNCE lower bound'
               ' on I(Z_a; Z_b), nats</text>')
    for i, beta in enumerate(sorted(runs)):
        color = palette[i % len(palette)]
        for r in runs[beta]:
            out.append(f'<circle cx="{px(r["rate"]):.1f}" cy="{py(r["keep"]):.1f}" r="4" fill="{color}"/>')
            x, y = px(r["kl"]), py(r["keep"])
            out.append(f'<path d="M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} M{x - 4:.1f},{y + 4:.1f}'
                       f' L{x + 4:.1f},{y - 4:.1f}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<circle cx="{width - right + 20}" cy="{top + 20 + 18 * i}" r="4" fill="{color}"/>'
                   f'<text x="{width - right + 30}" y="{top + 24 + 18 * i}">β = {beta:g}</text>')
    out.append("</svg>")
    pathlib.Path(path).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
