package dev.viewpair.views.audio;

/**
 * A forward complex DFT of one fixed length n, X[k] = Σ x[j]·e^(−2πijk/n), in double precision on split
 * real/imaginary arrays. Lengths whose prime factors are all at most {@link #LARGEST_RADIX} run as a
 * mixed-radix Stockham FFT (radix 4, 2, 3 and 5 butterflies written out, other primes as a plain r-point DFT),
 * each stage's twiddles precomputed; any other length goes through Bluestein's chirp-z transform over a
 * power-of-two FFT. Transforms run in batches of interleaved sequences (element j of sequence b at
 * {@code j·count + b}), so that every butterfly's innermost loop runs over contiguous memory, which the JIT
 * vectorizes. Immutable after construction and shareable between threads: each thread brings its own
 * {@link Scratch}.
 */
final class ComplexFft {
    /** Primes up to this size are butterflies of their own; a larger prime factor switches to Bluestein. */
    static final int LARGEST_RADIX = 31;

    private final int n;
    private final int[] radices;
    /** Per stage: W_len^(p·k) for p < len / r, 1 ≤ k < r, at [p·(r − 1) + k − 1]. */
    private final double[][] twiddleRe;
    private final double[][] twiddleIm;
    /** Per stage with a radix above 5: W_r^t for t < r, the plain DFT's roots. */
    private final double[][] rootRe;
    private final double[][] rootIm;
    private final int largestRadix;
    private final Bluestein bluestein;

    ComplexFft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an FFT needs a length ≥ 1, got " + n);
        }
        this.n = n;
        int[] factors = factor(n);
        if (factors == null) {
            radices = new int[0];
            twiddleRe = twiddleIm = rootRe = rootIm = new double[0][];
            largestRadix = 0;
            bluestein = new Bluestein(n);
            return;
        }
        radices = factors;
        bluestein = null;
        twiddleRe = new double[factors.length][];
        twiddleIm = new double[factors.length][];
        rootRe = new double[factors.length][];
        rootIm = new double[factors.length][];
        int len = n;
        int largest = 0;
        for (int s = 0; s < factors.length; s++) {
            int r = factors[s];
            int m = len / r;
            largest = Math.max(largest, r);
            twiddleRe[s] = new double[m * (r - 1)];
            twiddleIm[s] = new double[m * (r - 1)];
            for (int p = 0; p < m; p++) {
                for (int k = 1; k < r; k++) {
                    double angle = -2 * Math.PI * ((long) p * k % len) / len;
                    twiddleRe[s][p * (r - 1) + k - 1] = Math.cos(angle);
                    twiddleIm[s][p * (r - 1) + k - 1] = Math.sin(angle);
                }
            }
            if (r > 5) {
                rootRe[s] = new double[r];
                rootIm[s] = new double[r];
                for (int t = 0; t < r; t++) {
                    rootRe[s][t] = Math.cos(-2 * Math.PI * t / r);
                    rootIm[s][t] = Math.sin(-2 * Math.PI * t / r);
                }
            }
            len = m;
        }
        largestRadix = largest;
    }

    /** The radices of n (4s first), or null when a prime factor is larger than {@link #LARGEST_RADIX}. */
    private static int[] factor(int n) {
        var list = new java.util.ArrayList<Integer>();
        int rest = n;
        while (rest % 4 == 0) {
            list.add(4);
            rest /= 4;
        }
        for (int p = 2; p <= LARGEST_RADIX && rest > 1; p++) {
            while (rest % p == 0) {
                list.add(p);
                rest /= p;
            }
        }
        return rest == 1 ? list.stream().mapToInt(Integer::intValue).toArray() : null;
    }

    int size() {
        return n;
    }

    /** Working memory for one thread's transforms of up to {@code maxCount} sequences at a time. */
    Scratch scratch(int maxCount) {
        return new Scratch(this, maxCount);
    }

    /** Buffers one thread reuses across transforms of one length. */
    static final class Scratch {
        private final double[] re;
        private final double[] im;
        private final double[] radixRe;
        private final double[] radixIm;
        private final Bluestein.Scratch bluestein;
        private final int maxCount;

        private Scratch(ComplexFft fft, int maxCount) {
            this.maxCount = maxCount;
            re = new double[fft.n * maxCount];
            im = new double[fft.n * maxCount];
            radixRe = new double[fft.largestRadix];
            radixIm = new double[fft.largestRadix];
            bluestein = fft.bluestein == null ? null : fft.bluestein.scratch(maxCount);
        }
    }

    /**
     * Transforms {@code count} interleaved sequences in place: element j of sequence b is
     * {@code re[j·count + b] + i·im[j·count + b]}, and so is bin j of its spectrum afterwards.
     */
    void transform(double[] re, double[] im, int count, Scratch scratch) {
        if (count > scratch.maxCount) {
            throw new IllegalArgumentException("scratch made for " + scratch.maxCount + " sequences, got " + count);
        }
        if (bluestein != null) {
            bluestein.transform(re, im, count, scratch.bluestein);
            return;
        }
        double[] srcRe = re;
        double[] srcIm = im;
        double[] dstRe = scratch.re;
        double[] dstIm = scratch.im;
        int len = n;
        int stride = count;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            int m = len / r;
            switch (r) {
                case 2 -> radix2(srcRe, srcIm, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                case 3 -> radix3(srcRe, srcIm, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                case 4 -> radix4(srcRe, srcIm, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                case 5 -> radix5(srcRe, srcIm, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                default -> radixAny(r, srcRe, srcIm, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s], rootRe[s], rootIm[s],
                        scratch);
            }
            double[] t = srcRe;
            srcRe = dstRe;
            dstRe = t;
            t = srcIm;
            srcIm = dstIm;
            dstIm = t;
            len = m;
            stride *= r;
        }
        if (srcRe != re) {
            System.arraycopy(srcRe, 0, re, 0, n * count);
            System.arraycopy(srcIm, 0, im, 0, n * count);
        }
    }

    // Each stage of the Stockham (self-sorting, decimation-in-frequency) FFT: `stride` interleaved sequences
    // of length len = r·m; element p + j·m of sequence q sits at q + stride·(p + j·m). Output k of the r-point
    // DFT over j, times W_len^(p·k), goes to q + stride·(r·p + k): sequence q + stride·k of the next stage.
    // The first stage's stride is the batch's count, so a batch is just more interleaved sequences.

    private static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int stride,
                               double[] wr, double[] wi) {
        for (int p = 0; p < m; p++) {
            double cr = wr[p];
            double ci = wi[p];
            int in = stride * p;
            int out = stride * 2 * p;
            for (int q = 0; q < stride; q++) {
                int a = in + q;
                int b = a + stride * m;
                double sr = xr[a] + xr[b];
                double si = xi[a] + xi[b];
                double dr = xr[a] - xr[b];
                double di = xi[a] - xi[b];
                yr[out + q] = sr;
                yi[out + q] = si;
                yr[out + stride + q] = dr * cr - di * ci;
                yi[out + stride + q] = dr * ci + di * cr;
            }
        }
    }

    private static final double SIN_60 = Math.sqrt(3) / 2;

    private static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int stride,
                               double[] wr, double[] wi) {
        int sm = stride * m;
        for (int p = 0; p < m; p++) {
            double w1r = wr[2 * p];
            double w1i = wi[2 * p];
            double w2r = wr[2 * p + 1];
            double w2i = wi[2 * p + 1];
            int in = stride * p;
            int out = stride * 3 * p;
            for (int q = 0; q < stride; q++) {
                int a0 = in + q;
                int a1 = a0 + sm;
                int a2 = a1 + sm;
                double sr = xr[a1] + xr[a2];
                double si = xi[a1] + xi[a2];
                double mr = xr[a0] - 0.5 * sr;
                double mi = xi[a0] - 0.5 * si;
                // −i·(√3/2)·(a1 − a2)
                double rr = SIN_60 * (xi[a1] - xi[a2]);
                double ri = -SIN_60 * (xr[a1] - xr[a2]);
                int o = out + q;
                yr[o] = xr[a0] + sr;
                yi[o] = xi[a0] + si;
                double y1r = mr + rr;
                double y1i = mi + ri;
                double y2r = mr - rr;
                double y2i = mi - ri;
                yr[o + stride] = y1r * w1r - y1i * w1i;
                yi[o + stride] = y1r * w1i + y1i * w1r;
                yr[o + 2 * stride] = y2r * w2r - y2i * w2i;
                yi[o + 2 * stride] = y2r * w2i + y2i * w2r;
            }
        }
    }

    private static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int stride,
                               double[] wr, double[] wi) {
        int sm = stride * m;
        for (int p = 0; p < m; p++) {
            double w1r = wr[3 * p];
            double w1i = wi[3 * p];
            double w2r = wr[3 * p + 1];
            double w2i = wi[3 * p + 1];
            double w3r = wr[3 * p + 2];
            double w3i = wi[3 * p + 2];
            int in = stride * p;
            int out = stride * 4 * p;
            for (int q = 0; q < stride; q++) {
                int a0 = in + q;
                int a1 = a0 + sm;
                int a2 = a1 + sm;
                int a3 = a2 + sm;
                double t0r = xr[a0] + xr[a2];
                double t0i = xi[a0] + xi[a2];
                double t1r = xr[a0] - xr[a2];
                double t1i = xi[a0] - xi[a2];
                double t2r = xr[a1] + xr[a3];
                double t2i = xi[a1] + xi[a3];
                // −i·(a1 − a3)
                double t3r = xi[a1] - xi[a3];
                double t3i = xr[a3] - xr[a1];
                int o = out + q;
                yr[o] = t0r + t2r;
                yi[o] = t0i + t2i;
                double y1r = t1r + t3r;
                double y1i = t1i + t3i;
                double y2r = t0r - t2r;
                double y2i = t0i - t2i;
                double y3r = t1r - t3r;
                double y3i = t1i - t3i;
                yr[o + stride] = y1r * w1r - y1i * w1i;
                yi[o + stride] = y1r * w1i + y1i * w1r;
                yr[o + 2 * stride] = y2r * w2r - y2i * w2i;
                yi[o + 2 * stride] = y2r * w2i + y2i * w2r;
                yr[o + 3 * stride] = y3r * w3r - y3i * w3i;
                yi[o + 3 * stride] = y3r * w3i + y3i * w3r;
            }
        }
    }

    private static final double C1 = Math.cos(2 * Math.PI / 5);
    private static final double C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5);
    private static final double S2 = Math.sin(4 * Math.PI / 5);

    private static void radix5(double[] xr, double[] xi, double[] yr, double[] yi, int m, int stride,
                               double[] wr, double[] wi) {
        int sm = stride * m;
        for (int p = 0; p < m; p++) {
            int t = 4 * p;
            int in = stride * p;
            int out = stride * 5 * p;
            for (int q = 0; q < stride; q++) {
                int a0 = in + q;
                int a1 = a0 + sm;
                int a2 = a1 + sm;
                int a3 = a2 + sm;
                int a4 = a3 + sm;
                double b1r = xr[a1] + xr[a4];
                double b1i = xi[a1] + xi[a4];
                double b2r = xr[a2] + xr[a3];
                double b2i = xi[a2] + xi[a3];
                double d1r = xr[a1] - xr[a4];
                double d1i = xi[a1] - xi[a4];
                double d2r = xr[a2] - xr[a3];
                double d2i = xi[a2] - xi[a3];
                double e1r = xr[a0] + C1 * b1r + C2 * b2r;
                double e1i = xi[a0] + C1 * b1i + C2 * b2i;
                double e2r = xr[a0] + C2 * b1r + C1 * b2r;
                double e2i = xi[a0] + C2 * b1i + C1 * b2i;
                // f1 = s1·d1 + s2·d2 and f2 = s2·d1 − s1·d2, applied as ∓i·f
                double f1r = S1 * d1r + S2 * d2r;
                double f1i = S1 * d1i + S2 * d2i;
                double f2r = S2 * d1r - S1 * d2r;
                double f2i = S2 * d1i - S1 * d2i;
                int o = out + q;
                yr[o] = xr[a0] + b1r + b2r;
                yi[o] = xi[a0] + b1i + b2i;
                twiddle(yr, yi, o + stride, e1r + f1i, e1i - f1r, wr[t], wi[t]);
                twiddle(yr, yi, o + 2 * stride, e2r + f2i, e2i - f2r, wr[t + 1], wi[t + 1]);
                twiddle(yr, yi, o + 3 * stride, e2r - f2i, e2i + f2r, wr[t + 2], wi[t + 2]);
                twiddle(yr, yi, o + 4 * stride, e1r - f1i, e1i + f1r, wr[t + 3], wi[t + 3]);
            }
        }
    }

    private static void twiddle(double[] yr, double[] yi, int at, double vr, double vi, double wr, double wi) {
        yr[at] = vr * wr - vi * wi;
        yi[at] = vr * wi + vi * wr;
    }

    /** A prime radix r as a plain r-point DFT (r ≤ {@link #LARGEST_RADIX}). */
    private static void radixAny(int r, double[] xr, double[] xi, double[] yr, double[] yi, int m, int stride,
                                 double[] wr, double[] wi, double[] rootRe, double[] rootIm, Scratch scratch) {
        double[] ar = scratch.radixRe;
        double[] ai = scratch.radixIm;
        int sm = stride * m;
        for (int p = 0; p < m; p++) {
            int in = stride * p;
            int out = stride * r * p;
            for (int q = 0; q < stride; q++) {
                for (int j = 0; j < r; j++) {
                    ar[j] = xr[in + q + j * sm];
                    ai[j] = xi[in + q + j * sm];
                }
                for (int k = 0; k < r; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int j = 0; j < r; j++) {
                        double c = rootRe[j * k % r];
                        double s = rootIm[j * k % r];
                        sr += ar[j] * c - ai[j] * s;
                        si += ar[j] * s + ai[j] * c;
                    }
                    if (k == 0) {
                        yr[out + q] = sr;
                        yi[out + q] = si;
                    } else {
                        twiddle(yr, yi, out + q + k * stride, sr, si, wr[p * (r - 1) + k - 1], wi[p * (r - 1) + k - 1]);
                    }
                }
            }
        }
    }

    /**
     * Bluestein's algorithm: with the chirp c[j] = e^(−iπj²/n), X[k] = c[k]·Σ x[j]·c[j]·conj(c[k − j]), a
     * convolution done as a circular one of a power-of-two length ≥ 2n − 1.
     */
    private static final class Bluestein {
        private final int n;
        private final ComplexFft fft;
        private final double[] chirpRe;
        private final double[] chirpIm;
        /** The FFT of conj(c[j]) laid out circularly (j and −j). */
        private final double[] kernelRe;
        private final double[] kernelIm;

        Bluestein(int n) {
            this.n = n;
            int size = Integer.highestOneBit(2 * n - 1) << 1;
            fft = new ComplexFft(size);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int j = 0; j < n; j++) {
                double angle = -Math.PI * ((long) j * j % (2L * n)) / n;
                chirpRe[j] = Math.cos(angle);
                chirpIm[j] = Math.sin(angle);
            }
            kernelRe = new double[size];
            kernelIm = new double[size];
            for (int j = 0; j < n; j++) {
                kernelRe[j] = chirpRe[j];
                kernelIm[j] = -chirpIm[j];
                if (j > 0) {
                    kernelRe[size - j] = chirpRe[j];
                    kernelIm[size - j] = -chirpIm[j];
                }
            }
            fft.transform(kernelRe, kernelIm, 1, fft.scratch(1));
        }

        Scratch scratch(int maxCount) {
            return new Scratch(this, maxCount);
        }

        static final class Scratch {
            private final double[] re;
            private final double[] im;
            private final ComplexFft.Scratch inner;

            private Scratch(Bluestein b, int maxCount) {
                re = new double[b.fft.n * maxCount];
                im = new double[b.fft.n * maxCount];
                inner = b.fft.scratch(maxCount);
            }
        }

        void transform(double[] xr, double[] xi, int count, Scratch s) {
            int size = fft.n;
            java.util.Arrays.fill(s.re, 0, size * count, 0);
            java.util.Arrays.fill(s.im, 0, size * count, 0);
            for (int j = 0; j < n; j++) {
                double cr = chirpRe[j];
                double ci = chirpIm[j];
                for (int b = j * count; b < (j + 1) * count; b++) {
                    s.re[b] = xr[b] * cr - xi[b] * ci;
                    s.im[b] = xr[b] * ci + xi[b] * cr;
                }
            }
            fft.transform(s.re, s.im, count, s.inner);
            // multiply by the kernel's spectrum and conjugate, so that a forward FFT does the inverse
            for (int j = 0; j < size; j++) {
                double kr = kernelRe[j];
                double ki = kernelIm[j];
                for (int b = j * count; b < (j + 1) * count; b++) {
                    double r = s.re[b] * kr - s.im[b] * ki;
                    double i = s.re[b] * ki + s.im[b] * kr;
                    s.re[b] = r;
                    s.im[b] = -i;
                }
            }
            fft.transform(s.re, s.im, count, s.inner);
            for (int k = 0; k < n; k++) {
                // conjugate back and divide by size for the inverse, then multiply by the chirp
                double cr = chirpRe[k] / size;
                double ci = chirpIm[k] / size;
                for (int b = k * count; b < (k + 1) * count; b++) {
                    double r = s.re[b];
                    double i = -s.im[b];
                    xr[b] = r * cr - i * ci;
                    xi[b] = r * ci + i * cr;
                }
            }
        }
    }
}
