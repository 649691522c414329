package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;

/**
 * Scales the waveform by a gain in decibels drawn uniformly from [lowDb, highDb]. Samples are not clipped
 * to ±1: float PCM keeps the headroom, and a later normalization sees the true level.
 *
 * @param lowDb the smallest gain
 * @param highDb the largest gain
 */
public record Gain(double lowDb, double highDb) implements Op<Audio, Audio> {
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
            out[i] = in[i] * factor;
        }
        return new Audio(out, input.sampleRate());
    }
}
