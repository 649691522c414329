package dev.viewpair.views.audio;

/**
 * The DFT of a real signal of one fixed length n, bins 0 … n/2, in double precision. An even n runs as one
 * complex FFT of n/2 points (even samples as real parts, odd samples as imaginary parts) and a split with
 * precomputed twiddles, about half the work of a complex n-point FFT; an odd n runs as a complex n-point FFT.
 * Immutable after construction and shareable between threads: each thread brings its own {@link Scratch}.
 */
final class RealFft {
    private final int n;
    private final ComplexFft fft;
    /** W_n^k = e^(−2πik/n) for k ≤ n/2 (even n only). */
    private final double[] twiddleRe;
    private final double[] twiddleIm;

    RealFft(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a real FFT needs a length ≥ 2, got " + n);
        }
        this.n = n;
        boolean even = n % 2 == 0;
        this.fft = new ComplexFft(even ? n / 2 : n);
        int half = n / 2;
        twiddleRe = new double[even ? half + 1 : 0];
        twiddleIm = new double[even ? half + 1 : 0];
        for (int k = 0; even && k <= half; k++) {
            twiddleRe[k] = Math.cos(-2 * Math.PI * k / n);
            twiddleIm[k] = Math.sin(-2 * Math.PI * k / n);
        }
    }

    int size() {
        return n;
    }

    /** Output bins: {@code n / 2 + 1}. */
    int bins() {
        return n / 2 + 1;
    }

    /** Working memory for one thread's transforms of up to {@code maxCount} signals at a time. */
    Scratch scratch(int maxCount) {
        return new Scratch(this, maxCount);
    }

    /** Buffers one thread reuses across transforms of one length. */
    static final class Scratch {
        private final double[] re;
        private final double[] im;
        private final ComplexFft.Scratch complex;

        private Scratch(RealFft f, int maxCount) {
            re = new double[f.fft.size() * maxCount];
            im = new double[f.fft.size() * maxCount];
            complex = f.fft.scratch(maxCount);
        }
    }

    /**
     * The spectra of {@code count} interleaved signals: with sample j of signal b at {@code x[j·count + b]},
     * X_b[k] = Σ x_b[j]·e^(−2πijk/n) for k = 0 … n/2 goes to {@code outRe[k·count + b] + i·outIm[k·count + b]}.
     * {@code x} is read only.
     */
    void forward(double[] x, int count, double[] outRe, double[] outIm, Scratch s) {
        double[] zr = s.re;
        double[] zi = s.im;
        int bins = bins();
        if (n % 2 == 1) {
            System.arraycopy(x, 0, zr, 0, n * count);
            java.util.Arrays.fill(zi, 0, n * count, 0);
            fft.transform(zr, zi, count, s.complex);
            System.arraycopy(zr, 0, outRe, 0, bins * count);
            System.arraycopy(zi, 0, outIm, 0, bins * count);
            return;
        }
        int half = n / 2;
        for (int j = 0; j < half; j++) {
            System.arraycopy(x, 2 * j * count, zr, j * count, count);
            System.arraycopy(x, (2 * j + 1) * count, zi, j * count, count);
        }
        fft.transform(zr, zi, count, s.complex);
        // Z = E + i·O with E, O the spectra of the even and odd samples: E[k] = (Z[k] + conj Z[half − k]) / 2,
        // O[k] = −i·(Z[k] − conj Z[half − k]) / 2, and X[k] = E[k] + W_n^k·O[k]
        for (int b = 0; b < count; b++) {
            outRe[b] = zr[b] + zi[b];
            outIm[b] = 0;
            outRe[half * count + b] = zr[b] - zi[b];
            outIm[half * count + b] = 0;
        }
        for (int k = 1; k < half; k++) {
            double wr = twiddleRe[k];
            double wi = twiddleIm[k];
            int a = k * count;
            int c = (half - k) * count;
            for (int b = 0; b < count; b++) {
                double ar = zr[a + b];
                double ai = zi[a + b];
                double br = zr[c + b];
                double bi = zi[c + b];
                double er = 0.5 * (ar + br);
                double ei = 0.5 * (ai - bi);
                double or = 0.5 * (ai + bi);
                double oi = -0.5 * (ar - br);
                outRe[a + b] = er + wr * or - wi * oi;
                outIm[a + b] = ei + wr * oi + wi * or;
            }
        }
    }
}
