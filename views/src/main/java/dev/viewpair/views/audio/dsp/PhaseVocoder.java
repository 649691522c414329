package dev.viewpair.views.audio.dsp;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Changes tempo without changing pitch by reading the short-time spectrum at a different rate (the phase
 * vocoder, as torchaudio's {@code phase_vocoder}): magnitudes interpolated between neighbouring analysis
 * frames, each bin's phase advanced by its measured instantaneous frequency, and the frames overlap-added
 * again at the original hop. A Hann window of about 64 ms with 75 % overlap.
 */
public final class PhaseVocoder {
    private PhaseVocoder() {}

    /**
     * @param rate frames read per frame written: above 1 shortens, below 1 lengthens
     * @param length samples to write (about n / rate)
     */
    public static float[] stretch(float[] x, double rate, int sampleRate, int length) {
        int nFft = Integer.highestOneBit(Math.max(64, (int) Math.round(0.064 * sampleRate)));
        int hop = nFft / 4;
        int pad = nFft / 2;
        int bins = nFft / 2 + 1;
        var window = new float[nFft];
        for (int i = 0; i < nFft; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft));
        }
        var fft = new FloatFFT(nFft);

        // analysis: frame t is centred on sample t·hop (zeros past the ends); one all-zero frame at the end
        int frames = x.length / hop + 2;
        var magnitude = new float[frames][bins];
        var phase = new float[frames][bins];
        var buffer = new float[nFft];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad;
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                buffer[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
            }
            fft.realForward(buffer);
            for (int k = 0; k < bins; k++) {
                double re = k == 0 ? buffer[0] : k == bins - 1 ? buffer[1] : buffer[2 * k];
                double im = k == 0 || k == bins - 1 ? 0 : buffer[2 * k + 1];
                magnitude[t][k] = (float) Math.hypot(re, im);
                phase[t][k] = (float) Math.atan2(im, re);
            }
        }

        // synthesis: frame j reads the spectrum at fractional analysis frame j·rate
        var out = new float[length];
        var weight = new float[length];
        var accumulated = new double[bins];
        for (int k = 0; k < bins; k++) {
            accumulated[k] = phase[0][k];
        }
        int outFrames = (length + pad) / hop + 1;
        for (int j = 0; j < outFrames; j++) {
            double tau = j * rate;
            int t0 = Math.min((int) tau, frames - 1);
            int t1 = Math.min(t0 + 1, frames - 1);
            double alpha = tau - Math.floor(tau);
            for (int k = 0; k < bins; k++) {
                double mag = (1 - alpha) * magnitude[t0][k] + alpha * magnitude[t1][k];
                double re = mag * Math.cos(accumulated[k]);
                double im = mag * Math.sin(accumulated[k]);
                if (k == 0) {
                    buffer[0] = (float) re;
                } else if (k == bins - 1) {
                    buffer[1] = (float) re;
                } else {
                    buffer[2 * k] = (float) re;
                    buffer[2 * k + 1] = (float) im;
                }
                double expected = 2 * Math.PI * k * hop / nFft;
                accumulated[k] += expected + wrap(phase[t1][k] - phase[t0][k] - expected);
            }
            fft.realInverse(buffer, true);
            int start = j * hop - pad;
            for (int i = 0; i < nFft; i++) {
                int n = start + i;
                if (n >= 0 && n < length) {
                    out[n] += window[i] * buffer[i];
                    weight[n] += window[i] * window[i];
                }
            }
        }
        for (int n = 0; n < length; n++) {
            if (weight[n] > 1e-6f) {
                out[n] /= weight[n];
            }
        }
        return out;
    }

    /** The angle folded into [−π, π). */
    private static double wrap(double angle) {
        return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
    }
}
