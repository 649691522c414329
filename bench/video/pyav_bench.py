#!/usr/bin/python3
"""The PyAV / torchaudio side of the video views benchmark: clips per second.

    /usr/bin/python3 pyav_bench.py MANIFEST MODE SECONDS [WARMUP] [DECODER]
    /usr/bin/python3 pyav_bench.py check VIDEO TIME...

One clip = bench/video/av-sync-kinds.yaml's four views (recipes/av-sync.yaml until 2026-12-08) of one video, as a PyTorch user writes them: draw an anchor
uniformly where every window fits (anchor - 0.25 s >= 0, anchor + 1.5 s <= duration); `frame` = the frames shown
at anchor - 0.25 s + i/8 s, i = 0..3, and `later` = the same from anchor + 0.25 s, each 64x64 RGB frame shrunk
to 32x32 by area averaging (OpenCV's INTER_AREA, which viewpair uses) and scaled to [0, 1], stacked to
[12, 32, 32]; `sound` = 0.5 s of the sound track (mono, 16 kHz) from anchor - 0.25 s and `sound_hard` = 0.5 s
from anchor + 0.75 s + U(-0.25, 0.25) s, zero-padded past the ends, each a 40-band log-mel (torchaudio
MelSpectrogram, n_fft 512, hop 128, f_max 6000, ln(x + 1e-6)) standardized to mean 0, std 1.

DECODER: `pyav` (default: open the container, decode the whole sound track, seek the video stream to the
keyframe before the first frame and decode forward through the eight frames) or `read_video`
(torchvision.io.read_video of the whole clip, pictures and sound, then index).

MODE: inproc1 (one loop in this process, torch.set_num_threads(1)) or loader2 (a DataLoader with 2 worker
processes, one torch thread each, batches of 32 as the recipe trains). Prints one JSON line.

`check` prints, for each TIME, the mean of the 32x32 RGB frame shown then (0-255) and the mean absolute value
of the 0.5 s mono 16 kHz window from then, as this script decodes them: bench/video/FrameCheck.java prints the
same from viewpair's video reader.
"""
import csv
import itertools
import json
import math
import os
import sys
import time

import av
import numpy as np
import torch
import torch.nn.functional as F
import torchaudio.functional as AF
import torchaudio.transforms as T

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rate import per_second  # noqa: E402 (bench/rate.py, shared by the peers)

RATE = 16000
WINDOW = RATE // 2  # 0.5 s
FRAMES = 4
FRAME_STEP = 1 / 8
SIZE = 32
TOLERANCE = 1e-5


def shrink(rgb):
    """[N, H, W, 3] uint8 -> [N, 3, 32, 32] in [0, 1]: area averaging, rounded to 8 bits as OpenCV's output is."""
    x = torch.from_numpy(np.ascontiguousarray(rgb)).permute(0, 3, 1, 2).float()
    if x.shape[-2:] != (SIZE, SIZE):
        x = F.interpolate(x, size=(SIZE, SIZE), mode="area").round()
    return x / 255


def mono16k(chunks, rate):
    """Decoded audio chunks [channels, n] at `rate` -> one mono float tensor at 16 kHz."""
    wave = torch.from_numpy(np.concatenate(chunks, axis=1)).float().mean(0)
    return wave if rate == RATE else AF.resample(wave, rate, RATE)


def decode_pyav(path, times):
    """The RGB frames shown at `times` (ascending) and the whole sound track, mono 16 kHz, with its start time."""
    with av.open(path) as container:
        duration = container.duration / av.time_base
        audio = container.streams.audio[0]
        chunks, start = [], None
        for frame in container.decode(audio=0):
            if start is None:
                start = frame.time or 0.0
            chunks.append(frame.to_ndarray().reshape(audio.channels, -1) if frame.format.is_planar
                          else frame.to_ndarray().reshape(-1, audio.channels).T)
        wave = mono16k(chunks, audio.rate)
        video = container.streams.video[0]
        last = max(0.0, duration - 1 / float(video.average_rate))
        wanted = [min(max(t, 0.0), last) for t in times]
        container.seek(int(max(0.0, wanted[0] - 0.5 / float(video.average_rate)) / video.time_base), stream=video,
                       backward=True)
        shown, previous = [], None
        for frame in container.decode(video=0):
            while len(shown) < len(wanted) and frame.time > wanted[len(shown)] + TOLERANCE:
                shown.append(previous if previous is not None else frame)
            if len(shown) == len(wanted):
                break
            previous = frame
        while len(shown) < len(wanted):
            shown.append(previous)
        rgb = np.stack([f.to_ndarray(format="rgb24") for f in shown])
    return rgb, wave, start


def decode_read_video(path, times):
    """As decode_pyav, with torchvision.io.read_video of the whole clip."""
    import torchvision.io
    frames, sound, info = torchvision.io.read_video(path, pts_unit="sec")
    fps = info["video_fps"]
    index = [min(max(int(math.floor(t * fps + TOLERANCE)), 0), frames.shape[0] - 1) for t in times]
    wave = sound.float().mean(0)
    if info["audio_fps"] != RATE:
        wave = AF.resample(wave, info["audio_fps"], RATE)
    return frames[index].numpy(), wave, 0.0


DECODERS = {"pyav": decode_pyav, "read_video": decode_read_video}


def window(wave, start_time, at):
    """0.5 s of `wave` (which starts at `start_time`) from `at` seconds, zero-padded past the ends."""
    first = round(at * RATE) - round(start_time * RATE)
    out = torch.zeros(WINDOW)
    lo, hi = max(first, 0), min(first + WINDOW, wave.numel())
    if hi > lo:
        out[lo - first:hi - first] = wave[lo:hi]
    return out


class ClipViews:
    def __init__(self, decoder="pyav"):
        self.decode = DECODERS[decoder]
        self.mel = T.MelSpectrogram(sample_rate=RATE, n_fft=512, hop_length=128, n_mels=40, f_max=6000.0)

    def __call__(self, path, duration):
        anchor = float(torch.empty(()).uniform_(0.25, max(0.25, duration - 1.5)))
        times = [anchor - 0.25 + i * FRAME_STEP for i in range(FRAMES)] + \
                [anchor + 0.25 + i * FRAME_STEP for i in range(FRAMES)]
        rgb, wave, start = self.decode(path, times)
        pictures = shrink(rgb)
        frame = pictures[:FRAMES].reshape(3 * FRAMES, SIZE, SIZE)
        later = pictures[FRAMES:].reshape(3 * FRAMES, SIZE, SIZE)
        hard = anchor + 0.75 + float(torch.empty(()).uniform_(-0.25, 0.25))
        spec = torch.log(self.mel(torch.stack([window(wave, start, anchor - 0.25), window(wave, start, hard)])) + 1e-6)
        mean = spec.mean(dim=(1, 2), keepdim=True)
        std = spec.std(dim=(1, 2), unbiased=False, keepdim=True)
        spec = (spec - mean) / torch.where(std > 0, std, torch.ones_like(std))
        return frame, later, spec[0], spec[1]


def videos(manifest):
    """(path, duration) of every video in a viewpair manifest (its `video` column, relative to the manifest)."""
    base = os.path.dirname(os.path.abspath(manifest))
    out = []
    with open(manifest, newline="") as f:
        for row in csv.DictReader(f):
            path = os.path.join(base, row["video"])
            with av.open(path) as c:
                out.append((path, c.duration / av.time_base))
    return out


class Clips(torch.utils.data.Dataset):
    def __init__(self, files, length, decoder):
        self.files, self.length, self.views = files, length, ClipViews(decoder)

    def __len__(self):
        return self.length

    def __getitem__(self, i):
        return self.views(*self.files[i % len(self.files)])


def run_inproc(files, seconds, warmup, decoder):
    torch.set_num_threads(1)
    views = ClipViews(decoder)

    def made():
        for i in itertools.count():
            views(*files[i % len(files)])
            yield 1

    return per_second(made(), seconds, warmup)


def run_loader(files, workers, seconds, warmup, decoder, batch=32):
    torch.set_num_threads(1)
    loader = torch.utils.data.DataLoader(Clips(files, 10_000_000, decoder), batch_size=batch, num_workers=workers,
                                         shuffle=False, persistent_workers=True, prefetch_factor=4)
    return per_second((frame.shape[0] for frame, *_ in loader), seconds, warmup)


def check(path, times):
    for t in times:
        rgb, wave, start = decode_pyav(path, [t])
        w = window(wave, start, t)
        print(f"{t:.4f} {float(shrink(rgb).mean()) * 255:.4f} {float(w.abs().mean()):.6f}")


def main():
    if sys.argv[1] == "check":
        check(sys.argv[2], [float(t) for t in sys.argv[3:]])
        return
    manifest, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
    decoder = sys.argv[5] if len(sys.argv) > 5 else "pyav"
    files = videos(manifest)
    torch.manual_seed(7)
    if mode == "inproc1":
        rate = run_inproc(files, seconds, warmup, decoder)
        label = f"{decoder} + torchaudio in-process, 1 torch thread"
    elif mode.startswith("loader"):
        workers = int(mode[len("loader"):])
        rate = run_loader(files, workers, seconds, warmup, decoder)
        label = f"{decoder} + torchaudio DataLoader, {workers} workers"
    else:
        raise SystemExit("unknown mode " + mode + ": give inproc1 or loader2")
    print(json.dumps({"side": "peer", "config": label, "clips_per_s": rate}))


if __name__ == "__main__":
    main()
