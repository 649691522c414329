package dev.viewpair.views.audio.dsp;

/**
 * Natural logarithms of whole float arrays, about 5× faster than {@link Math#log} per value (which a
 * log-mel spectrogram calls for every band of every frame): the exponent is read from the float's bits, the
 * mantissa m brought into [1/√2, √2), and ln m = 2·atanh(s) with s = (m − 1) / (m + 1), |s| ≤ 0.172, as its
 * odd series up to s⁹ (truncation below 1e-9). Float arithmetic throughout: within 1.2e-6 + 1.2e-7·|ln x| of
 * the exact log, about one float ulp of the result more than rounding the exact log to float costs (for a
 * log-mel's values, |ln x| ≤ 14, at most 2.9e-6 against torchaudio agreement tolerances of 1e-3).
 */
public final class FloatLog {
    private static final float LN2 = (float) Math.log(2);
    /** The bits of 1/√2: mantissas at or above it keep their exponent, those below borrow one. */
    private static final int INV_SQRT2_BITS = 0x3f3504f3;

    private FloatLog() {}

    /** x[i] = ln x[i]; zeros, negatives, subnormals, infinities and NaN get exactly {@link Math#log}'s answer. */
    public static void lnInPlace(float[] x) {
        boolean allNormal = true;
        for (float v : x) {
            allNormal &= v >= Float.MIN_NORMAL && v <= Float.MAX_VALUE;
        }
        if (!allNormal) {
            // rare (a band of digital silence with a subnormal offset, NaN input): the exact path for all
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.log(x[i]);
            }
            return;
        }
        for (int i = 0; i < x.length; i++) {
            int bits = Float.floatToRawIntBits(x[i]);
            int exponent = (bits - INV_SQRT2_BITS) >> 23;
            float f = Float.intBitsToFloat(bits - (exponent << 23)) - 1f;
            float s = f / (2f + f);
            float s2 = s * s;
            x[i] = exponent * LN2 + s * (2f + s2 * (2f / 3 + s2 * (2f / 5 + s2 * (2f / 7 + s2 * (2f / 9)))));
        }
    }
}
