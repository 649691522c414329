package dev.viewpair.views.audio.dsp;

/**
 * Forward complex FFTs of many signals of one length at once, held lane by lane: element e of every signal sits in
 * row e, one array per element, signal b at index b of it (separate real and imaginary rows). Every butterfly then
 * runs over the lanes in one plain loop with its twiddles held in registers, about twice as fast per signal as a
 * transform of one signal at a time (TarsosDSP's). Self-sorting (Stockham) passes of radix 4, 2, 3 and 5, so lengths
 * whose prime factors are 2, 3 and 5 only; each pass writes a butterfly's outputs over its own inputs and then
 * renames the rows (output u of the butterfly is the row its input u was), so no data moves between passes but the
 * butterflies' and no buffer is copied. HotSpot 17's C2 does not turn these loops into SIMD code even so (the same
 * speed with {@code -XX:-UseSuperWord}); at about 0.7 µs per 200-point transform they run near scalar peak. Where the
 * JVM has {@code jdk.incubator.vector} ({@link Vectors}) the butterflies run {@value LaneFftSimd#LANES} lanes at a
 * time
 * instead ({@link LaneFftSimd}, the same bits), over the lanes rounded up to whole vectors: rows have room for them,
 * and the spare lanes are transformed too, their values meaningless.
 * Built once per length; safe to share between threads.
 */
final class LaneFft {
    /**
     * The rows a transform works in: it reads {@code re[e], im[e]} (element e of every lane) and leaves bin k of
     * every lane in {@code re[k], im[k]}, which it may have renamed (the same arrays in another order).
     */
    static final class Buffers {
        float[][] re;
        float[][] im;
        private float[][] renamedRe;
        private float[][] renamedIm;

        /** Rows for signals of length {@code n}, up to {@code lanes} of them (room for whole vectors of lanes). */
        Buffers(int n, int lanes) {
            re = new float[n][wholeVectors(lanes)];
            im = new float[n][wholeVectors(lanes)];
            renamedRe = new float[n][];
            renamedIm = new float[n][];
        }

        private void rename() {
            float[][] r = re;
            float[][] i = im;
            re = renamedRe;
            im = renamedIm;
            renamedRe = r;
            renamedIm = i;
        }
    }

    private final int n;
    private final boolean simd;
    private final int[] radices;
    /** Per pass, w^(p·u) for p < m and 1 ≤ u < radix, w = e^(−2πi / length of that pass's sub-transforms). */
    private final float[][] twiddleRe;
    private final float[][] twiddleIm;

    LaneFft(int n) {
        this(n, Vectors.AVAILABLE);
    }

    /** A transform of length n, its butterflies as vectors or not ({@code simd} needs {@link Vectors#AVAILABLE}). */
    LaneFft(int n, boolean simd) {
        if (!supports(n)) {
            throw new IllegalArgumentException("lane FFT needs a length ≥ 1 whose prime factors are 2, 3 and 5, got " + n);
        }
        if (simd && !Vectors.AVAILABLE) {
            throw new IllegalArgumentException(
                    "vector butterflies need a JVM started with --add-modules jdk.incubator.vector");
        }
        this.n = n;
        this.simd = simd;
        this.radices = factor(n);
        this.twiddleRe = new float[radices.length][];
        this.twiddleIm = new float[radices.length][];
        int length = n;
        for (int pass = 0; pass < radices.length; pass++) {
            int radix = radices[pass];
            int m = length / radix;
            var re = new float[m * (radix - 1)];
            var im = new float[m * (radix - 1)];
            for (int p = 0; p < m; p++) {
                for (int u = 1; u < radix; u++) {
                    double angle = -2 * Math.PI * p * u / length;
                    re[p * (radix - 1) + u - 1] = (float) Math.cos(angle);
                    im[p * (radix - 1) + u - 1] = (float) Math.sin(angle);
                }
            }
            twiddleRe[pass] = re;
            twiddleIm[pass] = im;
            length = m;
        }
    }

    /** Whether this class transforms signals of length n. */
    static boolean supports(int n) {
        if (n < 1) {
            return false;
        }
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    private static int[] factor(int n) {
        var out = new int[32];
        int count = 0;
        for (int p : new int[] {4, 2, 3, 5}) {
            while (n % p == 0) {
                out[count++] = p;
                n /= p;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    int length() {
        return n;
    }

    /** Whether the butterflies run as vectors. */
    boolean simd() {
        return simd;
    }

    /** {@code lanes} rounded up to whole vectors. */
    static int wholeVectors(int lanes) {
        return (lanes + LaneFftSimd.LANES - 1) / LaneFftSimd.LANES * LaneFftSimd.LANES;
    }

    /**
     * Transforms the first {@code lanes} signals of {@code b}'s rows in place (renaming the rows); with vectors, the
     * lanes after them up to a whole vector too.
     */
    void forward(Buffers b, int lanes) {
        boolean simd = this.simd;
        if (simd) {
            lanes = wholeVectors(lanes);
        }
        int length = n;
        int stride = 1;
        for (int pass = 0; pass < radices.length; pass++) {
            int radix = radices[pass];
            int m = length / radix;
            if (radix == 4 && pass + 1 < radices.length && radices[pass + 1] == 2) {
                // a radix-4 pass and the radix-2 pass after it, in one sweep over the rows
                radix4Then2(b, m / 2, stride, lanes, twiddleRe[pass], twiddleIm[pass], twiddleRe[pass + 1],
                        twiddleIm[pass + 1], simd);
                b.rename();
                length = m / 2;
                stride *= 8;
                pass++;
                continue;
            }
            switch (radix) {
                case 4 -> radix4(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass], simd);
                case 2 -> radix2(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass], simd);
                case 3 -> radix3(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass], simd);
                default -> radix5(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass], simd);
            }
            b.rename();
            length = m;
            stride *= radix;
        }
    }

    // In every pass: for sub-transform index p < m and q < stride, input r = 0 … radix−1 is row (p + r·m)·stride + q
    // and output u goes to row (radix·p + u)·stride + q, multiplied by w^(p·u); it is written over input u's array,
    // which the renamed rows then list at the output's place.

    private static void radix2(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi, boolean simd) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[p];
            float w1i = wi[p];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                float[] r0 = b.re[in];
                float[] i0 = b.im[in];
                float[] r1 = b.re[in + m * stride];
                float[] i1 = b.im[in + m * stride];
                // the lanes the vectors did (all of them, or none)
                int done = simd ? LaneFftSimd.radix2(r0, i0, r1, i1, lanes, w1r, w1i) : 0;
                for (int i = done; i < lanes; i++) {
                    float a0r = r0[i];
                    float a0i = i0[i];
                    float a1r = r1[i];
                    float a1i = i1[i];
                    r0[i] = a0r + a1r;
                    i0[i] = a0i + a1i;
                    float dr = a0r - a1r;
                    float di = a0i - a1i;
                    r1[i] = dr * w1r - di * w1i;
                    i1[i] = dr * w1i + di * w1r;
                }
                int out = 2 * p * stride + q;
                b.renamedRe[out] = r0;
                b.renamedIm[out] = i0;
                b.renamedRe[out + stride] = r1;
                b.renamedIm[out + stride] = i1;
            }
        }
    }

    private static void radix3(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi, boolean simd) {
        final float s = (float) Math.sin(2 * Math.PI / 3);
        for (int p = 0; p < m; p++) {
            float w1r = wr[2 * p];
            float w1i = wi[2 * p];
            float w2r = wr[2 * p + 1];
            float w2i = wi[2 * p + 1];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                int step = m * stride;
                float[] r0 = b.re[in];
                float[] i0 = b.im[in];
                float[] r1 = b.re[in + step];
                float[] i1 = b.im[in + step];
                float[] r2 = b.re[in + 2 * step];
                float[] i2 = b.im[in + 2 * step];
                int done = simd ? LaneFftSimd.radix3(r0, i0, r1, i1, r2, i2, lanes, s, w1r, w1i, w2r, w2i) : 0;
                for (int i = done; i < lanes; i++) {
                    float a0r = r0[i];
                    float a0i = i0[i];
                    float a1r = r1[i];
                    float a1i = i1[i];
                    float a2r = r2[i];
                    float a2i = i2[i];
                    float sr = a1r + a2r;
                    float si = a1i + a2i;
                    // −i·sin(2π/3)·(a1 − a2)
                    float dr = s * (a1i - a2i);
                    float di = -s * (a1r - a2r);
                    r0[i] = a0r + sr;
                    i0[i] = a0i + si;
                    float tr = a0r - 0.5f * sr;
                    float ti = a0i - 0.5f * si;
                    float y1r = tr + dr;
                    float y1i = ti + di;
                    float y2r = tr - dr;
                    float y2i = ti - di;
                    r1[i] = y1r * w1r - y1i * w1i;
                    i1[i] = y1r * w1i + y1i * w1r;
                    r2[i] = y2r * w2r - y2i * w2i;
                    i2[i] = y2r * w2i + y2i * w2r;
                }
                int out = 3 * p * stride + q;
                b.renamedRe[out] = r0;
                b.renamedIm[out] = i0;
                b.renamedRe[out + stride] = r1;
                b.renamedIm[out + stride] = i1;
                b.renamedRe[out + 2 * stride] = r2;
                b.renamedIm[out + 2 * stride] = i2;
            }
        }
    }

    private static void radix4(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi, boolean simd) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[3 * p];
            float w1i = wi[3 * p];
            float w2r = wr[3 * p + 1];
            float w2i = wi[3 * p + 1];
            float w3r = wr[3 * p + 2];
            float w3i = wi[3 * p + 2];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                int step = m * stride;
                float[] r0 = b.re[in];
                float[] i0 = b.im[in];
                float[] r1 = b.re[in + step];
                float[] i1 = b.im[in + step];
                float[] r2 = b.re[in + 2 * step];
                float[] i2 = b.im[in + 2 * step];
                float[] r3 = b.re[in + 3 * step];
                float[] i3 = b.im[in + 3 * step];
                int done = simd
                        ? LaneFftSimd.radix4(r0, i0, r1, i1, r2, i2, r3, i3, lanes, w1r, w1i, w2r, w2i, w3r, w3i) : 0;
                for (int i = done; i < lanes; i++) {
                    float a0r = r0[i];
                    float a0i = i0[i];
                    float a1r = r1[i];
                    float a1i = i1[i];
                    float a2r = r2[i];
                    float a2i = i2[i];
                    float a3r = r3[i];
                    float a3i = i3[i];
                    float t0r = a0r + a2r;
                    float t0i = a0i + a2i;
                    float t1r = a0r - a2r;
                    float t1i = a0i - a2i;
                    float t2r = a1r + a3r;
                    float t2i = a1i + a3i;
                    // −i·(a1 − a3)
                    float t3r = a1i - a3i;
                    float t3i = a3r - a1r;
                    r0[i] = t0r + t2r;
                    i0[i] = t0i + t2i;
                    float y1r = t1r + t3r;
                    float y1i = t1i + t3i;
                    float y2r = t0r - t2r;
                    float y2i = t0i - t2i;
                    float y3r = t1r - t3r;
                    float y3i = t1i - t3i;
                    r1[i] = y1r * w1r - y1i * w1i;
                    i1[i] = y1r * w1i + y1i * w1r;
                    r2[i] = y2r * w2r - y2i * w2i;
                    i2[i] = y2r * w2i + y2i * w2r;
                    r3[i] = y3r * w3r - y3i * w3i;
                    i3[i] = y3r * w3i + y3i * w3r;
                }
                int out = 4 * p * stride + q;
                b.renamedRe[out] = r0;
                b.renamedIm[out] = i0;
                b.renamedRe[out + stride] = r1;
                b.renamedIm[out + stride] = i1;
                b.renamedRe[out + 2 * stride] = r2;
                b.renamedIm[out + 2 * stride] = i2;
                b.renamedRe[out + 3 * stride] = r3;
                b.renamedIm[out + 3 * stride] = i3;
            }
        }
    }

    /**
     * A radix-4 pass followed by a radix-2 pass (of a sub-transform length 8·m8), in one sweep: for p < m8, the radix-4
     * butterflies p and p + m8 (inputs p + k·m8, k even and odd) and then the four radix-2 butterflies that pair their
     * outputs u, each value computed by the same operations as the two passes make it, so the same bits, with the
     * rows between the passes neither stored nor read again. Output (v, u) of the radix-2 butterflies goes to row
     * 8p + 4v + u (times the stride, plus q), over the array of the radix-4 butterfly v's input u.
     */
    private static void radix4Then2(Buffers b, int m8, int stride, int lanes, float[] wr, float[] wi, float[] vr,
            float[] vi, boolean simd) {
        int step = m8 * stride;
        for (int p = 0; p < m8; p++) {
            float w1r = wr[3 * p];
            float w1i = wi[3 * p];
            float w2r = wr[3 * p + 1];
            float w2i = wi[3 * p + 1];
            float w3r = wr[3 * p + 2];
            float w3i = wi[3 * p + 2];
            float x1r = wr[3 * (p + m8)];
            float x1i = wi[3 * (p + m8)];
            float x2r = wr[3 * (p + m8) + 1];
            float x2i = wi[3 * (p + m8) + 1];
            float x3r = wr[3 * (p + m8) + 2];
            float x3i = wi[3 * (p + m8) + 2];
            float vr1 = vr[p];
            float vi1 = vi[p];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                // butterfly A's inputs are rows in + (2r)·step, butterfly B's in + (2r + 1)·step
                float[] ar0 = b.re[in];
                float[] ai0 = b.im[in];
                float[] br0 = b.re[in + step];
                float[] bi0 = b.im[in + step];
                float[] ar1 = b.re[in + 2 * step];
                float[] ai1 = b.im[in + 2 * step];
                float[] br1 = b.re[in + 3 * step];
                float[] bi1 = b.im[in + 3 * step];
                float[] ar2 = b.re[in + 4 * step];
                float[] ai2 = b.im[in + 4 * step];
                float[] br2 = b.re[in + 5 * step];
                float[] bi2 = b.im[in + 5 * step];
                float[] ar3 = b.re[in + 6 * step];
                float[] ai3 = b.im[in + 6 * step];
                float[] br3 = b.re[in + 7 * step];
                float[] bi3 = b.im[in + 7 * step];
                int done = simd ? LaneFftSimd.radix4Then2(ar0, ai0, ar1, ai1, ar2, ai2, ar3, ai3, br0, bi0, br1, bi1,
                        br2, bi2, br3, bi3, lanes, w1r, w1i, w2r, w2i, w3r, w3i, x1r, x1i, x2r, x2i, x3r, x3i, vr1, vi1) : 0;
                for (int i = done; i < lanes; i++) {
                    // radix 4, butterfly A (as radix4 computes it)
                    float t0r = ar0[i] + ar2[i];
                    float t0i = ai0[i] + ai2[i];
                    float t1r = ar0[i] - ar2[i];
                    float t1i = ai0[i] - ai2[i];
                    float t2r = ar1[i] + ar3[i];
                    float t2i = ai1[i] + ai3[i];
                    float t3r = ai1[i] - ai3[i];
                    float t3i = ar3[i] - ar1[i];
                    float a0r = t0r + t2r;
                    float a0i = t0i + t2i;
                    float y1r = t1r + t3r;
                    float y1i = t1i + t3i;
                    float y2r = t0r - t2r;
                    float y2i = t0i - t2i;
                    float y3r = t1r - t3r;
                    float y3i = t1i - t3i;
                    float a1r = y1r * w1r - y1i * w1i;
                    float a1i = y1r * w1i + y1i * w1r;
                    float a2r = y2r * w2r - y2i * w2i;
                    float a2i = y2r * w2i + y2i * w2r;
                    float a3r = y3r * w3r - y3i * w3i;
                    float a3i = y3r * w3i + y3i * w3r;
                    // radix 4, butterfly B
                    t0r = br0[i] + br2[i];
                    t0i = bi0[i] + bi2[i];
                    t1r = br0[i] - br2[i];
                    t1i = bi0[i] - bi2[i];
                    t2r = br1[i] + br3[i];
                    t2i = bi1[i] + bi3[i];
                    t3r = bi1[i] - bi3[i];
                    t3i = br3[i] - br1[i];
                    float b0r = t0r + t2r;
                    float b0i = t0i + t2i;
                    y1r = t1r + t3r;
                    y1i = t1i + t3i;
                    y2r = t0r - t2r;
                    y2i = t0i - t2i;
                    y3r = t1r - t3r;
                    y3i = t1i - t3i;
                    float b1r = y1r * x1r - y1i * x1i;
                    float b1i = y1r * x1i + y1i * x1r;
                    float b2r = y2r * x2r - y2i * x2i;
                    float b2i = y2r * x2i + y2i * x2r;
                    float b3r = y3r * x3r - y3i * x3i;
                    float b3i = y3r * x3i + y3i * x3r;
                    // radix 2 over outputs u of A and B (as radix2 computes it)
                    ar0[i] = a0r + b0r;
                    ai0[i] = a0i + b0i;
                    float dr = a0r - b0r;
                    float di = a0i - b0i;
                    br0[i] = dr * vr1 - di * vi1;
                    bi0[i] = dr * vi1 + di * vr1;
                    ar1[i] = a1r + b1r;
                    ai1[i] = a1i + b1i;
                    dr = a1r - b1r;
                    di = a1i - b1i;
                    br1[i] = dr * vr1 - di * vi1;
                    bi1[i] = dr * vi1 + di * vr1;
                    ar2[i] = a2r + b2r;
                    ai2[i] = a2i + b2i;
                    dr = a2r - b2r;
                    di = a2i - b2i;
                    br2[i] = dr * vr1 - di * vi1;
                    bi2[i] = dr * vi1 + di * vr1;
                    ar3[i] = a3r + b3r;
                    ai3[i] = a3i + b3i;
                    dr = a3r - b3r;
                    di = a3i - b3i;
                    br3[i] = dr * vr1 - di * vi1;
                    bi3[i] = dr * vi1 + di * vr1;
                }
                int out = 8 * p * stride + q;
                b.renamedRe[out] = ar0;
                b.renamedIm[out] = ai0;
                b.renamedRe[out + stride] = ar1;
                b.renamedIm[out + stride] = ai1;
                b.renamedRe[out + 2 * stride] = ar2;
                b.renamedIm[out + 2 * stride] = ai2;
                b.renamedRe[out + 3 * stride] = ar3;
                b.renamedIm[out + 3 * stride] = ai3;
                b.renamedRe[out + 4 * stride] = br0;
                b.renamedIm[out + 4 * stride] = bi0;
                b.renamedRe[out + 5 * stride] = br1;
                b.renamedIm[out + 5 * stride] = bi1;
                b.renamedRe[out + 6 * stride] = br2;
                b.renamedIm[out + 6 * stride] = bi2;
                b.renamedRe[out + 7 * stride] = br3;
                b.renamedIm[out + 7 * stride] = bi3;
            }
        }
    }

    private static void radix5(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi, boolean simd) {
        final float c1 = (float) Math.cos(2 * Math.PI / 5);
        final float c2 = (float) Math.cos(4 * Math.PI / 5);
        final float s1 = (float) Math.sin(2 * Math.PI / 5);
        final float s2 = (float) Math.sin(4 * Math.PI / 5);
        for (int p = 0; p < m; p++) {
            float w1r = wr[4 * p];
            float w1i = wi[4 * p];
            float w2r = wr[4 * p + 1];
            float w2i = wi[4 * p + 1];
            float w3r = wr[4 * p + 2];
            float w3i = wi[4 * p + 2];
            float w4r = wr[4 * p + 3];
            float w4i = wi[4 * p + 3];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                int step = m * stride;
                float[] r0 = b.re[in];
                float[] i0 = b.im[in];
                float[] r1 = b.re[in + step];
                float[] i1 = b.im[in + step];
                float[] r2 = b.re[in + 2 * step];
                float[] i2 = b.im[in + 2 * step];
                float[] r3 = b.re[in + 3 * step];
                float[] i3 = b.im[in + 3 * step];
                float[] r4 = b.re[in + 4 * step];
                float[] i4 = b.im[in + 4 * step];
                int done = simd ? LaneFftSimd.radix5(r0, i0, r1, i1, r2, i2, r3, i3, r4, i4, lanes, c1, c2, s1, s2, w1r,
                        w1i, w2r, w2i, w3r, w3i, w4r, w4i) : 0;
                for (int i = done; i < lanes; i++) {
                    float a0r = r0[i];
                    float a0i = i0[i];
                    float b1r = r1[i] + r4[i];
                    float b1i = i1[i] + i4[i];
                    float b2r = r2[i] + r3[i];
                    float b2i = i2[i] + i3[i];
                    float d1r = r1[i] - r4[i];
                    float d1i = i1[i] - i4[i];
                    float d2r = r2[i] - r3[i];
                    float d2i = i2[i] - i3[i];
                    r0[i] = a0r + b1r + b2r;
                    i0[i] = a0i + b1i + b2i;
                    // outputs 1 and 4 share c1·b1 + c2·b2 ∓ i(s1·d1 + s2·d2); outputs 2 and 3 share
                    // c2·b1 + c1·b2 ∓ i(s2·d1 − s1·d2); −i·(x + iy) = y − ix
                    float e1r = a0r + c1 * b1r + c2 * b2r;
                    float e1i = a0i + c1 * b1i + c2 * b2i;
                    float f1r = s1 * d1i + s2 * d2i;
                    float f1i = -(s1 * d1r + s2 * d2r);
                    float e2r = a0r + c2 * b1r + c1 * b2r;
                    float e2i = a0i + c2 * b1i + c1 * b2i;
                    float f2r = s2 * d1i - s1 * d2i;
                    float f2i = -(s2 * d1r - s1 * d2r);
                    float y1r = e1r + f1r;
                    float y1i = e1i + f1i;
                    float y4r = e1r - f1r;
                    float y4i = e1i - f1i;
                    float y2r = e2r + f2r;
                    float y2i = e2i + f2i;
                    float y3r = e2r - f2r;
                    float y3i = e2i - f2i;
                    r1[i] = y1r * w1r - y1i * w1i;
                    i1[i] = y1r * w1i + y1i * w1r;
                    r2[i] = y2r * w2r - y2i * w2i;
                    i2[i] = y2r * w2i + y2i * w2r;
                    r3[i] = y3r * w3r - y3i * w3i;
                    i3[i] = y3r * w3i + y3i * w3r;
                    r4[i] = y4r * w4r - y4i * w4i;
                    i4[i] = y4r * w4i + y4i * w4r;
                }
                int out = 5 * p * stride + q;
                b.renamedRe[out] = r0;
                b.renamedIm[out] = i0;
                b.renamedRe[out + stride] = r1;
                b.renamedIm[out + stride] = i1;
                b.renamedRe[out + 2 * stride] = r2;
                b.renamedIm[out + 2 * stride] = i2;
                b.renamedRe[out + 3 * stride] = r3;
                b.renamedIm[out + 3 * stride] = i3;
                b.renamedRe[out + 4 * stride] = r4;
                b.renamedIm[out + 4 * stride] = i4;
            }
        }
    }
}
