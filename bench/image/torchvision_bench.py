#!/usr/bin/python3
"""torchvision side of the image pipeline benchmark: SimCLR view pairs per second.

Usage: torchvision_bench.py {photos|fashion} SIZE KERNEL {single|loader} SECONDS

photos:  opencv-doc's sample JPEG/PNG photos, held encoded in memory; each sample is decoded with PIL
         and made RGB, then two views are drawn from it (decode included in the time).
fashion: Fashion-MNIST's training images (gzipped IDX), held as 28 x 28 bytes; each sample becomes an
         RGB PIL image (as viewpair's canonical image is RGB), then two views.
single:  one process, torch.set_num_threads(1), calling the dataset in a loop.
loader:  torch.utils.data.DataLoader with 2 workers (each torch.set_num_threads(1)), batches of 32.

Prints one line: "<view pairs per wall-clock second> <pairs> <seconds> <CPU seconds>", the CPU time of
every process of the configuration (the DataLoader's workers included) over the timed window.
"""
import glob
import gzip
import io
import os
import sys
import time

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image

PHOTOS = "/usr/share/doc/opencv-doc/examples/data"
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
WARMUP_SECONDS = 2.0


def photo_bytes():
    files = sorted(glob.glob(os.path.join(PHOTOS, "*.jpg")) + glob.glob(os.path.join(PHOTOS, "*.png")))
    out = []
    for f in files:
        with open(f, "rb") as fh:
            out.append(fh.read())
    return out


def fashion_images():
    with gzip.open(FASHION, "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows, cols)


def simclr(size, kernel):
    return T.Compose([
        T.RandomResizedCrop(size),
        T.RandomHorizontalFlip(),
        T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        T.RandomGrayscale(p=0.2),
        T.GaussianBlur(kernel, (0.1, 2.0)),
        T.ToTensor(),
        T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])


class Pairs(torch.utils.data.Dataset):
    """Sample i: decode once, two views."""

    def __init__(self, kind, size, kernel):
        self.kind = kind
        self.items = photo_bytes() if kind == "photos" else fashion_images()
        self.transform = simclr(size, kernel)

    def __len__(self):
        return 1 << 30  # cycled over the items: the benchmark stops on time, not on an epoch

    def __getitem__(self, i):
        item = self.items[i % len(self.items)]
        if self.kind == "photos":
            img = Image.open(io.BytesIO(item)).convert("RGB")
        else:
            img = Image.fromarray(item, mode="L").convert("RGB")
        return self.transform(img), self.transform(img)


def cpu_seconds(pids=()):
    """CPU time of this process and of the given child processes, seconds."""
    total = time.process_time()
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def one_thread(_=None):
    torch.set_num_threads(1)


def run_single(dataset, seconds):
    one_thread()
    i = 0
    end = time.perf_counter() + WARMUP_SECONDS
    while time.perf_counter() < end:
        dataset[i]
        i += 1
    start, cpu = time.perf_counter(), cpu_seconds()
    pairs = 0
    while time.perf_counter() - start < seconds:
        dataset[i]
        i += 1
        pairs += 1
    return pairs, time.perf_counter() - start, cpu_seconds() - cpu


def run_loader(dataset, seconds, batch=32):
    one_thread()
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch, num_workers=2, worker_init_fn=one_thread,
                                         shuffle=False, persistent_workers=False, prefetch_factor=2)
    batches = iter(loader)
    end = time.perf_counter() + WARMUP_SECONDS
    while time.perf_counter() < end:
        next(batches)
    pids = [w.pid for w in batches._workers]
    start, cpu = time.perf_counter(), cpu_seconds(pids)
    pairs = 0
    while time.perf_counter() - start < seconds:
        a, b = next(batches)
        pairs += a.shape[0]
    return pairs, time.perf_counter() - start, cpu_seconds(pids) - cpu


def main():
    kind, size, kernel, mode, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    dataset = Pairs(kind, size, kernel)
    pairs, elapsed, cpu = (run_single if mode == "single" else run_loader)(dataset, seconds)
    print(f"{pairs / elapsed:.1f} {pairs} {elapsed:.2f} {cpu:.2f}")


if __name__ == "__main__":
    main()
