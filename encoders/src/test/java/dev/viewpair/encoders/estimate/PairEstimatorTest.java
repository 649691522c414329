package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairEstimatorTest {

    @Test
    void estimatesTheMiOfGaussiansOfDifferentWidthsWithAnInterval() {
        // x in 1 dimension, y in 3: only y's first coordinate depends on x
        float[][][] pair = KsgTest.gaussians(3000, 1, 0.8, 5);
        float[][][] noise = KsgTest.gaussians(3000, 2, 0, 6);
        float[][] y = new float[3000][3];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = pair[1][i][0];
            y[i][1] = noise[0][i][0];
            y[i][2] = noise[0][i][1];
        }
        double truth = KsgTest.trueMi(1, 0.8);
        var options = PairEstimator.Options.defaults().withBounds(List.of("smile", "infonce")).withSteps(400);
        List<PairEstimator.Estimate> estimates = PairEstimator.estimateEach(pair[0], y, options);
        assertEquals(2, estimates.size());
        for (var estimate : estimates) {
            assertEquals(truth, estimate.miNats(), 0.2, estimate.method());
            assertTrue(estimate.ci95Low() < estimate.miNats() && estimate.miNats() < estimate.ci95High(), estimate.toString());
            assertTrue(estimate.ci95High() - estimate.ci95Low() < 0.5, estimate.toString());
        }
        String method = estimates.get(0).method();
        assertTrue(method.startsWith("smile with a separable_mlp critic, ") && method.contains(" steps of 256 on 1200 rows (early "
                + "stopping on 300 more); 1280 held-out rows in 5 batches of 256"), method);
    }

    @Test
    void intervalsUseStudentsT() {
        var estimate = PairEstimator.interval(new double[] {1, 2, 3}, "m");
        assertEquals(2, estimate.miNats(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), estimate.ci95Low(), 1e-9);
        assertEquals(2.0395, PairEstimator.studentT975(31), 1e-3);
        assertEquals(1.96, PairEstimator.studentT975(100_000), 1e-3);
    }

    @Test
    void badInputAndOptionsAreNamed() {
        var short_ = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.estimate(new float[][] {{1}, {2}, {3}}, new float[][] {{1}, {2}, {3}}));
        assertTrue(short_.getMessage().contains("at least 8 rows"), short_.getMessage());
        var bound = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.Options.defaults().withBounds(List.of("smiel")));
        assertTrue(bound.getMessage().contains("unknown bound 'smiel'"), bound.getMessage());
        var ba = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.Options.defaults().withBounds(List.of("ba")));
        assertTrue(ba.getMessage().contains("H(Y)"), ba.getMessage());
        var two = assertThrows(IllegalArgumentException.class, () -> PairEstimator.estimate(new float[8][1], new float[8][1],
                PairEstimator.Options.defaults().withBounds(List.of("js", "nwj"))));
        assertTrue(two.getMessage().contains("estimateEach"), two.getMessage());
    }
}
