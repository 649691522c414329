#!/usr/bin/python3
"""Reference outputs of torchaudio for the viewpair audio ops (TorchaudioAgreementTest).

Run once with Debian's python3 (python3-torchaudio 0.13.1, espeak-ng) from this folder:

    /usr/bin/python3 make_fixtures.py

It writes speech.wav (1 s of espeak-ng speech, 16 kHz, 16-bit mono), one little-endian float32 file per
reference array (row-major, shape in fixtures.json) and fixtures.json with every parameter used. The
references are computed from speech.wav as torchaudio.load reads it back (int16 / 32768), which is what
AudioDecoder gives the Java side. The Java test never runs this script.
"""
import json
import subprocess
import tempfile
import wave

import numpy as np
import torch
import torchaudio
import torchaudio.functional as F
import torchaudio.transforms as T

RATE = 16000
TEXT = "Seven views of one sound."

torch.set_num_threads(1)


def speech():
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", "en", "-s", "160", "-w", tmp.name, TEXT], check=True)
        x, rate = torchaudio.load(tmp.name)
    x = F.resample(x, rate, RATE)[0]
    # from the first sound on, one second, peak at 0.8 so that filters stay inside ±1
    start = int(torch.nonzero(x.abs() > 0.01)[0]) - 800
    x = x[max(start, 0):max(start, 0) + RATE]
    x = x / x.abs().max() * 0.8
    pcm = np.round(x.numpy() * 32767).astype("<i2")
    with wave.open("speech.wav", "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    y, rate = torchaudio.load("speech.wav")
    assert rate == RATE and y.shape == (1, RATE)
    return y[0]


def save(entries, name, array, **params):
    array = array.detach().to(torch.float32).contiguous().numpy()
    array.astype("<f4").tofile(name + ".f32")
    entries[name] = {"file": name + ".f32", "shape": list(array.shape), **params}


def main():
    x = speech()
    entries = {}

    p = dict(n_fft=400, hop_length=160, win_length=400, power=2.0)
    save(entries, "spectrogram_power", T.Spectrogram(**p)(x), op="spectrogram", **p)

    p = dict(n_fft=512, hop_length=128, win_length=320, power=1.0)
    save(entries, "spectrogram_magnitude", T.Spectrogram(**p)(x), op="spectrogram", **p)

    p = dict(sample_rate=RATE, n_fft=512, hop_length=160, win_length=400, f_min=20.0, f_max=7600.0, n_mels=64,
             power=2.0)
    save(entries, "log_mel", torch.log(T.MelSpectrogram(**p)(x) + 1e-6), op="log_mel", log_offset=1e-6, **p)

    mel = dict(n_fft=400, hop_length=160, n_mels=64)
    save(entries, "mfcc_db", T.MFCC(sample_rate=RATE, n_mfcc=40, log_mels=False, melkwargs=mel)(x),
         op="mfcc", n_mfcc=40, log_mels=False, **mel)
    mel = dict(n_fft=512, hop_length=256, n_mels=40, f_min=50.0, f_max=7000.0)
    save(entries, "mfcc_log", T.MFCC(sample_rate=RATE, n_mfcc=13, log_mels=True, melkwargs=mel)(x),
         op="mfcc", n_mfcc=13, log_mels=True, **mel)

    save(entries, "lowpass_1000", F.lowpass_biquad(x, RATE, 1000.0), op="lowpass", cutoff_freq=1000.0, Q=0.707)
    save(entries, "highpass_500", F.highpass_biquad(x, RATE, 500.0), op="highpass", cutoff_freq=500.0, Q=0.707)
    save(entries, "fade", T.Fade(fade_in_len=1600, fade_out_len=4000, fade_shape="linear")(x),
         op="fade", fade_in_len=1600, fade_out_len=4000)

    with open("fixtures.json", "w") as f:
        json.dump({"torchaudio": torchaudio.__version__, "torch": torch.__version__, "text": TEXT,
                   "audio": {"file": "speech.wav", "sample_rate": RATE, "samples": RATE}, "arrays": entries},
                  f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
