package dev.viewpair.views.audio.dsp;

/**
 * Band-limited reading of a signal at fractional positions: a Hann-windowed sinc with 16 zero crossings a
 * side, its cutoff lowered to 1 / step when reading faster than one sample per sample so that nothing
 * aliases. Samples outside the signal count as zero.
 */
public final class Resample {
    private static final int ZERO_CROSSINGS = 16;

    private Resample() {}

    /** {@code length} samples read at positions 0, step, 2·step, … of {@code x}. */
    public static float[] atStep(float[] x, double step, int length) {
        double cutoff = Math.min(1.0, 1.0 / step);
        double halfWidth = ZERO_CROSSINGS / cutoff;
        var out = new float[length];
        for (int i = 0; i < length; i++) {
            double t = i * step;
            int first = Math.max(0, (int) Math.ceil(t - halfWidth));
            int last = Math.min(x.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double d = t - k;
                double window = Math.cos(0.5 * Math.PI * d / halfWidth);
                sum += x[k] * cutoff * sinc(cutoff * d) * window * window;
            }
            out[i] = (float) sum;
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }
}
