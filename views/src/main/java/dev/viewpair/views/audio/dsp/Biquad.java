package dev.viewpair.views.audio.dsp;

/**
 * A second-order IIR section from the Audio EQ Cookbook (R. Bristow-Johnson), with torchaudio's
 * {@code lowpass_biquad} / {@code highpass_biquad} quality factor Q = 0.707: a Butterworth response,
 * −3 dB at the cutoff and 12 dB per octave beyond it. Filtering starts from a silent state and runs in
 * double precision; the output is not clamped.
 */
public final class Biquad {
    private static final double Q = 0.707;

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    /** Passes what lies below {@code cutoffHz}; the cutoff must lie below the Nyquist frequency. */
    public static Biquad lowpass(int sampleRate, double cutoffHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w0) / (2 * Q);
        double cos = Math.cos(w0);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Passes what lies above {@code cutoffHz}; the cutoff must lie below the Nyquist frequency. */
    public static Biquad highpass(int sampleRate, double cutoffHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w0) / (2 * Q);
        double cos = Math.cos(w0);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** The filtered signal (transposed direct form II), a new array. */
    public float[] filter(float[] x) {
        var y = new float[x.length];
        double s1 = 0;
        double s2 = 0;
        for (int n = 0; n < x.length; n++) {
            double in = x[n];
            double out = b0 * in + s1;
            s1 = b1 * in - a1 * out + s2;
            s2 = b2 * in - a2 * out;
            y[n] = (float) out;
        }
        return y;
    }
}
