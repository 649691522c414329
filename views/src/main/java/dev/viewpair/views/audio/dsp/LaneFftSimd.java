package dev.viewpair.views.audio.dsp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneFft}'s butterflies, {@link Stft}'s unfolding of a real spectrum and {@link MelFilterbank}'s band sums,
 * {@value #LANES} lanes at a time through {@code jdk.incubator.vector}: the same operations in the same order as the
 * scalar loops (adds, subtracts and multiplies lane by lane, no fused multiply-add), so the same bits. Loaded only
 * where the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link Vectors#AVAILABLE}); without it this
 * class is never touched and the scalar loops run.
 */
final class LaneFftSimd {
    /** Lanes per vector: 256 bits, which AVX2 and AVX-512 machines both run natively. */
    static final int LANES = 8;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    /** Whether this machine runs 256-bit float vectors in hardware (AVX2 or better), not in the API's Java fallback. */
    static boolean hardware() {
        return FloatVector.SPECIES_PREFERRED.length() >= LANES;
    }

    private LaneFftSimd() {}

    private static FloatVector at(float[] row, int i) {
        return FloatVector.fromArray(S, row, i);
    }

    /**
     * Each kernel does lanes {@code [0, lanes)}, a multiple of {@link #LANES}, as the scalar loop it names, and returns
     * {@code lanes}.
     */
    static int radix2(float[] r0, float[] i0, float[] r1, float[] i1, int lanes, float w1r, float w1i) {
        for (int i = 0; i < lanes; i += LANES) {
            var a0r = at(r0, i);
            var a0i = at(i0, i);
            var a1r = at(r1, i);
            var a1i = at(i1, i);
            a0r.add(a1r).intoArray(r0, i);
            a0i.add(a1i).intoArray(i0, i);
            var dr = a0r.sub(a1r);
            var di = a0i.sub(a1i);
            dr.mul(w1r).sub(di.mul(w1i)).intoArray(r1, i);
            dr.mul(w1i).add(di.mul(w1r)).intoArray(i1, i);
        }
        return lanes;
    }

    /** As {@code LaneFft.radix3}'s loop. */
    static int radix3(float[] r0, float[] i0, float[] r1, float[] i1, float[] r2, float[] i2, int lanes, float s,
            float w1r, float w1i, float w2r, float w2i) {
        for (int i = 0; i < lanes; i += LANES) {
            var a0r = at(r0, i);
            var a0i = at(i0, i);
            var a1r = at(r1, i);
            var a1i = at(i1, i);
            var a2r = at(r2, i);
            var a2i = at(i2, i);
            var sr = a1r.add(a2r);
            var si = a1i.add(a2i);
            var dr = a1i.sub(a2i).mul(s);
            var di = a1r.sub(a2r).mul(-s);
            a0r.add(sr).intoArray(r0, i);
            a0i.add(si).intoArray(i0, i);
            var tr = a0r.sub(sr.mul(0.5f));
            var ti = a0i.sub(si.mul(0.5f));
            var y1r = tr.add(dr);
            var y1i = ti.add(di);
            var y2r = tr.sub(dr);
            var y2i = ti.sub(di);
            y1r.mul(w1r).sub(y1i.mul(w1i)).intoArray(r1, i);
            y1r.mul(w1i).add(y1i.mul(w1r)).intoArray(i1, i);
            y2r.mul(w2r).sub(y2i.mul(w2i)).intoArray(r2, i);
            y2r.mul(w2i).add(y2i.mul(w2r)).intoArray(i2, i);
        }
        return lanes;
    }

    /** As {@code LaneFft.radix4}'s loop. */
    static int radix4(float[] r0, float[] i0, float[] r1, float[] i1, float[] r2, float[] i2, float[] r3, float[] i3,
            int lanes, float w1r, float w1i, float w2r, float w2i, float w3r, float w3i) {
        for (int i = 0; i < lanes; i += LANES) {
            var a0r = at(r0, i);
            var a0i = at(i0, i);
            var a1r = at(r1, i);
            var a1i = at(i1, i);
            var a2r = at(r2, i);
            var a2i = at(i2, i);
            var a3r = at(r3, i);
            var a3i = at(i3, i);
            var t0r = a0r.add(a2r);
            var t0i = a0i.add(a2i);
            var t1r = a0r.sub(a2r);
            var t1i = a0i.sub(a2i);
            var t2r = a1r.add(a3r);
            var t2i = a1i.add(a3i);
            var t3r = a1i.sub(a3i);
            var t3i = a3r.sub(a1r);
            t0r.add(t2r).intoArray(r0, i);
            t0i.add(t2i).intoArray(i0, i);
            var y1r = t1r.add(t3r);
            var y1i = t1i.add(t3i);
            var y2r = t0r.sub(t2r);
            var y2i = t0i.sub(t2i);
            var y3r = t1r.sub(t3r);
            var y3i = t1i.sub(t3i);
            y1r.mul(w1r).sub(y1i.mul(w1i)).intoArray(r1, i);
            y1r.mul(w1i).add(y1i.mul(w1r)).intoArray(i1, i);
            y2r.mul(w2r).sub(y2i.mul(w2i)).intoArray(r2, i);
            y2r.mul(w2i).add(y2i.mul(w2r)).intoArray(i2, i);
            y3r.mul(w3r).sub(y3i.mul(w3i)).intoArray(r3, i);
            y3r.mul(w3i).add(y3i.mul(w3r)).intoArray(i3, i);
        }
        return lanes;
    }

    /** {@code LaneFft.radix4Then2}: rows {@code a…} butterfly A's, {@code b…} B's; twiddles w (A), x (B), v. */
    static int radix4Then2(float[] ar0, float[] ai0, float[] ar1, float[] ai1, float[] ar2, float[] ai2, float[] ar3,
            float[] ai3, float[] br0, float[] bi0, float[] br1, float[] bi1, float[] br2, float[] bi2, float[] br3,
            float[] bi3, int lanes, float w1r, float w1i, float w2r, float w2i, float w3r, float w3i, float x1r,
            float x1i, float x2r, float x2i, float x3r, float x3i, float vr, float vi) {
        for (int i = 0; i < lanes; i += LANES) {
            // radix 4, butterfly A
            var p0r = at(ar0, i);
            var p0i = at(ai0, i);
            var p1r = at(ar1, i);
            var p1i = at(ai1, i);
            var p2r = at(ar2, i);
            var p2i = at(ai2, i);
            var p3r = at(ar3, i);
            var p3i = at(ai3, i);
            var t0r = p0r.add(p2r);
            var t0i = p0i.add(p2i);
            var t1r = p0r.sub(p2r);
            var t1i = p0i.sub(p2i);
            var t2r = p1r.add(p3r);
            var t2i = p1i.add(p3i);
            var t3r = p1i.sub(p3i);
            var t3i = p3r.sub(p1r);
            var a0r = t0r.add(t2r);
            var a0i = t0i.add(t2i);
            var y1r = t1r.add(t3r);
            var y1i = t1i.add(t3i);
            var y2r = t0r.sub(t2r);
            var y2i = t0i.sub(t2i);
            var y3r = t1r.sub(t3r);
            var y3i = t1i.sub(t3i);
            var a1r = y1r.mul(w1r).sub(y1i.mul(w1i));
            var a1i = y1r.mul(w1i).add(y1i.mul(w1r));
            var a2r = y2r.mul(w2r).sub(y2i.mul(w2i));
            var a2i = y2r.mul(w2i).add(y2i.mul(w2r));
            var a3r = y3r.mul(w3r).sub(y3i.mul(w3i));
            var a3i = y3r.mul(w3i).add(y3i.mul(w3r));
            // radix 4, butterfly B
            p0r = at(br0, i);
            p0i = at(bi0, i);
            p1r = at(br1, i);
            p1i = at(bi1, i);
            p2r = at(br2, i);
            p2i = at(bi2, i);
            p3r = at(br3, i);
            p3i = at(bi3, i);
            t0r = p0r.add(p2r);
            t0i = p0i.add(p2i);
            t1r = p0r.sub(p2r);
            t1i = p0i.sub(p2i);
            t2r = p1r.add(p3r);
            t2i = p1i.add(p3i);
            t3r = p1i.sub(p3i);
            t3i = p3r.sub(p1r);
            var b0r = t0r.add(t2r);
            var b0i = t0i.add(t2i);
            y1r = t1r.add(t3r);
            y1i = t1i.add(t3i);
            y2r = t0r.sub(t2r);
            y2i = t0i.sub(t2i);
            y3r = t1r.sub(t3r);
            y3i = t1i.sub(t3i);
            var b1r = y1r.mul(x1r).sub(y1i.mul(x1i));
            var b1i = y1r.mul(x1i).add(y1i.mul(x1r));
            var b2r = y2r.mul(x2r).sub(y2i.mul(x2i));
            var b2i = y2r.mul(x2i).add(y2i.mul(x2r));
            var b3r = y3r.mul(x3r).sub(y3i.mul(x3i));
            var b3i = y3r.mul(x3i).add(y3i.mul(x3r));
            // radix 2 over outputs u of A and B
            two(a0r, a0i, b0r, b0i, ar0, ai0, br0, bi0, i, vr, vi);
            two(a1r, a1i, b1r, b1i, ar1, ai1, br1, bi1, i, vr, vi);
            two(a2r, a2i, b2r, b2i, ar2, ai2, br2, bi2, i, vr, vi);
            two(a3r, a3i, b3r, b3i, ar3, ai3, br3, bi3, i, vr, vi);
        }
        return lanes;
    }

    /** A radix-2 butterfly of a and b, its sum to rows (sr, si) and its twiddled difference to (dr, di). */
    private static void two(FloatVector ar, FloatVector ai, FloatVector br, FloatVector bi, float[] sr, float[] si,
            float[] dr, float[] di, int i, float vr, float vi) {
        ar.add(br).intoArray(sr, i);
        ai.add(bi).intoArray(si, i);
        var xr = ar.sub(br);
        var xi = ai.sub(bi);
        xr.mul(vr).sub(xi.mul(vi)).intoArray(dr, i);
        xr.mul(vi).add(xi.mul(vr)).intoArray(di, i);
    }

    /** {@code LaneFft.radix5}: c1, c2, s1, s2 the butterfly's constants, w the twiddles of outputs 1 … 4. */
    static int radix5(float[] r0, float[] i0, float[] r1, float[] i1, float[] r2, float[] i2, float[] r3, float[] i3,
            float[] r4, float[] i4, int lanes, float c1, float c2, float s1, float s2, float w1r, float w1i, float w2r,
            float w2i, float w3r, float w3i, float w4r, float w4i) {
        for (int i = 0; i < lanes; i += LANES) {
            var a0r = at(r0, i);
            var a0i = at(i0, i);
            var a1r = at(r1, i);
            var a1i = at(i1, i);
            var a2r = at(r2, i);
            var a2i = at(i2, i);
            var a3r = at(r3, i);
            var a3i = at(i3, i);
            var a4r = at(r4, i);
            var a4i = at(i4, i);
            var b1r = a1r.add(a4r);
            var b1i = a1i.add(a4i);
            var b2r = a2r.add(a3r);
            var b2i = a2i.add(a3i);
            var d1r = a1r.sub(a4r);
            var d1i = a1i.sub(a4i);
            var d2r = a2r.sub(a3r);
            var d2i = a2i.sub(a3i);
            a0r.add(b1r).add(b2r).intoArray(r0, i);
            a0i.add(b1i).add(b2i).intoArray(i0, i);
            var e1r = a0r.add(b1r.mul(c1)).add(b2r.mul(c2));
            var e1i = a0i.add(b1i.mul(c1)).add(b2i.mul(c2));
            var f1r = d1i.mul(s1).add(d2i.mul(s2));
            var f1i = d1r.mul(s1).add(d2r.mul(s2)).neg();
            var e2r = a0r.add(b1r.mul(c2)).add(b2r.mul(c1));
            var e2i = a0i.add(b1i.mul(c2)).add(b2i.mul(c1));
            var f2r = d1i.mul(s2).sub(d2i.mul(s1));
            var f2i = d1r.mul(s2).sub(d2r.mul(s1)).neg();
            var y1r = e1r.add(f1r);
            var y1i = e1i.add(f1i);
            var y4r = e1r.sub(f1r);
            var y4i = e1i.sub(f1i);
            var y2r = e2r.add(f2r);
            var y2i = e2i.add(f2i);
            var y3r = e2r.sub(f2r);
            var y3i = e2i.sub(f2i);
            y1r.mul(w1r).sub(y1i.mul(w1i)).intoArray(r1, i);
            y1r.mul(w1i).add(y1i.mul(w1r)).intoArray(i1, i);
            y2r.mul(w2r).sub(y2i.mul(w2i)).intoArray(r2, i);
            y2r.mul(w2i).add(y2i.mul(w2r)).intoArray(i2, i);
            y3r.mul(w3r).sub(y3i.mul(w3i)).intoArray(r3, i);
            y3r.mul(w3i).add(y3i.mul(w3r)).intoArray(i3, i);
            y4r.mul(w4r).sub(y4i.mul(w4i)).intoArray(r4, i);
            y4r.mul(w4i).add(y4i.mul(w4r)).intoArray(i4, i);
        }
        return lanes;
    }

    /**
     * As {@code Stft}'s unfolding of bin k from a half-length transform Z, lanes {@code [0, lanes)} (a multiple of
     * {@link #LANES}): |X[k]|² from Z[k] ({@code zr, zi}), Z[n/2 − k] ({@code mr, mi}) and w^k, into {@code bin}.
     */
    static void unfold(float[] zr, float[] zi, float[] mr, float[] mi, float wr, float wi, float[] bin, int lanes) {
        for (int i = 0; i < lanes; i += LANES) {
            var z0 = at(zr, i);
            var z1 = at(zi, i);
            var m0 = at(mr, i);
            var m1 = at(mi, i);
            var er = z0.add(m0);
            var ei = z1.sub(m1);
            var or = z1.add(m1);
            var oi = m0.sub(z0);
            var xr = er.add(or.mul(wr)).sub(oi.mul(wi));
            var xi = ei.add(or.mul(wi)).add(oi.mul(wr));
            xr.mul(xr).add(xi.mul(xi)).mul(0.25f).intoArray(bin, i);
        }
    }

    /**
     * As {@code MelFilterbank.accumulate}'s loop, {@code bands[to + t] += weight · row[at + t]}, for t below {@code
     * count} rounded down to whole vectors; returns that many.
     */
    static int accumulate(float weight, float[] row, int at, float[] bands, int to, int count) {
        int whole = S.loopBound(count);
        for (int t = 0; t < whole; t += LANES) {
            FloatVector.fromArray(S, bands, to + t).add(FloatVector.fromArray(S, row, at + t).mul(weight))
                    .intoArray(bands, to + t);
        }
        return whole;
    }
}
