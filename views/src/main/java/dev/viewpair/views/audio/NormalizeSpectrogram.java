package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;

/**
 * Standardizes a spectrogram: (x − mean) / std, with one mean and one standard deviation over all its
 * values. Either both are measured on each spectrogram (per-utterance normalization, {@code std} 0), or
 * both are given, e.g. measured once over a training set. A constant spectrogram becomes all zeros.
 *
 * @param mean the mean to subtract (ignored when measured)
 * @param std the standard deviation to divide by; 0 measures mean and std on each input
 */
public record NormalizeSpectrogram(double mean, double std) implements Op<Spectrogram, Spectrogram> {
    public NormalizeSpectrogram {
        if (!(std >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normalize needs a finite mean and std ≥ 0 (0 = per utterance), got mean "
                    + mean + " and std " + std);
        }
    }

    @Override
    public Spectrogram apply(Spectrogram input, ViewContext ctx) {
        float[] x = input.data();
        double m = mean;
        double s = std;
        if (std == 0) {
            m = SpecMask.mean(x);
            double squares = 0;
            for (float v : x) {
                squares += (v - m) * (v - m);
            }
            s = x.length == 0 ? 0 : Math.sqrt(squares / x.length);
        }
        double scale = s > 0 ? 1 / s : 1;
        var out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - m) * scale);
        }
        return new Spectrogram(out, input.bins(), input.frames());
    }
}
