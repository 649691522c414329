package dev.viewpair.views.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast float log against {@link Math#log} in double precision. */
class FloatLogTest {
    @Test
    void logUniformValuesOverTheNormalFloatRangeAreWithinItsStatedError() {
        var random = new SplittableRandom(3);
        var x = new float[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.exp(random.nextDouble(Math.log(Float.MIN_NORMAL), Math.log(Float.MAX_VALUE)));
        }
        // and the mantissas at the switch between exponents, the powers of two, and 1
        x[0] = Float.intBitsToFloat(0x3f3504f3);
        x[1] = Float.intBitsToFloat(0x3f3504f2);
        x[2] = 1f;
        x[3] = 0.5f;
        x[4] = 1024f;
        x[5] = Float.MIN_NORMAL;
        x[6] = Float.MAX_VALUE;
        var expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Math.log(x[i]);
        }

        FloatLog.lnInPlace(x);

        for (int i = 0; i < x.length; i++) {
            // the stated bound: 1.2e-6 plus one float ulp of the result
            double tolerance = 1.2e-6 + 1.2e-7 * Math.abs(expected[i]);
            assertEquals(expected[i], x[i], tolerance, "value " + i);
        }
        assertEquals(0f, x[2], 0f, "ln 1");
    }

    @Test
    void specialValuesGetMathLogsAnswer() {
        float[] special = {0f, -1f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NaN, 2f};

        FloatLog.lnInPlace(special);

        assertEquals(Float.NEGATIVE_INFINITY, special[0]);
        assertEquals(Float.NaN, special[1]);
        assertEquals((float) Math.log(Float.MIN_VALUE), special[2]);
        assertEquals(Float.POSITIVE_INFINITY, special[3]);
        assertEquals(Float.NaN, special[4]);
        assertEquals((float) Math.log(2), special[5], 1e-6f);
    }
}
