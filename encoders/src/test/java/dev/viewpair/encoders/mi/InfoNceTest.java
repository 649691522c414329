package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InfoNceTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** mean_i (s_ii − logsumexp_j s_ij) + log K, in double with the max shifted out. */
    private static double rowWise(float[] s, int k, boolean byColumn) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, at(s, k, i, j, byColumn));
            }
            double exp = 0;
            for (int j = 0; j < k; j++) {
                exp += Math.exp(at(s, k, i, j, byColumn) - max);
            }
            sum += s[i * k + i] - (max + Math.log(exp));
        }
        return sum / k + Math.log(k);
    }

    private static double at(float[] s, int k, int i, int j, boolean byColumn) {
        return byColumn ? s[j * k + i] : s[i * k + j];
    }

    private static float[] randomScores(Random random, int k, double scale) {
        float[] s = new float[k * k];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * scale);
        }
        return s;
    }

    @Test
    void equalsDirectRecomputationAndNeverExceedsLogK() {
        var random = new Random(11);
        var plain = new InfoNce(false);
        var symmetric = new InfoNce(true);
        for (double scale : new double[] {0.1, 1, 10, 1e3}) {
            for (int k = 1; k <= 9; k++) {
                float[] s = randomScores(random, k, scale);
                var scores = manager.create(s, new Shape(k, k));
                double tolerance = 1e-5 * Math.max(1, scale);
                double expected = rowWise(s, k, false);
                double got = plain.estimate(scores).getFloat();
                assertEquals(expected, got, tolerance, "k=" + k + " scale=" + scale);
                double expectedSymmetric = (expected + rowWise(s, k, true)) / 2;
                double gotSymmetric = symmetric.estimate(scores).getFloat();
                assertEquals(expectedSymmetric, gotSymmetric, tolerance, "symmetric k=" + k + " scale=" + scale);
                assertTrue(got <= plain.logK(k) + 1e-6, "estimate " + got + " above log K");
                assertTrue(gotSymmetric <= symmetric.logK(k) + 1e-6);
                assertTrue(Double.isFinite(got));
            }
        }
    }

    @Test
    void hugeScoresDoNotOverflowAndPerfectCriticReachesLogK() {
        int k = 6;
        float[] s = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                s[i * k + j] = i == j ? 1e3f : -1e3f;
            }
        }
        double estimate = new InfoNce(false).estimate(manager.create(s, new Shape(k, k))).getFloat();
        assertEquals(Math.log(k), estimate, 1e-5);
        // the reverse: positives far below negatives gives a large negative estimate, still finite
        for (int i = 0; i < s.length; i++) {
            s[i] = -s[i];
        }
        double bad = new InfoNce(false).estimate(manager.create(s, new Shape(k, k))).getFloat();
        assertEquals(rowWise(s, k, false), bad, 1e-2);
        assertTrue(bad < -1900);
    }

    @Test
    void constantScoresCarryNoInformation() {
        var scores = manager.full(new Shape(5, 5), 3.7f);
        assertEquals(0, new InfoNce(false).estimate(scores).getFloat(), 1e-6);
        assertFalse(new InfoNce(false).isUpper());
    }

    @Test
    void rejectsNonSquareScores() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new InfoNce(false).estimate(manager.zeros(new Shape(3, 4))));
        assertTrue(e.getMessage().contains("(3, 4)"), e.getMessage());
    }

    @Test
    void factoryAcceptsExactlyTheVocabulary() {
        assertEquals(new InfoNce(false), Bounds.create("infonce", null));
        assertEquals(new InfoNce(true), Bounds.create("infonce", Map.of("symmetric", true)));
        for (var bound : Bounds.standard().entries()) {
            for (var param : bound.params()) {
                String key = param.name();
                assertThrows(IllegalArgumentException.class,
                        () -> Bounds.create(bound.name(), Map.of(key, "not a value")), key);
            }
        }
        var unknownKey = assertThrows(IllegalArgumentException.class,
                () -> Bounds.create("infonce", Map.of("temperature", 0.1)));
        assertTrue(unknownKey.getMessage().contains("accepted: symmetric"), unknownKey.getMessage());
        var unknownName = assertThrows(IllegalArgumentException.class, () -> Bounds.create("infonse", Map.of()));
        assertTrue(unknownName.getMessage().contains("known: ba, club, dv, infonce, interpolated"), unknownName.getMessage());
    }
}
