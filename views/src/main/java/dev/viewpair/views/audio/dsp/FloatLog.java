package dev.viewpair.views.audio.dsp;

/**
 * Natural logarithms of whole float arrays, several times faster than {@link Math#log} per value (which a
 * log-mel spectrogram calls for every band of every frame), without a division: the exponent e is read from the
 * float's bits and the mantissa m ∈ [1, 2) split at its top {@value #TABLE_BITS} bits into a tabled point c (so that
 * ln m = ln c + ln(m / c)) and a remainder r = m / c − 1 ∈ [0, 1/128], whose ln(1 + r) is its series up to r⁴
 * (truncation below 1e-11); 1/c and ln c come from tables, r from one fused multiply-add. Float arithmetic
 * throughout: within 1.2e-6 + 1.2e-7·|ln x| of the exact log, about one float ulp of the result more than rounding the
 * exact log to float costs (for a log-mel's values, |ln x| ≤ 14, at most 2.9e-6 against torchaudio agreement
 * tolerances of 1e-3); ln 1 is exactly 0.
 */
public final class FloatLog {
    private static final float LN2 = (float) Math.log(2);
    private static final int TABLE_BITS = 7;
    /** Per top mantissa bits j: the float nearest 1 / (1 + j / 128) … */
    private static final float[] INVERSE = new float[1 << TABLE_BITS];
    /** … and −ln of that float, so that ln m = LN_POINT[j] + ln(m · INVERSE[j]) exactly. */
    private static final float[] LN_POINT = new float[1 << TABLE_BITS];

    static {
        for (int j = 0; j < INVERSE.length; j++) {
            INVERSE[j] = (float) (1 / (1 + j / (double) INVERSE.length));
            LN_POINT[j] = (float) -Math.log(INVERSE[j]);
        }
    }

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
            int exponent = (bits >> 23) - 127;
            int j = (bits >> (23 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
            float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
            float r = Math.fma(m, INVERSE[j], -1f);
            x[i] = exponent * LN2 + (LN_POINT[j] + r * (1f + r * (-0.5f + r * (1f / 3 - 0.25f * r))));
        }
    }
}
