package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local–global pairs (Deep InfoMax): a critic's P×B×B stack of scores of every sample's local vectors against every
 * sample's global vector, and InfoNCE, NWJ and JS over it, against a direct double-precision computation.
 */
class LocalGlobalTest {
    private static final int DIM = 3;
    private static final Set<String> STACK_BOUNDS = Set.of("infonce", "nwj", "js");
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Local features B×P×D and global vectors B×D, drawn N(0, scale²). */
    private record Batch(int b, int p, float[] local, float[] global) {
        static Batch random(Random random, int b, int p, double scale) {
            return new Batch(b, p, gaussian(random, b * p * DIM, scale), gaussian(random, b * DIM, scale));
        }

        NDArray localArray() {
            return manager.create(local, new Shape(b, p, DIM));
        }

        NDArray globalArray() {
            return manager.create(global, new Shape(b, DIM));
        }

        double localAt(int i, int position, int d) {
            return local[(i * p + position) * DIM + d];
        }

        /** s[p][i][j] = local[i, p] · global[j] (divided by τ after normalizing both, for cosine), in double. */
        double[][][] scores(boolean cosine, double temperature) {
            double[][][] s = new double[p][b][b];
            for (int position = 0; position < p; position++) {
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < b; j++) {
                        double dot = 0;
                        double localNorm = 0;
                        double globalNorm = 0;
                        for (int d = 0; d < DIM; d++) {
                            dot += localAt(i, position, d) * global[j * DIM + d];
                            localNorm += localAt(i, position, d) * localAt(i, position, d);
                            globalNorm += (double) global[j * DIM + d] * global[j * DIM + d];
                        }
                        s[position][i][j] = cosine ? dot / Math.sqrt(localNorm * globalNorm) / temperature : dot;
                    }
                }
            }
            return s;
        }
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /**
     * DIM's InfoNCE: global vector j picks local vector (p, j) among it and every (p', i ≠ j): mean over p, j of
     * {@code s_pjj − log(e^{s_pjj} + Σ_{p', i≠j} e^{s_p'ij})} + log((B−1)P + 1); the symmetric form averages it with
     * each local vector picking its global vector among the B ({@code s_pii − log Σ_j e^{s_pij}} + log B).
     */
    private static double infoNce(double[][][] s, boolean symmetric) {
        int p = s.length;
        int b = s[0].length;
        double rows = 0;
        double columns = 0;
        for (int j = 0; j < b; j++) {
            var negatives = new double[p * (b - 1)];
            int n = 0;
            for (double[][] matrix : s) {
                for (int i = 0; i < b; i++) {
                    if (i != j) {
                        negatives[n++] = matrix[i][j];
                    }
                }
            }
            double negativeLogSum = logSumExp(negatives);
            for (double[][] matrix : s) {
                columns += matrix[j][j] - logSumExp(new double[] {matrix[j][j], negativeLogSum});
                rows += matrix[j][j] - logSumExp(matrix[j]);
            }
        }
        columns = columns / (p * b) + Math.log((b - 1.0) * p + 1);
        rows = rows / (p * b) + Math.log(b);
        return symmetric ? (rows + columns) / 2 : columns;
    }

    private static double positiveMean(double[][][] s) {
        double sum = 0;
        for (double[][] matrix : s) {
            for (int i = 0; i < matrix.length; i++) {
                sum += matrix[i][i];
            }
        }
        return sum / (s.length * s[0].length);
    }

    /** mean over p and i ≠ j of e^{s_pij}. */
    private static double negativeExpMean(double[][][] s) {
        int b = s[0].length;
        double sum = 0;
        for (double[][] matrix : s) {
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    sum += i == j ? 0 : Math.exp(matrix[i][j]);
                }
            }
        }
        return sum / (s.length * b * (b - 1.0));
    }

    private static double nwj(double[][][] s) {
        return positiveMean(s) - Math.exp(-1) * negativeExpMean(s);
    }

    private static double jsReadOut(double[][][] s) {
        return 1 + positiveMean(s) - negativeExpMean(s);
    }

    private static Critic initialized(String name, int dim) {
        Critic critic = Critics.create(name, Map.of(), dim);
        critic.initialize(manager, DataType.FLOAT32, new Shape(2, dim), new Shape(2, dim));
        return critic;
    }

    @Test
    void infoNceNwjAndJsEqualADirectDoubleComputation() {
        var random = new Random(11);
        for (int trial = 0; trial < 24; trial++) {
            int b = 2 + random.nextInt(5);
            int p = 1 + random.nextInt(7);
            double scale = trial % 2 == 0 ? 0.5 : 1.5;
            var batch = Batch.random(random, b, p, scale);
            boolean cosine = trial % 3 == 0;
            Critic critic = cosine ? new Cosine(0.5, false) : new Dot();
            double[][][] expected = batch.scores(cosine, 0.5);
            NDArray scores = critic.localScores(batch.localArray(), batch.globalArray());
            assertEquals(new Shape(p, b, b), scores.getShape());
            String where = "B=" + b + " P=" + p + (cosine ? " cosine" : " dot");
            for (int position = 0; position < p; position++) {
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < b; j++) {
                        assertEquals(expected[position][i][j], scores.getFloat(position, i, j), 1e-4,
                                where + " entry " + position + "," + i + "," + j);
                    }
                }
            }
            double tolerance = 2e-4 * Math.max(1, scale * scale * DIM);
            assertEquals(infoNce(expected, false), new InfoNce(false).estimate(scores).getFloat(), tolerance, where);
            assertEquals(infoNce(expected, true), new InfoNce(true).estimate(scores).getFloat(), tolerance, where);
            assertEquals(nwj(expected), new Nwj().estimate(scores).getFloat(), tolerance, where);
            assertEquals(jsReadOut(expected), new JensenShannon().estimate(scores).getFloat(), tolerance, where);
        }
    }

    @Test
    void infoNceCeilingCountsEveryPositionOfTheOtherSamples() {
        int b = 3;
        for (int p : new int[] {1, 5, 16}) {
            // global j = e_j, every local vector of sample i = 60·e_i: s_pii = 60, s_pij = 0
            float[] global = new float[b * DIM];
            float[] local = new float[b * p * DIM];
            for (int i = 0; i < b; i++) {
                global[i * DIM + i] = 1;
                for (int position = 0; position < p; position++) {
                    local[(i * p + position) * DIM + i] = 60;
                }
            }
            NDArray scores = new Dot().localScores(manager.create(local, new Shape(b, p, DIM)),
                    manager.create(global, new Shape(b, DIM)));
            double columns = Math.log((b - 1.0) * p + 1);
            assertEquals(columns, new InfoNce(false).logK(b, p), 1e-12);
            assertEquals((columns + Math.log(b)) / 2, new InfoNce(true).logK(b, p), 1e-12);
            for (var bound : List.of(new InfoNce(false), new InfoNce(true))) {
                assertEquals(bound.logK(b, p), bound.estimate(scores).getFloat(), 1e-5, "P=" + p + " " + bound);
            }
            var random = new Random(p);
            for (int trial = 0; trial < 10; trial++) {
                var batch = Batch.random(random, b, p, 3);
                float value = new InfoNce(false).estimate(new Dot().localScores(batch.localArray(), batch.globalArray()))
                        .getFloat();
                assertTrue(value <= columns + 1e-5, "P=" + p + ": " + value + " above log((B−1)P + 1)");
            }
        }
    }

    @Test
    void localLocalScoresPairEveryPositionAndEachOfBsPositionsPicksAsAGlobalVector() {
        var random = new Random(5);
        int b = 4;
        int p = 3;
        int q = 5;
        var a = Batch.random(random, b, p, 1);
        var other = Batch.random(random, b, q, 1);
        NDArray localB = manager.create(other.local(), new Shape(b, q, DIM));
        for (String name : List.of("dot", "bilinear", "separable_mlp")) {
            Critic critic = initialized(name, DIM);
            NDArray stack = critic.localLocalScores(a.localArray(), localB);
            assertEquals(new Shape(q, p, b, b), stack.getShape(), name);
            for (int position = 0; position < q; position++) {
                // B's position q of every sample is a global vector per sample: the local–global stack for it
                NDArray atPosition = localB.get(":, " + position + ", :");
                NDArray expected = critic.localScores(a.localArray(), atPosition);
                assertEquals(0, expected.sub(stack.get(position)).abs().max().getFloat(), 1e-5, name + " q=" + position);
            }
            for (Bound bound : List.of(new InfoNce(false), new InfoNce(true), new Nwj(), new JensenShannon())) {
                double mean = 0;
                for (int position = 0; position < q; position++) {
                    mean += bound.estimate(stack.get(position)).getFloat() / q;
                }
                assertEquals(mean, bound.estimate(stack).getFloat(), 1e-4, name + " " + bound);
            }
        }
        var refusal = assertThrows(UnsupportedOperationException.class,
                () -> initialized("concat_mlp", DIM).localLocalScores(a.localArray(), localB));
        assertTrue(refusal.getMessage().contains("separable_mlp"), refusal.getMessage());
    }

    @Test
    void onePositionGivesTodaysGlobalBound() {
        var random = new Random(7);
        int b = 5;
        var batch = Batch.random(random, b, 1, 1);
        NDArray za = manager.create(batch.local(), new Shape(b, DIM));
        NDArray zb = batch.globalArray();
        for (String name : List.of("dot", "cosine", "bilinear", "separable_mlp", "concat_mlp")) {
            Critic critic = initialized(name, DIM);
            NDArray global = critic.scores(za, zb);
            NDArray local = critic.localScores(batch.localArray(), zb);
            assertEquals(global.expandDims(0), local, name);
            for (Bound bound : List.of(new InfoNce(true), new Nwj(), new JensenShannon())) {
                assertEquals(bound.estimate(global).getFloat(), bound.estimate(local).getFloat(), 1e-6, name + " " + bound);
            }
            // DIM's direction: the global vectors (columns) pick, today's row-wise bound on the transposed scores
            assertEquals(new InfoNce(false).estimate(global.transpose()).getFloat(),
                    new InfoNce(false).estimate(local).getFloat(), 1e-6, name);
        }
    }

    @Test
    void everyCriticScoresEachPositionAsItsPairwiseScores() {
        var random = new Random(3);
        int b = 4;
        int p = 6;
        var batch = Batch.random(random, b, p, 1);
        NDArray local = batch.localArray();
        NDArray global = batch.globalArray();
        for (String name : List.of("dot", "cosine", "bilinear", "separable_mlp", "concat_mlp")) {
            Critic critic = initialized(name, DIM);
            if (critic instanceof Bilinear) { // away from the identity it starts at
                critic.getParameters().valueAt(0).getArray().addi(manager.randomNormal(new Shape(DIM, DIM)));
            }
            NDArray stack = critic.localScores(local, global);
            for (int position = 0; position < p; position++) {
                NDArray pairwise = critic.scores(local.get(":, " + position + ", :"), global);
                assertTrue(pairwise.allClose(stack.get(position), 1e-5, 1e-5, false), name + " position " + position);
            }
        }
    }

    /**
     * dE/ds_pij for each bound, in double; the gradient on local[i, p] is then Σ_j dE/ds_pij · global[j] (dot critic).
     * JS's gradient is its training objective's: mean softplus terms, d/ds of −softplus(−s) = σ(−s), of −softplus(s) =
     * −σ(s).
     */
    /**
     * p·b times the derivative of DIM's InfoNCE by s_pij: {@code 1 − e^{s_pjj}/(e^{s_pjj} + N_j)} on the diagonal,
     * {@code −Σ_p' e^{s_pij}/(e^{s_p'jj} + N_j)} off it, N_j = Σ_{p', i≠j} e^{s_p'ij} (in every anchor's denominator).
     */
    private static double infoNceGradient(double[][][] s, int position, int i, int j) {
        double negatives = 0;
        for (double[][] matrix : s) {
            for (int other = 0; other < matrix.length; other++) {
                negatives += other == j ? 0 : Math.exp(matrix[other][j]);
            }
        }
        if (i == j) {
            double positive = Math.exp(s[position][j][j]);
            return 1 - positive / (positive + negatives);
        }
        double sum = 0;
        for (double[][] matrix : s) {
            sum += Math.exp(s[position][i][j]) / (Math.exp(matrix[j][j]) + negatives);
        }
        return -sum;
    }

    private static double scoreGradient(String bound, double[][][] s, int position, int i, int j) {
        int p = s.length;
        int b = s[0].length;
        double value = s[position][i][j];
        double positive = 1.0 / (p * b);
        double negative = 1.0 / (p * b * (b - 1.0));
        return switch (bound) {
            case "infonce" -> infoNceGradient(s, position, i, j) / (p * b);
            case "nwj" -> i == j ? positive : -negative * Math.exp(value - 1);
            case "js" -> i == j ? positive / (1 + Math.exp(value)) : -negative / (1 + Math.exp(-value));
            default -> throw new IllegalArgumentException(bound);
        };
    }

    @Test
    void gradientsReachTheLocalFeatures() {
        var random = new Random(19);
        int b = 4;
        int p = 5;
        var batch = Batch.random(random, b, p, 0.7);
        double[][][] s = batch.scores(false, 1);
        for (String name : STACK_BOUNDS) {
            try (NDManager step = manager.newSubManager()) {
                NDArray local = step.create(batch.local(), new Shape(b, p, DIM));
                local.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(Bounds.create(name, Map.of()).estimate(
                            new Dot().localScores(local, step.create(batch.global(), new Shape(b, DIM)))));
                }
                float[] gradient = local.getGradient().toFloatArray();
                for (int i = 0; i < b; i++) {
                    for (int position = 0; position < p; position++) {
                        double norm = 0;
                        for (int d = 0; d < DIM; d++) {
                            double expected = 0;
                            for (int j = 0; j < b; j++) {
                                expected += scoreGradient(name, s, position, i, j) * batch.global()[j * DIM + d];
                            }
                            float actual = gradient[(i * p + position) * DIM + d];
                            assertEquals(expected, actual, 1e-5, name + " sample " + i + " position " + position);
                            norm += actual * actual;
                        }
                        assertTrue(norm > 0, name + ": no gradient on sample " + i + " position " + position);
                    }
                }
            }
        }
    }

    @Test
    void theOtherBoundsAndTheGaussianCriticRefuseWithAReason() {
        NDArray stack = manager.eye(4).expandDims(0).repeat(0, 3);
        for (String name : Bounds.standard().names()) {
            Bound bound = Bounds.create(name, Map.of());
            if (STACK_BOUNDS.contains(name)) {
                assertTrue(bound.localGlobalRefusal().isEmpty(), name);
                continue;
            }
            assertTrue(bound.localGlobalRefusal().orElseThrow().contains("infonce, nwj and js"), name);
            var e = assertThrows(IllegalArgumentException.class, () -> bound.estimate(stack), name);
            assertTrue(e.getMessage().contains("(3, 4, 4)") && e.getMessage().contains("local pairs"), e.getMessage());
        }
        var hard = assertThrows(IllegalArgumentException.class, () -> new InfoNce(false).estimate(stack, stack));
        assertTrue(hard.getMessage().contains("hard negatives"), hard.getMessage());

        Critic gaussian = initialized("gaussian", DIM);
        assertTrue(gaussian.localGlobalRefusal().isPresent());
        NDArray global = manager.ones(new Shape(2, DIM));
        var refused = assertThrows(UnsupportedOperationException.class,
                () -> gaussian.localScores(manager.ones(new Shape(2, 5, DIM)), global));
        assertTrue(refused.getMessage().contains("GaussianConditional") && refused.getMessage().contains("dot"),
                refused.getMessage());

        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new Dot().localScores(manager.ones(new Shape(3, 5, DIM)), global));
        assertTrue(shapes.getMessage().contains("(3, 5, 3)") && shapes.getMessage().contains("(2, 3)"),
                shapes.getMessage());
    }
}
