package dev.viewpair.views.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lane-interleaved FFT against a direct O(n²) DFT in double precision, lane by lane. */
class LaneFftTest {
    @ParameterizedTest(name = "n {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 12, 15, 60, 200, 256, 360, 500})
    void everyLaneMatchesADirectDft(int n) {
        int lanes = 11; // not a multiple of a SIMD width, so the loops' scalar tails run too
        var random = new SplittableRandom(n);
        var re = new double[lanes][n];
        var im = new double[lanes][n];
        var buffers = new LaneFft.Buffers(n, lanes + 2); // spare lanes, left alone
        for (int b = 0; b < lanes; b++) {
            for (int e = 0; e < n; e++) {
                re[b][e] = (float) (2 * random.nextDouble() - 1);
                im[b][e] = (float) (2 * random.nextDouble() - 1);
                buffers.re[e][b] = (float) re[b][e];
                buffers.im[e][b] = (float) im[b][e];
            }
        }

        new LaneFft(n).forward(buffers, lanes);

        for (int b = 0; b < lanes; b++) {
            for (int k = 0; k < n; k++) {
                double sumRe = 0;
                double sumIm = 0;
                for (int e = 0; e < n; e++) {
                    double angle = -2 * Math.PI * ((long) k * e % n) / n;
                    sumRe += re[b][e] * Math.cos(angle) - im[b][e] * Math.sin(angle);
                    sumIm += re[b][e] * Math.sin(angle) + im[b][e] * Math.cos(angle);
                }
                // float rounding: about 1e-7 · √n · log n of the input's scale (values in ±1)
                double tolerance = 2e-6 * Math.sqrt(n) * Math.max(1, Math.log(n));
                assertEquals(sumRe, buffers.re[k][b], tolerance, "n " + n + " lane " + b + " bin " + k + " re");
                assertEquals(sumIm, buffers.im[k][b], tolerance, "n " + n + " lane " + b + " bin " + k + " im");
            }
        }
    }

    /**
     * The vector butterflies ({@link LaneFftSimd}) give the scalar loops' bits, for lengths that use every radix and
     * the fused radix-4·2 pass, over a number of lanes that is not a whole number of vectors.
     */
    @ParameterizedTest(name = "n {0}")
    @ValueSource(ints = {2, 3, 4, 5, 8, 12, 15, 60, 200, 256, 360, 500})
    void vectorButterfliesGiveTheScalarBits(int n) {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the build's surefire starts the tests with --add-modules jdk.incubator.vector");
        assumeTrue(Vectors.AVAILABLE, "this machine has no 256-bit vectors");
        int lanes = 37;
        var random = new SplittableRandom(n);
        var scalar = new LaneFft.Buffers(n, lanes);
        var vector = new LaneFft.Buffers(n, lanes);
        for (int e = 0; e < n; e++) {
            for (int b = 0; b < lanes; b++) {
                scalar.re[e][b] = vector.re[e][b] = (float) (2 * random.nextDouble() - 1);
                scalar.im[e][b] = vector.im[e][b] = (float) (2 * random.nextDouble() - 1);
            }
        }

        new LaneFft(n, false).forward(scalar, lanes);
        new LaneFft(n, true).forward(vector, lanes);

        for (int k = 0; k < n; k++) {
            for (int b = 0; b < lanes; b++) {
                assertEquals(Float.floatToRawIntBits(scalar.re[k][b]), Float.floatToRawIntBits(vector.re[k][b]),
                        "n " + n + " bin " + k + " lane " + b + " re");
                assertEquals(Float.floatToRawIntBits(scalar.im[k][b]), Float.floatToRawIntBits(vector.im[k][b]),
                        "n " + n + " bin " + k + " lane " + b + " im");
            }
        }
    }

    @Test
    void lengthsWithOtherPrimeFactorsAreRefused() {
        assertTrue(LaneFft.supports(400));
        assertTrue(LaneFft.supports(1));
        assertFalse(LaneFft.supports(0));
        assertFalse(LaneFft.supports(7));
        assertFalse(LaneFft.supports(2 * 7 * 25));
        var e = assertThrows(IllegalArgumentException.class, () -> new LaneFft(401));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
