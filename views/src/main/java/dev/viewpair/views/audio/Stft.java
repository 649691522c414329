package dev.viewpair.views.audio;

/**
 * A short-time Fourier transform to torchaudio's {@code Spectrogram} conventions: a periodic Hann window of
 * {@code win} samples centred in {@code nFft}, frames centred on multiples of {@code hop} (the signal
 * reflect-padded by {@code nFft / 2} on both sides), and |X|^power per bin. Each frame is one {@link RealFft}
 * in double precision. Built once per op; safe to share between threads (each thread gets its own buffers).
 */
final class Stft {
    /**
     * Receives a block of consecutive frames: |X|^power of bin k in frame {@code first + b} is
     * {@code power[k·count + b]}. The array is reused for the next block.
     */
    interface BlockSink {
        void accept(int first, int count, double[] power);
    }

    /**
     * Frames per FFT batch: enough for the butterflies' inner loops to vectorize, few enough that a batch of
     * 400-point frames stays in the L2 cache.
     */
    static final int BLOCK = 16;

    private final int nFft;
    private final int hop;
    private final double power;
    private final double[] window;
    private final RealFft fft;
    private final ThreadLocal<Buffers> buffers;

    /** One thread's block of frames, spectra and FFT scratch. */
    private static final class Buffers {
        final double[] frames;
        final double[] re;
        final double[] im;
        final RealFft.Scratch scratch;

        Buffers(RealFft fft) {
            frames = new double[fft.size() * BLOCK];
            re = new double[fft.bins() * BLOCK];
            im = new double[fft.bins() * BLOCK];
            scratch = fft.scratch(BLOCK);
        }

        private float[] padded = new float[0];

        /** The signal reflect-padded by {@code pad} on both sides, in a buffer reused while it is big enough. */
        float[] padded(float[] x, int pad) {
            int length = x.length + 2 * pad;
            if (padded.length < length) {
                padded = new float[length];
            }
            System.arraycopy(x, 0, padded, pad, x.length);
            for (int i = 0; i < pad; i++) {
                padded[i] = sampleReflected(x, i - pad);
                padded[pad + x.length + i] = sampleReflected(x, x.length + i);
            }
            return padded;
        }
    }

    Stft(int nFft, int hop, int win, double power) {
        if (nFft < 2 || hop < 1 || win < 1 || win > nFft || !(power > 0)) {
            throw new IllegalArgumentException("STFT needs n_fft ≥ 2, hop ≥ 1, 1 ≤ win ≤ n_fft and power > 0; got n_fft "
                    + nFft + ", hop " + hop + ", win " + win + ", power " + power);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.power = power;
        this.window = new double[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            // rounded to float, as torch's float32 window is
            window[left + i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / win));
        }
        this.fft = new RealFft(nFft);
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(fft));
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

    /** Runs the transform over a signal, {@link #BLOCK} frames at a time, without modifying it. */
    void run(float[] x, BlockSink sink) {
        var buffers = this.buffers.get();
        float[] padded = buffers.padded(x, nFft / 2);
        double[] block = buffers.frames;
        double[] re = buffers.re;
        double[] im = buffers.im;
        int frames = frames(x.length);
        int values = bins();
        for (int first = 0; first < frames; first += BLOCK) {
            int count = Math.min(BLOCK, frames - first);
            // sample i of frame b at i·count + b, the layout RealFft batches
            int start = first * hop;
            for (int i = 0; i < nFft; i++) {
                double w = window[i];
                int row = i * count;
                for (int b = 0; b < count; b++) {
                    block[row + b] = padded[start + b * hop + i] * w;
                }
            }
            fft.forward(block, count, re, im, buffers.scratch);
            int n = values * count;
            if (power == 2) {
                for (int i = 0; i < n; i++) {
                    re[i] = re[i] * re[i] + im[i] * im[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double squared = re[i] * re[i] + im[i] * im[i];
                    re[i] = power == 1 ? Math.sqrt(squared) : Math.pow(squared, power / 2);
                }
            }
            sink.accept(first, count, re);
        }
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
