package dev.viewpair.views.audio;

import be.tarsos.dsp.util.fft.FloatFFT;
import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Ziggurat;
import dev.viewpair.views.audio.io.Audio;
import java.util.Locale;

/**
 * Adds Gaussian noise at a signal-to-noise ratio in decibels drawn uniformly from [lowDb, highDb],
 * relative to the clip's own RMS: noise RMS = signal RMS / 10^(snr / 20). A silent clip (RMS 0) has no level
 * to be relative to and comes back unchanged, so padding-only windows stay silent.
 *
 * @param lowDb the lowest SNR
 * @param highDb the highest SNR
 * @param color the noise spectrum
 */
public record AddNoise(double lowDb, double highDb, Color color) implements Op<Audio, Audio> {
    /** The spectrum of the noise. */
    public enum Color {
        /** Flat: equal power per hertz. */
        WHITE,
        /** 1/f power, −3 dB per octave: equal power per octave, closer to natural background sound. */
        PINK;

        /** The name a recipe uses. */
        public String recipeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AddNoise {
        if (!(lowDb <= highDb)) {
            throw new IllegalArgumentException("noise needs low ≤ high SNR, got [" + lowDb + ", " + highDb + "] dB");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double snrDb = ctx.rng().uniform(lowDb, highDb);
        float[] in = input.samples();
        double energy = energy(in, in.length);
        if (energy == 0) {
            return input;
        }
        float sigma = (float) (Math.sqrt(energy / in.length) / Math.pow(10, snrDb / 20));
        float[] out = color == Color.PINK ? pink(ctx.rng(), in.length) : white(ctx.rng(), in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] + sigma * out[i];
        }
        return new Audio(out, input.sampleRate());
    }

    /** Σ x[i]² over the first {@code length} samples, in double, four partial sums so that the adds overlap. */
    static double energy(float[] x, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
            s2 += (double) x[i + 2] * x[i + 2];
            s3 += (double) x[i + 3] * x[i + 3];
        }
        for (; i < length; i++) {
            s0 += (double) x[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Standard normal samples ({@link Ziggurat}), from a generator seeded by the view's stream. */
    static float[] white(Rng rng, int length) {
        var x = new float[length];
        new Ziggurat(rng.nextLong()).fill(x);
        return x;
    }

    /**
     * Pink noise of unit RMS: white noise whose spectrum is shaped by 1/√f (power 1/f) in one FFT over the
     * next power of two, with no DC, cut to length.
     */
    static float[] pink(Rng rng, int length) {
        int n = Integer.highestOneBit(Math.max(2, length - 1)) << 1;
        float[] x = white(rng, n);
        var fft = new FloatFFT(n);
        fft.realForward(x);
        x[0] = 0;
        x[1] *= (float) Math.sqrt(2.0 / n);
        for (int k = 1; k < n / 2; k++) {
            float gain = (float) (1 / Math.sqrt(k));
            x[2 * k] *= gain;
            x[2 * k + 1] *= gain;
        }
        fft.realInverse(x, true);
        double energy = energy(x, length);
        float scale = (float) (energy > 0 ? 1 / Math.sqrt(energy / length) : 0);
        var out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = x[i] * scale;
        }
        return out;
    }
}
