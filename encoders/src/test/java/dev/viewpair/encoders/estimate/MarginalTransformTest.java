package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarginalTransformTest {

    /** Cauchy draws: the heavy tails the transforms are for. */
    private static double[] cauchy(int n, long seed) {
        var random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.tan(Math.PI * (random.nextDouble() - 0.5));
        }
        return out;
    }

    @Test
    void scoresAreStrictlyIncreasingAndInvertibleInsideAndBeyondTheFittedRange() {
        double[] fitted = cauchy(500, 1);
        var cdf = new EmpiricalCdf(fitted);
        double low = Arrays.stream(fitted).min().orElseThrow();
        double high = Arrays.stream(fitted).max().orElseThrow();
        double[] probes = cauchy(2000, 2); // values never fitted, many beyond the fitted extremes
        Arrays.sort(probes);
        double previous = 0;
        for (double x : probes) {
            double u = cdf.score(x);
            assertTrue(u > 0 && u < 1, "score " + u + " of " + x);
            assertTrue(u > previous, "scores keep the order: " + x + " → " + u + " after " + previous);
            previous = u;
            // beyond the fitted range the score's distance to 1 shrinks like 1/x: a few digits fewer come back
            double tolerance = (x >= low && x <= high ? 1e-9 : 1e-6) * Math.max(1, Math.abs(x));
            assertEquals(x, cdf.inverse(u), tolerance, "inverse of the score of " + x);
        }
    }

    @Test
    void fittedValuesGetTheirRankOverNPlusOneAndTiesTheirMidRank() {
        var cdf = new EmpiricalCdf(new double[] {3, 1, 2, 2, 5});
        assertEquals(1.0 / 6, cdf.score(1), 1e-15);
        assertEquals(2.5 / 6, cdf.score(2), 1e-15); // ranks 2 and 3: both at 2.5
        assertEquals(4.0 / 6, cdf.score(3), 1e-15);
        assertEquals(5.0 / 6, cdf.score(5), 1e-15);
        assertEquals((2.5 / 6 + 4.0 / 6) / 2, cdf.score(2.5), 1e-15); // between two fitted values: interpolated
        assertEquals(0.5, new EmpiricalCdf(new double[] {7, 7, 7}).score(-100), 0);
    }

    @Test
    void transformsKeepEveryColumnsOrderAndAreFittedOnTheTrainingRowsOnly() {
        var random = new Random(3);
        float[][] rows = new float[400][2];
        for (float[] row : rows) {
            row[0] = (float) Math.tan(Math.PI * (random.nextDouble() - 0.5));
            row[1] = (float) Math.exp(3 * random.nextGaussian());
        }
        int[] training = new int[200];
        Arrays.setAll(training, i -> 2 * i); // even rows
        for (var transform : MarginalTransform.values()) {
            var marginals = transform.fit(rows, training);
            double[] out = marginals.apply(rows);
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < rows.length; j++) {
                        if (rows[i][c] < rows[j][c]) {
                            assertTrue(out[i * 2 + c] < out[j * 2 + c], transform + " keeps the order in column " + c);
                        }
                    }
                }
            }
            // the odd (held-out) rows do not move the fit: refitting with them changed gives the same map
            float[][] changed = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                changed[i] = i % 2 == 0 ? rows[i] : new float[] {1e6f, -1e6f};
            }
            var refitted = transform.fit(changed, training);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(marginals.score(0, rows[i][0]), refitted.score(0, rows[i][0]), 0, transform.label());
            }
        }
        // the training rows' scores: ranks over n + 1, centred uniform (rank) or their normal quantiles (copula)
        var rank = MarginalTransform.RANK.fit(rows, training);
        var copula = MarginalTransform.GAUSSIAN_COPULA.fit(rows, training);
        double[] column = Arrays.stream(training).mapToDouble(i -> rows[i][1]).sorted().toArray();
        for (int r = 0; r < column.length; r++) {
            double u = (r + 1) / 201.0;
            assertEquals((u - 0.5) * Math.sqrt(12), rank.score(1, column[r]), 1e-12);
            assertEquals(SpecialFunctions.normalQuantile(u), copula.score(1, column[r]), 1e-12);
        }
    }

    @Test
    void standardizingUsesTheFittedRowsMoments() {
        float[][] rows = {{1}, {3}, {100}};
        var none = MarginalTransform.NONE.fit(rows, new int[] {0, 1});
        assertEquals(-1, none.score(0, 1), 1e-12);
        assertEquals(1, none.score(0, 3), 1e-12);
        assertEquals(98, none.score(0, 100), 1e-12);
    }

    @Test
    void namesAreParsedAndUnknownOnesListed() {
        assertEquals(MarginalTransform.GAUSSIAN_COPULA, MarginalTransform.parse("gaussian-copula"));
        var e = assertThrows(IllegalArgumentException.class, () -> MarginalTransform.parse("ranks"));
        assertTrue(e.getMessage().contains("'ranks'") && e.getMessage().contains("none, rank, gaussian-copula"), e.getMessage());
        var width = assertThrows(IllegalArgumentException.class,
                () -> MarginalTransform.RANK.fit(new float[][] {{1}, {2}}).apply(new float[][] {{1, 2}}));
        assertTrue(width.getMessage().contains("fitted on 1"), width.getMessage());
    }
}
