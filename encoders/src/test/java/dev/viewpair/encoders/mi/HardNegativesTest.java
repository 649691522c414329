package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** InfoNCE with hard negatives appended as extra columns, and every other bound's refusal of them. */
class HardNegativesTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Row i picks s_ii among s_i· and h_i·: mean_i (s_ii − log Σ_j (e^{s_ij} + e^{h_ij})) + log 2K, in double. */
    private static double rowsWithHard(float[] s, float[] h, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, Math.max(s[i * k + j], h[i * k + j]));
            }
            double exp = 0;
            for (int j = 0; j < k; j++) {
                exp += Math.exp(s[i * k + j] - max) + Math.exp(h[i * k + j] - max);
            }
            sum += s[i * k + i] - max - Math.log(exp);
        }
        return sum / k + Math.log(2.0 * k);
    }

    /** Column j picks s_jj among s_·j (no hard negatives on this side): mean_j (s_jj − log Σ_i e^{s_ij}) + log K. */
    private static double columns(float[] s, int k) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, s[i * k + j]);
            }
            double exp = 0;
            for (int i = 0; i < k; i++) {
                exp += Math.exp(s[i * k + j] - max);
            }
            sum += s[j * k + j] - max - Math.log(exp);
        }
        return sum / k + Math.log(k);
    }

    private static float[] random(Random random, int k, double scale) {
        float[] s = new float[k * k];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * scale);
        }
        return s;
    }

    private static NDArray array(float[] values, int k) {
        return manager.create(values, new Shape(k, k));
    }

    @Test
    void equalsHandRecomputationAndStaysBelowLog2K() {
        var rng = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            int k = 2 + rng.nextInt(14);
            double scale = trial < 10 ? 1 : trial < 20 ? 20 : 500;
            float[] s = random(rng, k, scale);
            float[] h = random(rng, k, scale);
            double oneSided = new InfoNce(false).estimate(array(s, k), array(h, k)).getFloat();
            double symmetric = new InfoNce(true).estimate(array(s, k), array(h, k)).getFloat();
            double expectedRows = rowsWithHard(s, h, k);
            double tolerance = 1e-4 * Math.max(1, scale);
            assertEquals(expectedRows, oneSided, tolerance, "K=" + k + " scale " + scale);
            assertEquals((expectedRows + columns(s, k)) / 2, symmetric, tolerance, "symmetric, K=" + k);
            assertTrue(oneSided <= new InfoNce(false).logK(k, true) + 1e-5, "above log 2K: " + oneSided);
            assertTrue(symmetric <= new InfoNce(true).logK(k, true) + 1e-5, "above its ceiling: " + symmetric);
        }
    }

    @Test
    void ceilingIsLog2KAndIsReachedWhenPositivesDominate() {
        int k = 8;
        float[] s = new float[k * k];
        float[] h = new float[k * k];
        for (int i = 0; i < k; i++) {
            s[i * k + i] = 60; // e^-60 of mass on 2K−1 others: the estimate is log 2K to float precision
        }
        assertEquals(Math.log(16), new InfoNce(false).logK(k, true), 1e-12);
        assertEquals((Math.log(16) + Math.log(8)) / 2, new InfoNce(true).logK(k, true), 1e-12);
        assertEquals(Math.log(16), new InfoNce(false).estimate(array(s, k), array(h, k)).getFloat(), 1e-5);
        assertEquals((Math.log(16) + Math.log(8)) / 2, new InfoNce(true).estimate(array(s, k), array(h, k)).getFloat(), 1e-5);
        // a hard negative as likely as the positive halves that row's probability: log 2K − log 2 per such row
        for (int i = 0; i < k; i++) {
            h[i * k + i] = 60;
        }
        assertEquals(Math.log(16) - Math.log(2), new InfoNce(false).estimate(array(s, k), array(h, k)).getFloat(), 1e-5);
    }

    @Test
    void gradientReachesTheHardNegativeScores() {
        int k = 4;
        var rng = new Random(9);
        NDArray s = array(random(rng, k, 1), k);
        NDArray h = array(random(rng, k, 1), k);
        h.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            collector.backward(new InfoNce(true).estimate(s, h));
        }
        float[] gradient = h.getGradient().toFloatArray();
        // d/dh_ij of mean_i(−log Σ) is −softmax_ij / K (halved by the symmetric average): all negative
        float[] hv = h.toFloatArray();
        float[] sv = s.toFloatArray();
        for (int i = 0; i < k; i++) {
            double partition = 0;
            for (int j = 0; j < k; j++) {
                partition += Math.exp(sv[i * k + j]) + Math.exp(hv[i * k + j]);
            }
            for (int j = 0; j < k; j++) {
                assertEquals(-Math.exp(hv[i * k + j]) / partition / k / 2, gradient[i * k + j], 1e-6);
            }
        }
    }

    @Test
    void everyOtherBoundRefusesThemWithAReason() {
        NDArray s = manager.eye(4);
        for (String name : Bounds.standard().names()) {
            Bound bound = Bounds.create(name, Map.of());
            if (name.equals("infonce")) {
                assertTrue(bound.hardNegativesRefusal().isEmpty());
                continue;
            }
            assertTrue(bound.hardNegativesRefusal().orElseThrow().contains("p(x)p(y)"), name);
            var e = assertThrows(UnsupportedOperationException.class, () -> bound.estimate(s, s), name);
            assertTrue(e.getMessage().contains("takes no hard negatives"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> bound.logK(4, true), name);
            assertEquals(bound.logK(4), bound.logK(4, false), name);
        }
    }

    @Test
    void hardNegativeScoresMustMatchTheBatch() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new InfoNce(false).estimate(manager.eye(4), manager.eye(3)));
        assertTrue(e.getMessage().contains("(3, 3)"), e.getMessage());
    }
}
