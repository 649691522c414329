#!/usr/bin/python3
"""The torchaudio side of the audio pipeline benchmark: pairs of views per second.

    /usr/bin/python3 torchaudio_bench.py DATA_DIR MODE SECONDS [WARMUP]

MODE is inproc1 / inproc2 (one loop in this process, torch.set_num_threads(1) or (2)) or loader2 (a
DataLoader with 2 worker processes, one torch thread each, batches of 16). One pair = decode one file
(torchaudio.load, mono), draw an anchor so that both windows fit, and make two views: a 1 s crop at the anchor
and a 1 s crop 0.5 s later, each with a random gain in ±6 dB, Gaussian noise at a random SNR in [10, 30] dB and
a 64-band log-mel (n_fft 400, hop 160, ln(mel + 1e-6)). Prints one JSON line.
"""
import glob
import itertools
import json
import math
import os
import sys

import torch
import torchaudio
import torchaudio.transforms as T

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rate import per_second  # noqa: E402 (bench/rate.py, shared by the peers)

RATE = 16000
WINDOW = RATE  # 1 s
OFFSET = RATE // 2  # 0.5 s


class PairMaker:
    def __init__(self):
        self.mel = T.MelSpectrogram(sample_rate=RATE, n_fft=400, hop_length=160, n_mels=64)

    def view(self, wave, start):
        x = wave[start:start + WINDOW]
        if x.numel() < WINDOW:
            x = torch.nn.functional.pad(x, (0, WINDOW - x.numel()))
        x = x * 10 ** (torch.empty(()).uniform_(-6, 6) / 20)
        rms = x.pow(2).mean().sqrt()
        snr = torch.empty(()).uniform_(10, 30)
        x = x + torch.randn_like(x) * (rms / 10 ** (snr / 20))
        return torch.log(self.mel(x) + 1e-6)

    def pair(self, path):
        wave, rate = torchaudio.load(path)
        assert rate == RATE, path
        wave = wave.mean(0)
        latest = max(0, wave.numel() - WINDOW - OFFSET)
        anchor = int(torch.randint(0, latest + 1, ()))
        return self.view(wave, anchor), self.view(wave, anchor + OFFSET)


class Pairs(torch.utils.data.Dataset):
    def __init__(self, files, length):
        self.files = files
        self.length = length
        self.maker = PairMaker()

    def __len__(self):
        return self.length

    def __getitem__(self, i):
        return self.maker.pair(self.files[i % len(self.files)])


def run_inproc(files, threads, seconds, warmup):
    torch.set_num_threads(threads)
    maker = PairMaker()

    def made():
        for i in itertools.count():
            maker.pair(files[i % len(files)])
            yield 1

    return per_second(made(), seconds, warmup)


def run_loader(files, workers, seconds, warmup, batch=16):
    torch.set_num_threads(1)
    data = Pairs(files, 10_000_000)
    loader = torch.utils.data.DataLoader(data, batch_size=batch, num_workers=workers, shuffle=False,
                                         persistent_workers=True, prefetch_factor=4)
    return per_second((a.shape[0] for a, _ in loader), seconds, warmup)


def main():
    data_dir, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
    files = sorted(glob.glob(os.path.join(data_dir, "*.wav")) + glob.glob(os.path.join(data_dir, "*.flac")))
    torch.manual_seed(7)
    if mode.startswith("inproc"):
        rate = run_inproc(files, int(mode[len("inproc"):]), seconds, warmup)
        label = f"torchaudio in-process, {mode[len('inproc'):]} torch thread(s)"
    elif mode.startswith("loader"):
        rate = run_loader(files, int(mode[len("loader"):]), seconds, warmup)
        label = f"torchaudio DataLoader, {mode[len('loader'):]} workers"
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps({"side": "torchaudio", "config": label, "pairs_per_s": rate}))


if __name__ == "__main__":
    main()
