package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/**
 * Scales the waveform by a gain in decibels drawn uniformly from [lowDb, highDb]. By default samples are not
 * clipped to ±1: float PCM keeps the headroom, and a later normalization sees the true level; with
 * {@code clamp} they are limited to ±1 like a fixed-point recording (torchaudio's {@code Vol}).
 *
 * @param lowDb the smallest gain
 * @param highDb the largest gain
 * @param clamp limit the result to [−1, 1]
 */
public record Gain(double lowDb, double highDb, boolean clamp) implements Op<Audio, Audio> {
    public Gain {
        if (!(lowDb <= highDb)) {
            throw new IllegalArgumentException("gain needs low ≤ high dB, got [" + lowDb + ", " + highDb + "]");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        float factor = (float) Math.pow(10, ctx.rng().uniform(lowDb, highDb) / 20);
        float[] in = input.samples();
        var out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i] * factor;
            out[i] = clamp ? Math.max(-1f, Math.min(1f, v)) : v;
        }
        return new Audio(out, input.sampleRate());
    }
}
