package dev.viewpair.views.audio;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * A short-time Fourier transform to torchaudio's {@code Spectrogram} conventions: a periodic Hann window of
 * {@code win} samples centred in {@code nFft}, frames centred on multiples of {@code hop} (the signal
 * reflect-padded by {@code nFft / 2} on both sides), and |X|^power per bin. Built once per op; safe to share
 * between threads (each thread gets its own frame buffer).
 */
final class Stft {
    /** Receives one frame of the spectrum; {@code spectrum} is reused for the next frame. */
    interface FrameSink {
        void accept(int frame, float[] spectrum);
    }

    private final int nFft;
    private final int hop;
    private final double power;
    private final float[] window;
    // TarsosDSP's JTransforms port: split-radix for powers of two, mixed radix (2, 3, 4, 5) or
    // Bluestein otherwise, so any nFft is O(n log n). Its tables are read-only after construction.
    private final FloatFFT fft;
    private final ThreadLocal<float[][]> buffers;

    Stft(int nFft, int hop, int win, double power) {
        if (nFft < 2 || hop < 1 || win < 1 || win > nFft || !(power > 0)) {
            throw new IllegalArgumentException("STFT needs n_fft ≥ 2, hop ≥ 1, 1 ≤ win ≤ n_fft and power > 0; got n_fft "
                    + nFft + ", hop " + hop + ", win " + win + ", power " + power);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.power = power;
        this.window = new float[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            window[left + i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / win));
        }
        this.fft = new FloatFFT(nFft);
        this.buffers = ThreadLocal.withInitial(() -> new float[][] {new float[nFft], new float[bins()]});
    }

    /** Frequency bins per frame: {@code nFft / 2 + 1}. */
    int bins() {
        return nFft / 2 + 1;
    }

    int nFft() {
        return nFft;
    }

    /** Frames for a signal of this length: {@code 1 + length / hop} for even {@code nFft}. */
    int frames(int length) {
        int pad = nFft / 2;
        return 1 + Math.max(0, length + 2 * pad - nFft) / hop;
    }

    /** Runs the transform over a signal, frame by frame, without modifying it. */
    void run(float[] x, FrameSink sink) {
        var b = buffers.get();
        float[] frame = b[0];
        float[] spectrum = b[1];
        int pad = nFft / 2;
        int frames = frames(x.length);
        int bins = bins();
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad;
            if (start >= 0 && start + nFft <= x.length) {
                for (int i = 0; i < nFft; i++) {
                    frame[i] = x[start + i] * window[i];
                }
            } else {
                for (int i = 0; i < nFft; i++) {
                    frame[i] = sampleReflected(x, start + i) * window[i];
                }
            }
            fft.realForward(frame);
            for (int k = 0; k < bins; k++) {
                spectrum[k] = binPower(frame, k);
            }
            sink.accept(t, spectrum);
        }
    }

    /** |X[k]|^power from JTransforms' packed real-FFT layout. */
    private float binPower(float[] a, int k) {
        double re;
        double im;
        if (k == 0) {
            re = a[0];
            im = 0;
        } else if (2 * k == nFft) {
            re = a[1];
            im = 0;
        } else if (2 * k == nFft - 1) {
            // odd nFft: the last bin's real part sits at the end, its imaginary part at index 1
            re = a[nFft - 1];
            im = a[1];
        } else {
            re = a[2 * k];
            im = a[2 * k + 1];
        }
        double squared = re * re + im * im;
        return (float) (power == 2 ? squared : power == 1 ? Math.sqrt(squared) : Math.pow(squared, power / 2));
    }

    /**
     * The sample at index i of the signal reflect-padded without repeating the edge (torch's {@code reflect}),
     * bouncing again when the padding is longer than the signal; zero for an empty signal.
     */
    private static float sampleReflected(float[] x, int i) {
        int n = x.length;
        if (n <= 1) {
            return n == 0 ? 0 : x[0];
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return x[j < n ? j : period - j];
    }
}
