"""Scores every side of the Fashion-MNIST benchmark with the one protocol of common.py and writes results.md.

    python3 report.py --data DIR --out OUT_DIR   (OUT_DIR holds what run.sh wrote)
"""
import argparse
import csv
import json
import os
import platform
import time

import numpy as np

import common


def viewpair_features(out, name):
    x = np.load(os.path.join(out, f"viewpair-{name}.npy"))
    with open(os.path.join(out, f"viewpair-{name}.ids.csv")) as f:
        y = np.array([int(row["label"]) for row in csv.DictReader(f)])
    return x, y


def viewpair_training(run):
    """Steps, training seconds (the steps' own time and their data waits) and the run's own evaluation."""
    with open(os.path.join(run, "summary.json")) as f:
        summary = json.load(f)
    seconds = 0.0
    with open(os.path.join(run, "metrics.jsonl")) as f:
        for line in f:
            record = json.loads(line)
            if record["type"] == "step":
                seconds += record["step_s"] + record["data_wait_s"]
    return summary, seconds


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--train-limit", type=int, default=0, help="probe with the first N training images only (smoke tests)")
    args = p.parse_args()
    out = args.out
    rows = {}
    limit = slice(0, args.train_limit or None)
    print(common.PROTOCOL)

    summary, vp_seconds = viewpair_training(os.path.join(out, "viewpair-run"))
    train_x, train_y = viewpair_features(out, "train")
    test_x, test_y = viewpair_features(out, "test")
    rows["viewpair"] = common.evaluate("viewpair", train_x[limit], train_y[limit], test_x, test_y)
    rows["viewpair"].update(steps=summary["steps"], seconds=vp_seconds, wall=summary["wall_seconds"],
                            own_probe=summary["eval"]["linear_probe"]["image"]["trained"],
                            own_knn=summary["eval"]["knn"]["image"]["trained"])

    torch_npz = np.load(os.path.join(out, "torch-features.npz"))
    with open(os.path.join(out, "torch-features.npz.json")) as f:
        torch_run = json.load(f)
    rows["PyTorch"] = common.evaluate("PyTorch", torch_npz["train_x"][limit], torch_npz["train_y"][limit],
                                      torch_npz["test_x"], torch_npz["test_y"])
    rows["PyTorch"].update(steps=torch_run["steps"], seconds=torch_run["train_seconds"], torch=torch_run["torch"])

    images, labels = common.load(args.data, "train")
    images, labels = images[limit], labels[limit]
    test_images, test_labels = common.load(args.data, "t10k")
    rows["pixels"] = common.evaluate("raw pixels", images.reshape(len(images), -1) / 255.0, labels,
                                     test_images.reshape(len(test_images), -1) / 255.0, test_labels)

    vp, pt, px = rows["viewpair"], rows["PyTorch"], rows["pixels"]
    lines = [
        f"Fashion-MNIST, recipes/fashion-mnist.yaml; {time.strftime('%Y-%m-%d')}, {platform.node()},"
        f" {os.cpu_count()} CPUs visible; both trainings pinned to 2 CPUs. {args.note}".rstrip(),
        "",
        "| | steps | training s | steps/s | linear probe (test) | probe l2 | kNN k=20 (test) | viewpair's own probe / kNN |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| viewpair (DJL) | {vp['steps']} | {vp['seconds']:.0f} | {vp['steps'] / vp['seconds']:.2f} | {vp['probe']:.4f} |"
        f" {vp['l2']:g} | {vp['knn']:.4f} | {vp['own_probe']:.4f} / {vp['own_knn']:.4f} |",
        f"| PyTorch {pt['torch']} | {pt['steps']} | {pt['seconds']:.0f} | {pt['steps'] / pt['seconds']:.2f} |"
        f" {pt['probe']:.4f} | {pt['l2']:g} | {pt['knn']:.4f} | — |",
        f"| raw pixels (no training) | — | — | — | {px['probe']:.4f} | {px['l2']:g} | {px['knn']:.4f} | — |",
        "",
        f"viewpair / PyTorch steps per second: {(vp['steps'] / vp['seconds']) / (pt['steps'] / pt['seconds']):.2f}×."
        f" viewpair's run took {vp['wall']:.0f} s in all, its own evaluation included.",
        "",
        "Protocol (every row): " + common.PROTOCOL,
        "viewpair's own probe (summary.json): standardized features, fixed l2 = 1e-4, no validation split.",
    ]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
