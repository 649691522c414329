#!/usr/bin/python3
"""Writes the benchmark's audio files: espeak-ng speech and synthetic tones, 16 kHz mono, half WAV, half FLAC.

    /usr/bin/python3 make_data.py OUT_DIR [COUNT]

Speech sentences are spoken by a few voices at a few speeds (2 to 6 s each); tones are chords with vibrato
and a decaying click train (3 to 5 s). Deterministic for a given COUNT.
"""
import os
import subprocess
import sys
import tempfile

import torch
import torchaudio
import torchaudio.functional as F

RATE = 16000
SENTENCES = [
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Seven views of one sound make a pair of embeddings agree.",
    "Mutual information between two views bounds what an encoder can learn.",
    "A short clip of speech, then another one half a second later.",
    "Please call Stella and ask her to bring these things with her from the store.",
    "Benchmarks measure pairs per second on two cores of a shared machine.",
]
VOICES = ["en", "en-us", "en+f3", "en+m3"]


def speech(i):
    text = SENTENCES[i % len(SENTENCES)]
    voice = VOICES[(i // len(SENTENCES)) % len(VOICES)]
    speed = 140 + 20 * (i % 3)
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", tmp.name, text], check=True)
        x, rate = torchaudio.load(tmp.name)
    return F.resample(x, rate, RATE)


def tone(i):
    g = torch.Generator().manual_seed(i)
    seconds = 3 + 2 * torch.rand(1, generator=g).item()
    t = torch.arange(int(seconds * RATE)) / RATE
    base = 110 * 2 ** (torch.randint(0, 24, (1,), generator=g).item() / 12)
    vibrato = 1 + 0.01 * torch.sin(2 * torch.pi * 5 * t)
    x = sum(torch.sin(2 * torch.pi * base * k * vibrato * t) / k for k in (1, 2, 3, 5))
    clicks = (torch.sin(2 * torch.pi * 3 * t) > 0.99).float() * torch.exp(-t)
    x = 0.3 * x / x.abs().max() + 0.5 * clicks
    return x.unsqueeze(0)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 48
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        x = speech(i // 2) if i % 2 == 0 else tone(i)
        x = 0.9 * x / x.abs().max()
        wav = (i // 2) % 2 == 0
        name = os.path.join(out, f"clip{i:03d}." + ("wav" if wav else "flac"))
        if wav:
            torchaudio.save(name, x, RATE, encoding="PCM_S", bits_per_sample=16)
        else:
            torchaudio.save(name, x, RATE, bits_per_sample=16)
    print(f"{count} files in {out}")


if __name__ == "__main__":
    main()
