package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KsgTest {

    /** n pairs of d-dimensional correlated Gaussians y = ρx + √(1−ρ²)ε: [x, y]. */
    static float[][][] gaussians(int n, int d, double rho, long seed) {
        var random = new Random(seed);
        float[][] x = new float[n][d];
        float[][] y = new float[n][d];
        double noise = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double xi = random.nextGaussian();
                x[i][c] = (float) xi;
                y[i][c] = (float) (rho * xi + noise * random.nextGaussian());
            }
        }
        return new float[][][] {x, y};
    }

    static double trueMi(int d, double rho) {
        return -d / 2.0 * Math.log(1 - rho * rho);
    }

    @Test
    void recoversTheMiOfOneAndTwoDimensionalGaussiansWithin005Nats() {
        for (int d : new int[] {1, 2}) {
            for (double rho : new double[] {0.6, 0.9}) {
                float[][][] data = gaussians(5000, d, rho, 10L * d + (long) (rho * 10));
                double truth = trueMi(d, rho);
                double estimate = Ksg.estimate(data[0], data[1]);
                assertEquals(truth, estimate, 0.05, "d=" + d + " ρ=" + rho);
            }
        }
    }

    @Test
    void independentDataGiveAboutZeroAndScalingChangesNothing() {
        float[][][] data = gaussians(2000, 1, 0, 3);
        assertEquals(0, Ksg.estimate(data[0], data[1]), 0.03);
        float[][][] correlated = gaussians(1000, 2, 0.7, 4);
        double plain = Ksg.estimate(correlated[0], correlated[1]);
        for (float[] row : correlated[0]) {
            row[0] = row[0] * 1000 + 5;
        }
        assertEquals(plain, Ksg.estimate(correlated[0], correlated[1]), 1e-9);
    }

    @Test
    void badInputIsNamed() {
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> Ksg.estimate(new float[][] {{1}, {2, 3}, {4}}, new float[][] {{1}, {2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1 of x"), ragged.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Ksg.estimate(new float[][] {{1}, {2}, {4}}, new float[][] {{1}, {Float.NaN}, {3}}));
        assertTrue(nan.getMessage().contains("row 1 of y"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ksg.estimate(new float[][] {{1}, {2}}, new float[][] {{1}}));
        var k = assertThrows(IllegalArgumentException.class,
                () -> Ksg.estimate(new float[][] {{1}, {2}}, new float[][] {{1}, {2}}, 3));
        assertTrue(k.getMessage().contains("k < N"), k.getMessage());
    }
}
