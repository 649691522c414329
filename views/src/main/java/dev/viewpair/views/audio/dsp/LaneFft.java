package dev.viewpair.views.audio.dsp;

/**
 * Forward complex FFTs of many signals of one length at once, held lane by lane: element e of every signal sits in
 * row e, one array per element, signal b at index b of it (separate real and imaginary rows). Every butterfly then
 * runs over the lanes in one plain loop with its twiddles held in registers, about twice as fast per signal as a
 * transform of one signal at a time (TarsosDSP's). Self-sorting (Stockham) passes of radix 4, 2, 3 and 5, so lengths
 * whose prime factors are 2, 3 and 5 only; each pass writes a butterfly's outputs over its own inputs and then
 * renames the rows (output u of the butterfly is the row its input u was), so no data moves between passes but the
 * butterflies' and no buffer is copied. HotSpot 17's C2 does not turn these loops into SIMD code even so (the same
 * speed with {@code -XX:-UseSuperWord}); at about 0.7 µs per 200-point transform they run near scalar peak.
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

        /** Rows for signals of length {@code n}, up to {@code lanes} of them. */
        Buffers(int n, int lanes) {
            re = new float[n][lanes];
            im = new float[n][lanes];
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
    private final int[] radices;
    /** Per pass, w^(p·u) for p < m and 1 ≤ u < radix, w = e^(−2πi / length of that pass's sub-transforms). */
    private final float[][] twiddleRe;
    private final float[][] twiddleIm;

    LaneFft(int n) {
        if (!supports(n)) {
            throw new IllegalArgumentException("lane FFT needs a length ≥ 1 whose prime factors are 2, 3 and 5, got " + n);
        }
        this.n = n;
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

    /** Transforms the first {@code lanes} signals of {@code b}'s rows in place (renaming the rows). */
    void forward(Buffers b, int lanes) {
        int length = n;
        int stride = 1;
        for (int pass = 0; pass < radices.length; pass++) {
            int radix = radices[pass];
            int m = length / radix;
            switch (radix) {
                case 4 -> radix4(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass]);
                case 2 -> radix2(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass]);
                case 3 -> radix3(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass]);
                default -> radix5(b, m, stride, lanes, twiddleRe[pass], twiddleIm[pass]);
            }
            b.rename();
            length = m;
            stride *= radix;
        }
    }

    // In every pass: for sub-transform index p < m and q < stride, input r = 0 … radix−1 is row (p + r·m)·stride + q
    // and output u goes to row (radix·p + u)·stride + q, multiplied by w^(p·u); it is written over input u's array,
    // which the renamed rows then list at the output's place.

    private static void radix2(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[p];
            float w1i = wi[p];
            for (int q = 0; q < stride; q++) {
                int in = p * stride + q;
                float[] r0 = b.re[in];
                float[] i0 = b.im[in];
                float[] r1 = b.re[in + m * stride];
                float[] i1 = b.im[in + m * stride];
                for (int i = 0; i < lanes; i++) {
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

    private static void radix3(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi) {
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
                for (int i = 0; i < lanes; i++) {
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

    private static void radix4(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi) {
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
                for (int i = 0; i < lanes; i++) {
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

    private static void radix5(Buffers b, int m, int stride, int lanes, float[] wr, float[] wi) {
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
                for (int i = 0; i < lanes; i++) {
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
