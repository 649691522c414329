package dev.viewpair.views.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat's samples against the standard normal distribution, whose probabilities the test integrates
 * from the density itself (Simpson's rule), independently of the ziggurat's tables.
 */
class ZigguratTest {
    private static final int DRAWS = 2_000_000;

    private static float[] draws(long seed, int n) {
        var x = new float[n];
        new Ziggurat(seed).fill(x);
        return x;
    }

    /** P(a < X < b) for a standard normal X, by Simpson's rule on the density. */
    private static double probability(double a, double b) {
        int steps = 2000;
        double h = (b - a) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double x = a + i * h;
            double weight = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.exp(-0.5 * x * x);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    @Test
    void momentsAreThoseOfAStandardNormal() {
        float[] x = draws(11, DRAWS);
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        for (float v : x) {
            sum += v;
            squares += (double) v * v;
            fourth += (double) v * v * v * v;
        }
        double mean = sum / DRAWS;
        double variance = squares / DRAWS - mean * mean;
        // standard errors: 1/√n for the mean, √(2/n) for the variance, √(96/n) for the fourth moment (3)
        assertEquals(0, mean, 5 / Math.sqrt(DRAWS), "mean");
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / DRAWS), "variance");
        assertEquals(3, fourth / DRAWS, 5 * Math.sqrt(96.0 / DRAWS), "fourth moment");
    }

    @Test
    void histogramPassesAChiSquaredTest() {
        float[] x = draws(12, DRAWS);
        // 120 bins of width 0.05 over ±3, then 0.25 out to ±4.5 (the ziggurat's tail starts at 3.44), and two
        // open tails
        var edges = new double[0];
        for (double e = -4.5; e < -3 - 1e-9; e += 0.25) {
            edges = append(edges, e);
        }
        for (double e = -3; e < 3 - 1e-9; e += 0.05) {
            edges = append(edges, e);
        }
        for (double e = 3; e <= 4.5 + 1e-9; e += 0.25) {
            edges = append(edges, e);
        }
        var counts = new long[edges.length + 1];
        for (float v : x) {
            int bin = Arrays.binarySearch(edges, v);
            counts[bin >= 0 ? bin + 1 : -bin - 1]++;
        }
        double chi2 = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            double lo = bin == 0 ? -12 : edges[bin - 1];
            double hi = bin == edges.length ? 12 : edges[bin];
            double expected = DRAWS * probability(lo, hi);
            chi2 += (counts[bin] - expected) * (counts[bin] - expected) / expected;
        }
        int dof = counts.length - 1;
        // the χ² distribution's 0.999 quantile is below dof + 3.1·√(2·dof) + 10 for dof ≈ 140
        assertTrue(chi2 < dof + 3.1 * Math.sqrt(2.0 * dof) + 10, "χ² " + chi2 + " with " + dof + " degrees of freedom");
        assertTrue(chi2 > dof - 3.1 * Math.sqrt(2.0 * dof), "χ² " + chi2 + " suspiciously small for " + dof + " dof");
    }

    private static double[] append(double[] a, double v) {
        var out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    @Test
    void theTailBeyondTheBaseLayerIsSampledAtItsProbability() {
        float[] x = draws(13, DRAWS);
        long beyond = 0;
        long farBeyond = 0;
        for (float v : x) {
            beyond += Math.abs(v) > 3.442619855899 ? 1 : 0;
            farBeyond += Math.abs(v) > 4.5 ? 1 : 0;
        }
        double p = 2 * probability(3.442619855899, 12);
        double expected = DRAWS * p;
        assertEquals(expected, beyond, 5 * Math.sqrt(expected), "samples beyond the ziggurat's base (tail method)");
        double pFar = 2 * probability(4.5, 12);
        assertEquals(DRAWS * pFar, farBeyond, 5 * Math.sqrt(DRAWS * pFar) + 1, "samples beyond 4.5");
    }

    @Test
    void sameSeedSameSamplesAndNeighboursAreUncorrelated() {
        assertArrayEquals(draws(5, 1001), draws(5, 1001));
        assertFalse(Arrays.equals(draws(5, 1001), draws(6, 1001)));
        float[] x = draws(14, DRAWS);
        double lag1 = 0;
        for (int i = 1; i < x.length; i++) {
            lag1 += (double) x[i] * x[i - 1];
        }
        // the two samples of one 64-bit draw sit side by side: they must not be correlated
        assertEquals(0, lag1 / (DRAWS - 1), 5 / Math.sqrt(DRAWS), "lag-1 correlation");
    }
}
