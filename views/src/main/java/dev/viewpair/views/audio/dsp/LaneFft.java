package dev.viewpair.views.audio.dsp;

/**
 * Forward complex FFTs of many signals of one length at once, interleaved lane by lane: element e of lane b
 * sits at index {@code e · lanes + b} of separate real and imaginary arrays. Every butterfly then runs over a
 * contiguous run of lanes in one plain loop with its twiddles held in registers, about twice as fast per signal
 * as a transform of one signal at a time (TarsosDSP's). HotSpot 17 does not turn these loops into SIMD code: its
 * C2 vectorizes a loop only when all its arrays are indexed at one common offset. Self-sorting (Stockham) passes
 * of radix 4, 2, 3 and 5, so lengths whose prime factors are 2, 3 and 5 only. Built once per length; safe to
 * share between threads.
 */
final class LaneFft {
    /**
     * The arrays a transform works in: it reads {@code re, im} and leaves its result there; the spare pair is
     * free for the caller between transforms.
     */
    static final class Buffers {
        float[] re;
        float[] im;
        float[] spareRe;
        float[] spareIm;

        Buffers(int size) {
            re = new float[size];
            im = new float[size];
            spareRe = new float[size];
            spareIm = new float[size];
        }

        private void swap() {
            float[] r = re;
            float[] i = im;
            re = spareRe;
            im = spareIm;
            spareRe = r;
            spareIm = i;
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

    /** Transforms {@code lanes} signals held in {@code b.re, b.im} (at least n · lanes values each) in place. */
    void forward(Buffers b, int lanes) {
        int length = n;
        int stride = 1;
        for (int pass = 0; pass < radices.length; pass++) {
            int radix = radices[pass];
            int m = length / radix;
            switch (radix) {
                case 4 -> radix4(b, m, stride * lanes, twiddleRe[pass], twiddleIm[pass]);
                case 2 -> radix2(b, m, stride * lanes, twiddleRe[pass], twiddleIm[pass]);
                case 3 -> radix3(b, m, stride * lanes, twiddleRe[pass], twiddleIm[pass]);
                default -> radix5(b, m, stride * lanes, twiddleRe[pass], twiddleIm[pass]);
            }
            b.swap();
            length = m;
            stride *= radix;
        }
    }

    // In every pass: for sub-transform index p < m, inputs r = 0 … radix−1 come from element block p + r·m and
    // output u goes to block radix·p + u, each block holding `run` = stride · lanes contiguous values; output u
    // is multiplied by w^(p·u).

    private static void radix2(Buffers b, int m, int run, float[] wr, float[] wi) {
        float[] xr = b.re;
        float[] xi = b.im;
        float[] yr = b.spareRe;
        float[] yi = b.spareIm;
        for (int p = 0; p < m; p++) {
            int i0 = p * run;
            int i1 = (p + m) * run;
            int o0 = 2 * p * run;
            int o1 = o0 + run;
            float w1r = wr[p];
            float w1i = wi[p];
            for (int i = 0; i < run; i++) {
                float a0r = xr[i0 + i];
                float a0i = xi[i0 + i];
                float a1r = xr[i1 + i];
                float a1i = xi[i1 + i];
                yr[o0 + i] = a0r + a1r;
                yi[o0 + i] = a0i + a1i;
                float dr = a0r - a1r;
                float di = a0i - a1i;
                yr[o1 + i] = dr * w1r - di * w1i;
                yi[o1 + i] = dr * w1i + di * w1r;
            }
        }
    }

    private static void radix3(Buffers b, int m, int run, float[] wr, float[] wi) {
        final float s = (float) Math.sin(2 * Math.PI / 3);
        float[] xr = b.re;
        float[] xi = b.im;
        float[] yr = b.spareRe;
        float[] yi = b.spareIm;
        for (int p = 0; p < m; p++) {
            int i0 = p * run;
            int i1 = (p + m) * run;
            int i2 = (p + 2 * m) * run;
            int o0 = 3 * p * run;
            int o1 = o0 + run;
            int o2 = o1 + run;
            float w1r = wr[2 * p];
            float w1i = wi[2 * p];
            float w2r = wr[2 * p + 1];
            float w2i = wi[2 * p + 1];
            for (int i = 0; i < run; i++) {
                float a0r = xr[i0 + i];
                float a0i = xi[i0 + i];
                float sr = xr[i1 + i] + xr[i2 + i];
                float si = xi[i1 + i] + xi[i2 + i];
                // −i·sin(2π/3)·(a1 − a2)
                float dr = s * (xi[i1 + i] - xi[i2 + i]);
                float di = -s * (xr[i1 + i] - xr[i2 + i]);
                yr[o0 + i] = a0r + sr;
                yi[o0 + i] = a0i + si;
                float tr = a0r - 0.5f * sr;
                float ti = a0i - 0.5f * si;
                float y1r = tr + dr;
                float y1i = ti + di;
                float y2r = tr - dr;
                float y2i = ti - di;
                yr[o1 + i] = y1r * w1r - y1i * w1i;
                yi[o1 + i] = y1r * w1i + y1i * w1r;
                yr[o2 + i] = y2r * w2r - y2i * w2i;
                yi[o2 + i] = y2r * w2i + y2i * w2r;
            }
        }
    }

    private static void radix4(Buffers b, int m, int run, float[] wr, float[] wi) {
        float[] xr = b.re;
        float[] xi = b.im;
        float[] yr = b.spareRe;
        float[] yi = b.spareIm;
        for (int p = 0; p < m; p++) {
            int i0 = p * run;
            int i1 = (p + m) * run;
            int i2 = (p + 2 * m) * run;
            int i3 = (p + 3 * m) * run;
            int o0 = 4 * p * run;
            int o1 = o0 + run;
            int o2 = o1 + run;
            int o3 = o2 + run;
            float w1r = wr[3 * p];
            float w1i = wi[3 * p];
            float w2r = wr[3 * p + 1];
            float w2i = wi[3 * p + 1];
            float w3r = wr[3 * p + 2];
            float w3i = wi[3 * p + 2];
            for (int i = 0; i < run; i++) {
                float a0r = xr[i0 + i];
                float a0i = xi[i0 + i];
                float a1r = xr[i1 + i];
                float a1i = xi[i1 + i];
                float a2r = xr[i2 + i];
                float a2i = xi[i2 + i];
                float a3r = xr[i3 + i];
                float a3i = xi[i3 + i];
                float t0r = a0r + a2r;
                float t0i = a0i + a2i;
                float t1r = a0r - a2r;
                float t1i = a0i - a2i;
                float t2r = a1r + a3r;
                float t2i = a1i + a3i;
                // −i·(a1 − a3)
                float t3r = a1i - a3i;
                float t3i = a3r - a1r;
                yr[o0 + i] = t0r + t2r;
                yi[o0 + i] = t0i + t2i;
                float y1r = t1r + t3r;
                float y1i = t1i + t3i;
                float y2r = t0r - t2r;
                float y2i = t0i - t2i;
                float y3r = t1r - t3r;
                float y3i = t1i - t3i;
                yr[o1 + i] = y1r * w1r - y1i * w1i;
                yi[o1 + i] = y1r * w1i + y1i * w1r;
                yr[o2 + i] = y2r * w2r - y2i * w2i;
                yi[o2 + i] = y2r * w2i + y2i * w2r;
                yr[o3 + i] = y3r * w3r - y3i * w3i;
                yi[o3 + i] = y3r * w3i + y3i * w3r;
            }
        }
    }

    private static void radix5(Buffers b, int m, int run, float[] wr, float[] wi) {
        final float c1 = (float) Math.cos(2 * Math.PI / 5);
        final float c2 = (float) Math.cos(4 * Math.PI / 5);
        final float s1 = (float) Math.sin(2 * Math.PI / 5);
        final float s2 = (float) Math.sin(4 * Math.PI / 5);
        float[] xr = b.re;
        float[] xi = b.im;
        float[] yr = b.spareRe;
        float[] yi = b.spareIm;
        for (int p = 0; p < m; p++) {
            int i0 = p * run;
            int i1 = (p + m) * run;
            int i2 = (p + 2 * m) * run;
            int i3 = (p + 3 * m) * run;
            int i4 = (p + 4 * m) * run;
            int o0 = 5 * p * run;
            int o1 = o0 + run;
            int o2 = o1 + run;
            int o3 = o2 + run;
            int o4 = o3 + run;
            float w1r = wr[4 * p];
            float w1i = wi[4 * p];
            float w2r = wr[4 * p + 1];
            float w2i = wi[4 * p + 1];
            float w3r = wr[4 * p + 2];
            float w3i = wi[4 * p + 2];
            float w4r = wr[4 * p + 3];
            float w4i = wi[4 * p + 3];
            for (int i = 0; i < run; i++) {
                float a0r = xr[i0 + i];
                float a0i = xi[i0 + i];
                float b1r = xr[i1 + i] + xr[i4 + i];
                float b1i = xi[i1 + i] + xi[i4 + i];
                float b2r = xr[i2 + i] + xr[i3 + i];
                float b2i = xi[i2 + i] + xi[i3 + i];
                float d1r = xr[i1 + i] - xr[i4 + i];
                float d1i = xi[i1 + i] - xi[i4 + i];
                float d2r = xr[i2 + i] - xr[i3 + i];
                float d2i = xi[i2 + i] - xi[i3 + i];
                yr[o0 + i] = a0r + b1r + b2r;
                yi[o0 + i] = a0i + b1i + b2i;
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
                yr[o1 + i] = y1r * w1r - y1i * w1i;
                yi[o1 + i] = y1r * w1i + y1i * w1r;
                yr[o2 + i] = y2r * w2r - y2i * w2i;
                yi[o2 + i] = y2r * w2i + y2i * w2r;
                yr[o3 + i] = y3r * w3r - y3i * w3i;
                yi[o3 + i] = y3r * w3i + y3i * w3r;
                yr[o4 + i] = y4r * w4r - y4i * w4i;
                yi[o4 + i] = y4r * w4i + y4i * w4r;
            }
        }
    }
}
