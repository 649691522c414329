package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;

/**
 * Adds white Gaussian noise at a signal-to-noise ratio in decibels drawn uniformly from [lowDb, highDb],
 * relative to the clip's own RMS: noise RMS = signal RMS / 10^(snr / 20). A silent clip (RMS 0) has no level
 * to be relative to and comes back unchanged, so padding-only windows stay silent.
 *
 * @param lowDb the lowest SNR
 * @param highDb the highest SNR
 */
public record AddNoise(double lowDb, double highDb) implements Op<Audio, Audio> {
    public AddNoise {
        if (!(lowDb <= highDb)) {
            throw new IllegalArgumentException("noise needs low ≤ high SNR, got [" + lowDb + ", " + highDb + "] dB");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double snrDb = ctx.rng().uniform(lowDb, highDb);
        float[] in = input.samples();
        double energy = 0;
        for (float v : in) {
            energy += (double) v * v;
        }
        if (energy == 0) {
            return input;
        }
        double sigma = Math.sqrt(energy / in.length) / Math.pow(10, snrDb / 20);
        var rng = ctx.rng();
        var out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] + sigma * rng.gaussian());
        }
        return new Audio(out, input.sampleRate());
    }
}
