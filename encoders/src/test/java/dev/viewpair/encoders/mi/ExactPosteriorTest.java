package dev.viewpair.encoders.mi;

import static dev.viewpair.encoders.mi.SampleStats.mean;
import static dev.viewpair.encoders.mi.SampleStats.standardError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact-posterior bounds of a stochastic encoder ({@code critic: posterior}) from known answers: the scores and the
 * leave-one-out bound equal a direct double computation on small tensors; on the linear-Gaussian channel
 * {@code Z = AX + σε}, X ~ N(0, I), whose information is {@code ½ log det(I + AAᵀ/σ²)}, the leave-one-out estimate
 * lies above the truth in expectation at every K and closes in on it as K grows, VIB's estimate is the closed-form
 * {@code E KL(p(z|x) ‖ N(0, I))}, above the leave-one-out bound while I is within log K (and below it far above, where
 * the leave-one-out bound overshoots), exact when the prior is the marginal; scores,
 * estimates and gradients stay finite with σ at a tiny floor.
 */
class ExactPosteriorTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** One batch of the channel with A = a·I (d × d) and noise σ: the posterior rows [Ax ; σ] and the samples z. */
    private record Batch(double[][] mean, double[][] std, double[][] z) {
        static Batch draw(Random random, int k, int d, double a, double sigma) {
            var mean = new double[k][d];
            var std = new double[k][d];
            var z = new double[k][d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    mean[i][j] = a * random.nextGaussian();
                    std[i][j] = sigma;
                    z[i][j] = mean[i][j] + sigma * random.nextGaussian();
                }
            }
            return new Batch(mean, std, z);
        }

        NDArray posterior(NDManager m) {
            int k = mean.length;
            int d = mean[0].length;
            var rows = new float[k * 2 * d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    rows[i * 2 * d + j] = (float) mean[i][j];
                    rows[i * 2 * d + d + j] = (float) std[i][j];
                }
            }
            return m.create(rows, new ai.djl.ndarray.types.Shape(k, 2 * d));
        }

        NDArray samples(NDManager m) {
            int k = z.length;
            int d = z[0].length;
            var flat = new float[k * d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    flat[i * d + j] = (float) z[i][j];
                }
            }
            return m.create(flat, new ai.djl.ndarray.types.Shape(k, d));
        }
    }

    /** log N(z; μ, diag σ²), directly, in double, from the float values the arrays hold. */
    private static double logNormal(double[] z, double[] mean, double[] std) {
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            double u = ((double) (float) z[j] - (double) (float) mean[j]) / (float) std[j];
            sum += -0.5 * u * u - Math.log((float) std[j]) - 0.5 * Math.log(2 * Math.PI);
        }
        return sum;
    }

    private static double estimate(Bound bound, Batch batch) {
        try (NDManager scope = manager.newSubManager()) {
            var critic = new EncoderPosterior();
            return bound.estimate(critic.scores(batch.posterior(scope), batch.samples(scope))).getDouble();
        }
    }

    /** ½ log det(I + AAᵀ/σ²) for A = a·I in d dimensions. */
    private static double channelMi(int d, double a, double sigma) {
        return 0.5 * d * Math.log(1 + a * a / (sigma * sigma));
    }

    /** E_x KL(N(Ax, σ²I) ‖ N(0, I)) for A = a·I, X ~ N(0, I). */
    private static double channelKl(int d, double a, double sigma) {
        return 0.5 * d * (sigma * sigma + a * a - 1 - Math.log(sigma * sigma));
    }

    @Test
    void scoresAndTheLeaveOneOutBoundEqualADirectDoubleComputation() {
        var random = new Random(1);
        int k = 6;
        int d = 3;
        var batch = Batch.draw(random, k, d, 1.5, 0.7);
        for (int i = 0; i < k; i++) { // posteriors of different widths per row and dimension
            for (int j = 0; j < d; j++) {
                batch.std()[i][j] = 0.2 + random.nextDouble();
            }
        }
        double[][] expected = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                expected[i][j] = logNormal(batch.z()[j], batch.mean()[i], batch.std()[i])
                        - logNormal(batch.z()[j], new double[d], new double[] {1, 1, 1});
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray scores = new EncoderPosterior().scores(batch.posterior(scope), batch.samples(scope));
            assertEquals(DataType.FLOAT64, scores.getDataType());
            double[] got = scores.toDoubleArray();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    assertEquals(expected[i][j], got[i * k + j], 1e-9, "s[" + i + "][" + j + "]");
                }
            }
        }
        double loo = 0;
        double vib = 0;
        for (int i = 0; i < k; i++) {
            double others = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    others += Math.exp(logNormal(batch.z()[i], batch.mean()[j], batch.std()[j]));
                }
            }
            loo += logNormal(batch.z()[i], batch.mean()[i], batch.std()[i]) - Math.log(others / (k - 1));
            vib += expected[i][i];
        }
        assertEquals(loo / k, estimate(new LeaveOneOut(), batch), 1e-9);
        assertEquals(vib / k, estimate(new VariationalPrior(), batch), 1e-9);
    }

    @Test
    void theLeaveOneOutBoundLiesAboveTheChannelsInformationAndClosesInAsKGrows() {
        int d = 4;
        double a = 1.5;
        double sigma = 1;
        double truth = channelMi(d, a, sigma); // 2.36 nats
        var random = new Random(7);
        double previousGap = Double.POSITIVE_INFINITY;
        for (int k : new int[] {8, 32, 128, 512}) {
            int batches = 40_000 / k;
            double[] values = new double[batches];
            for (int b = 0; b < batches; b++) {
                values[b] = estimate(new LeaveOneOut(), Batch.draw(random, k, d, a, sigma));
            }
            double mean = mean(values);
            double error = standardError(values);
            double gap = mean - truth;
            assertTrue(gap > -3 * error, "K=" + k + ": mean " + mean + " ± " + error + " below the truth " + truth);
            assertTrue(gap < previousGap, "K=" + k + ": gap " + gap + " not below the smaller K's " + previousGap);
            previousGap = gap;
        }
        assertTrue(previousGap < 0.05, "at K=512 the gap is " + previousGap);
    }

    @Test
    void vibIsTheClosedFormKlAboveTheLeaveOneOutBoundWhileTheInformationIsWithinLogKAndExactWhenThePriorIsTheMarginal() {
        var random = new Random(11);
        int d = 4;
        int k = 64;
        // I = 2.36 nats (below log 64 = 4.16): the KL's gap, KL(p(z) ‖ r) = 2.14, exceeds the leave-one-out one
        double[] vib = new double[300];
        double[] loo = new double[vib.length];
        for (int b = 0; b < vib.length; b++) {
            var batch = Batch.draw(random, k, d, 1.5, 1);
            vib[b] = estimate(new VariationalPrior(), batch);
            loo[b] = estimate(new LeaveOneOut(), batch);
        }
        assertEquals(channelKl(d, 1.5, 1), mean(vib), 3 * standardError(vib));
        assertTrue(mean(vib) > mean(loo) + 3 * standardError(vib), "vib " + mean(vib) + " vs loo " + mean(loo));
        assertTrue(mean(loo) > channelMi(d, 1.5, 1) - 3 * standardError(loo));
        // I = 7.6 nats, far above log K: the leave-one-out bound overshoots (K ≪ e^I) and the KL is the tighter one
        for (int b = 0; b < vib.length; b++) {
            var batch = Batch.draw(random, k, d, 2, 0.3);
            vib[b] = estimate(new VariationalPrior(), batch);
            loo[b] = estimate(new LeaveOneOut(), batch);
        }
        assertEquals(channelKl(d, 2, 0.3), mean(vib), 3 * standardError(vib));
        assertTrue(mean(loo) > mean(vib) + 3 * standardError(loo), "vib " + mean(vib) + " vs loo " + mean(loo));
        assertTrue(mean(vib) > channelMi(d, 2, 0.3));
        // a² + σ² = 1: the marginal N(0, (a² + σ²)I) is the prior, and the KL bound is the information itself
        double a = 0.8;
        double sigma = 0.6;
        assertEquals(channelMi(d, a, sigma), channelKl(d, a, sigma), 1e-12);
        for (int b = 0; b < vib.length; b++) {
            vib[b] = estimate(new VariationalPrior(), Batch.draw(random, k, d, a, sigma));
        }
        assertEquals(channelMi(d, a, sigma), mean(vib), 3 * standardError(vib));
    }

    @Test
    void estimatesAndGradientsStayFiniteWithTheStandardDeviationAtATinyFloor() {
        var random = new Random(3);
        int k = 32;
        int d = 8;
        for (double sigma : new double[] {1e-3, 1e-4}) {
            var batch = Batch.draw(random, k, d, 1, sigma);
            for (Bound bound : new Bound[] {new LeaveOneOut(), new VariationalPrior(), new Club()}) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray posterior = batch.posterior(scope);
                    NDArray z = batch.samples(scope);
                    posterior.setRequiresGradient(true);
                    z.setRequiresGradient(true);
                    NDArray value;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        value = bound.estimate(new EncoderPosterior().scores(posterior, z));
                        collector.backward(value);
                    }
                    assertTrue(Double.isFinite(value.getDouble()), bound + " at σ=" + sigma + ": " + value.getDouble());
                    for (NDArray g : new NDArray[] {posterior.getGradient(), z.getGradient()}) {
                        for (float v : g.toFloatArray()) {
                            assertTrue(Float.isFinite(v), bound + " at σ=" + sigma + ": gradient " + v);
                        }
                    }
                }
            }
            // the positives of so narrow a posterior stand out: the leave-one-out bound is log(K−1)-ish and more
            assertTrue(estimate(new LeaveOneOut(), batch) > Math.log(k - 1), "σ=" + sigma);
        }
    }

    @Test
    void thePosteriorCriticTakesOnlyAPosteriorTwiceAsWideAsItsSampleAndOnlyThePosteriorBounds() {
        var critic = new EncoderPosterior();
        var e = assertThrows(IllegalArgumentException.class, () -> critic.checkWidths(8, 8));
        assertTrue(e.getMessage().contains("VIEW@posterior"), e.getMessage());
        critic.checkWidths(8, 4);
        assertTrue(Bounds.create("loo", Map.of()).takesPosterior());
        assertTrue(Bounds.create("club", Map.of()).takesPosterior());
        assertTrue(Bounds.create("vib", Map.of()).needsPosterior());
        assertEquals(java.util.List.of("gaussian", "posterior"), Bounds.standard().get("loo").critics());
        assertEquals(java.util.List.of("posterior"), Bounds.standard().get("vib").critics());
        assertEquals(java.util.List.of(), Bounds.standard().get("infonce").critics());
    }
}
