package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against a recomputation in double precision of their published update rules, on a weight
 * and a bias fed fixed gradients for several steps; AdamW also against DJL's own AdamW.
 */
class StatefulOptimizerTest {
    private static final float[] W0 = {0.5f, -1.25f, 2f, 0f};
    private static final float[] B0 = {0.1f, -0.3f};
    private static final float[][] GW = {{0.2f, -0.4f, 1.5f, 0.01f}, {-0.7f, 0.3f, 0.9f, -0.2f}, {0.05f, 0.6f, -1.1f, 0.4f},
        {1.2f, -0.8f, 0.3f, 0.3f}};
    private static final float[][] GB = {{0.5f, -0.5f}, {0.25f, 0.75f}, {-1f, 0.1f}, {0.3f, 0.3f}};
    private static final float[] RATES = {0.1f, 0.05f, 0.08f, 0.02f};

    /** Runs the optimizer over the fixed gradients; returns the weight and bias after every step. */
    private static float[][][] run(OptimizerConfig config) {
        return run(config, RATES);
    }

    private static float[][][] run(OptimizerConfig config, float[] rates) {
        try (NDManager manager = NDManager.newBaseManager()) {
            var optimizer = StatefulOptimizer.of(config, manager);
            NDArray w = manager.create(W0);
            NDArray b = manager.create(B0);
            var out = new float[rates.length][][];
            for (int t = 0; t < rates.length; t++) {
                try (NDManager step = manager.newSubManager()) {
                    optimizer.step(List.of(new StatefulOptimizer.Update("w", w, step.create(GW[t]), true),
                            new StatefulOptimizer.Update("b", b, step.create(GB[t]), false)), rates[t]);
                }
                out[t] = new float[][] {w.toFloatArray(), b.toFloatArray()};
            }
            assertEquals(rates.length, optimizer.updates());
            return out;
        }
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 2e-6 * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }

    private static double[] copy(float[] values) {
        var d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    @Test
    void adamWFollowsTheDecoupledRuleAndSparesTheBias() {
        double b1 = 0.8;
        double b2 = 0.95;
        double eps = 1e-3;
        double wd = 0.1;
        var actual = run(new OptimizerConfig(new UpdateRule.AdamW(b1, b2, eps), 1, wd, 0, 0, 1));
        double[][] params = {copy(W0), copy(B0)};
        float[][][] grads = {GW, GB};
        double[][] m = {new double[4], new double[2]};
        double[][] v = {new double[4], new double[2]};
        for (int t = 0; t < RATES.length; t++) {
            double lr = RATES[t];
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < params[p].length; i++) {
                    double g = grads[p][t][i];
                    if (p == 0) {
                        params[p][i] *= 1 - lr * wd;
                    }
                    m[p][i] = b1 * m[p][i] + (1 - b1) * g;
                    v[p][i] = b2 * v[p][i] + (1 - b2) * g * g;
                    double mHat = m[p][i] / (1 - Math.pow(b1, t + 1));
                    double vHat = v[p][i] / (1 - Math.pow(b2, t + 1));
                    params[p][i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
                assertClose(params[p], actual[t][p], "step " + t + (p == 0 ? " weight" : " bias"));
            }
        }
    }

    @Test
    void adamWMatchesDjlsAdamWOnAWeight() {
        double wd = 0.01;
        var ours = run(new OptimizerConfig(UpdateRule.AdamW.DEFAULT, 0.05, wd, 0, 0, 0.05),
                new float[] {0.05f, 0.05f, 0.05f, 0.05f});
        try (NDManager manager = NDManager.newBaseManager()) {
            var djl = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.05f)).optWeightDecays((float) wd).build();
            NDArray w = manager.create(W0);
            for (int t = 0; t < RATES.length; t++) {
                djl.update("w", w, manager.create(GW[t]));
                float[] theirs = w.toFloatArray();
                for (int i = 0; i < theirs.length; i++) {
                    assertEquals(theirs[i], ours[t][0][i], 1e-5, "step " + t + " weight[" + i + "]");
                }
            }
        }
    }

    @Test
    void sgdWithMomentumAndNesterovFollowsTorchsRule() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double mu = 0.9;
            double wd = 0.05;
            var actual = run(new OptimizerConfig(new UpdateRule.Sgd(mu, nesterov), 1, wd, 0, 0, 1));
            double[][] params = {copy(W0), copy(B0)};
            float[][][] grads = {GW, GB};
            double[][] buf = {new double[4], new double[2]};
            for (int t = 0; t < RATES.length; t++) {
                for (int p = 0; p < 2; p++) {
                    for (int i = 0; i < params[p].length; i++) {
                        double d = grads[p][t][i] + (p == 0 ? wd * params[p][i] : 0);
                        buf[p][i] = mu * buf[p][i] + d;
                        double step = nesterov ? d + mu * buf[p][i] : buf[p][i];
                        params[p][i] -= RATES[t] * step;
                    }
                    assertClose(params[p], actual[t][p], "nesterov " + nesterov + " step " + t);
                }
            }
        }
    }

    @Test
    void larsScalesWeightsByTheirTrustRatioAndLeavesBiasesPlain() {
        double mu = 0.9;
        double eta = 0.02;
        double wd = 0.1;
        var actual = run(new OptimizerConfig(new UpdateRule.Lars(mu, eta), 1, wd, 0, 0, 1));
        double[][] params = {copy(W0), copy(B0)};
        float[][][] grads = {GW, GB};
        double[][] buf = {new double[4], new double[2]};
        for (int t = 0; t < RATES.length; t++) {
            for (int p = 0; p < 2; p++) {
                double[] d = new double[params[p].length];
                double wNorm = 0;
                double dNorm = 0;
                for (int i = 0; i < d.length; i++) {
                    d[i] = grads[p][t][i] + (p == 0 ? wd * params[p][i] : 0);
                    wNorm += params[p][i] * params[p][i];
                    dNorm += d[i] * d[i];
                }
                double trust = p == 0 ? eta * Math.sqrt(wNorm) / Math.sqrt(dNorm) : 1;
                for (int i = 0; i < d.length; i++) {
                    buf[p][i] = mu * buf[p][i] + RATES[t] * trust * d[i];
                    params[p][i] -= buf[p][i];
                }
                assertClose(params[p], actual[t][p], "step " + t + (p == 0 ? " weight" : " bias"));
            }
        }
    }

    @Test
    void larsTrustRatioIsOneForAZeroWeight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var optimizer = StatefulOptimizer.of(new OptimizerConfig(new UpdateRule.Lars(0, 0.001), 1, 0, 0, 0, 1), manager);
            NDArray w = manager.zeros(new ai.djl.ndarray.types.Shape(3));
            optimizer.step(List.of(new StatefulOptimizer.Update("w", w, manager.create(new float[] {1, 2, 3}), true)), 0.5f);
            assertArrayEquals(new float[] {-0.5f, -1f, -1.5f}, w.toFloatArray());
        }
    }

    @Test
    void stateRoundTripContinuesBitForBitAndRefusesAnotherRule() throws IOException {
        var config = new OptimizerConfig(UpdateRule.AdamW.DEFAULT, 0.01, 0.1, 0, 0, 0.01);
        try (NDManager manager = NDManager.newBaseManager()) {
            var original = StatefulOptimizer.of(config, manager);
            NDArray w = manager.create(W0);
            original.step(List.of(new StatefulOptimizer.Update("w", w, manager.create(GW[0]), true)), 0.01f);
            original.step(List.of(new StatefulOptimizer.Update("w", w, manager.create(GW[1]), true)), 0.01f);
            var bytes = new ByteArrayOutputStream();
            original.write(new DataOutputStream(bytes));

            var restored = StatefulOptimizer.of(config, manager);
            restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "state", Set.of("w"));
            assertEquals(2, restored.updates());
            NDArray w2 = w.duplicate();
            original.step(List.of(new StatefulOptimizer.Update("w", w, manager.create(GW[2]), true)), 0.01f);
            restored.step(List.of(new StatefulOptimizer.Update("w", w2, manager.create(GW[2]), true)), 0.01f);
            assertArrayEquals(w.toFloatArray(), w2.toFloatArray());
            assertArrayEquals(original.slots("w")[1].toFloatArray(), restored.slots("w")[1].toFloatArray());

            var sgd = StatefulOptimizer.of(new OptimizerConfig(UpdateRule.Sgd.DEFAULT, 0.01, 0, 0, 0, 0.01), manager);
            var e = assertThrows(IOException.class,
                    () -> sgd.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "state", Set.of("w")));
            assertTrue(e.getMessage().contains("'adamw'") && e.getMessage().contains("'sgd'"), e.getMessage());
            var other = StatefulOptimizer.of(config, manager);
            e = assertThrows(IOException.class,
                    () -> other.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "state", Set.of("v")));
            assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
        }
    }
}
