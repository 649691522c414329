package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MLP and Gaussian critics against plain-Java recomputation, and gradient flow through every bound. */
class MlpCriticTest {
    private static final int DIM = 3;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(17);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[][] gaussian(Random random, int rows, int dim) {
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return out;
    }

    private static <C extends Critic> C initialized(C critic, int dim) {
        critic.initialize(manager, DataType.FLOAT32, new Shape(2, dim), new Shape(2, dim));
        // give biases non-zero values so the recomputation checks them too
        var random = new Random(critic.getClass().getName().hashCode());
        for (Parameter p : critic.getParameters().values()) {
            if (p.getType() == Parameter.Type.BIAS) {
                float[] values = new float[(int) p.getArray().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.3);
                }
                p.getArray().set(values);
            }
        }
        return critic;
    }

    /** The parameter's values as a row-major matrix (vectors as one row). */
    private static double[][] matrix(Critic critic, String name) {
        NDArray array = critic.getParameters().get(name).getArray();
        long[] shape = array.getShape().getShape();
        int rows = shape.length == 1 ? 1 : (int) shape[0];
        int columns = (int) shape[shape.length - 1];
        float[] flat = array.toFloatArray();
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                out[i][j] = flat[i * columns + j];
            }
        }
        return out;
    }

    /** x·W + b, with ReLU when asked. */
    private static double[] layer(double[] x, double[][] w, double[][] b, boolean relu) {
        double[] out = new double[w[0].length];
        for (int j = 0; j < out.length; j++) {
            double s = b[0][j];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * w[i][j];
            }
            out[j] = relu ? Math.max(0, s) : s;
        }
        return out;
    }

    private static double[] mlp(Critic critic, String prefix, int layers, double[] x) {
        double[] h = x;
        for (int l = 0; l < layers; l++) {
            h = layer(h, matrix(critic, prefix + "_weight_" + l), matrix(critic, prefix + "_bias_" + l), l < layers - 1);
        }
        return h;
    }

    private static double[] doubles(float[] row) {
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i];
        }
        return out;
    }

    @Test
    void concatMlpScoresEveryPairingAsTheMlpOfTheConcatenation() {
        var random = new Random(1);
        float[][] za = gaussian(random, 3, DIM);
        float[][] zb = gaussian(random, 5, DIM);
        var critic = initialized(new ConcatMlp(DIM, DIM, new int[] {8, 6}), DIM);
        NDArray scores = critic.scores(manager.create(za), manager.create(zb));
        assertEquals(new Shape(3, 5), scores.getShape());
        double[][] firstA = matrix(critic, "first_weight_a");
        double[][] firstB = matrix(critic, "first_weight_b");
        double[][] bias = matrix(critic, "first_bias");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                // the first layer on [x; y] with W = [W_a; W_b]
                double[][] w = new double[2 * DIM][];
                System.arraycopy(firstA, 0, w, 0, DIM);
                System.arraycopy(firstB, 0, w, DIM, DIM);
                double[] concat = new double[2 * DIM];
                System.arraycopy(doubles(za[i]), 0, concat, 0, DIM);
                System.arraycopy(doubles(zb[j]), 0, concat, DIM, DIM);
                double[] h = mlp(critic, "mlp", 2, layer(concat, w, bias, true));
                assertEquals(h[0], scores.getFloat(i, j), 1e-4, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void mlpCriticsScoreViewsOfDifferentWidthsAndNameWrongOnes() {
        var random = new Random(6);
        for (Critic critic : List.<Critic>of(new ConcatMlp(2, 5, new int[] {4}), new SeparableMlp(2, 5, 3, new int[] {4}),
                new GaussianConditional(2, 5, new int[] {4}))) {
            critic.initialize(manager, DataType.FLOAT32, new Shape(3, 2), new Shape(3, 5));
            NDArray scores = critic.scores(manager.create(gaussian(random, 3, 2)), manager.create(gaussian(random, 4, 5)));
            assertEquals(new Shape(3, 4), scores.getShape());
            var e = assertThrows(IllegalArgumentException.class,
                    () -> critic.scores(manager.zeros(new Shape(3, 5)), manager.zeros(new Shape(3, 2))));
            assertTrue(e.getMessage().contains("widths 2 (view A) and 5 (view B)") && e.getMessage().contains("(3, 5)"),
                    e.getMessage());
        }
    }

    @Test
    void separableMlpIsTheDotProductOfTwoEmbeddings() {
        var random = new Random(2);
        float[][] za = gaussian(random, 4, DIM);
        float[][] zb = gaussian(random, 2, DIM);
        var critic = initialized(new SeparableMlp(DIM, DIM, 5, new int[] {7}), DIM);
        NDArray scores = critic.scores(manager.create(za), manager.create(zb));
        assertEquals(new Shape(4, 2), scores.getShape());
        for (int i = 0; i < 4; i++) {
            double[] g = mlp(critic, "g", 2, doubles(za[i]));
            for (int j = 0; j < 2; j++) {
                double[] h = mlp(critic, "h", 2, doubles(zb[j]));
                double dot = 0;
                for (int e = 0; e < 5; e++) {
                    dot += g[e] * h[e];
                }
                assertEquals(dot, scores.getFloat(i, j), 1e-4, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void gaussianScoresAreNormalizedConditionalDensities() {
        var critic = initialized(new GaussianConditional(1, 1, new int[] {4}), 1);
        int points = 4001;
        double low = -40;
        double step = 80.0 / (points - 1);
        float[][] grid = new float[points][1];
        for (int p = 0; p < points; p++) {
            grid[p][0] = (float) (low + p * step);
        }
        float[][] x = {{-1.5f}, {0.2f}, {2f}};
        float[] scores = critic.scores(manager.create(x), manager.create(grid)).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            double integral = 0;
            for (int p = 0; p < points; p++) {
                integral += Math.exp(scores[i * points + p]) * step;
            }
            assertEquals(1, integral, 1e-3, "∫ q(y|x) dy for x = " + x[i][0]);
        }
    }

    @Test
    void gaussianFitsItselfWhileItsScoresTrainOnlyTheEmbeddings() {
        var random = new Random(3);
        var critic = initialized(new GaussianConditional(DIM, DIM, new int[] {6}), DIM);
        try (NDManager step = manager.newSubManager()) {
            NDArray za = step.create(gaussian(random, 4, DIM));
            NDArray zb = step.create(gaussian(random, 4, DIM));
            za.setRequiresGradient(true);
            zb.setRequiresGradient(true);
            NDArray fit = critic.fitLoss(za, zb).orElseThrow();
            NDArray scores = critic.scores(za, zb);
            assertEquals(-scores.diagonal().mean().getFloat(), fit.getFloat(), 1e-5, "fit = −mean log q(y_i|x_i)");
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(critic.scores(za, zb).sum());
            }
            assertTrue(za.getGradient().abs().sum().getFloat() > 0);
            assertTrue(zb.getGradient().abs().sum().getFloat() > 0);
            for (Parameter p : critic.getParameters().values()) {
                assertEquals(0, p.getArray().getGradient().abs().sum().getFloat(), name(p) + " got a gradient from the scores");
            }
            // fresh embeddings: gradients of plain arrays accumulate across backward passes
            NDArray fitA = step.create(gaussian(random, 4, DIM));
            NDArray fitB = step.create(gaussian(random, 4, DIM));
            fitA.setRequiresGradient(true);
            fitB.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(critic.fitLoss(fitA, fitB).orElseThrow());
            }
            assertEquals(0, fitA.getGradient().abs().sum().getFloat(), "the fit reached the embeddings");
            assertEquals(0, fitB.getGradient().abs().sum().getFloat(), "the fit reached the embeddings");
            double parameterGradient = 0;
            for (Parameter p : critic.getParameters().values()) {
                parameterGradient += p.getArray().getGradient().abs().sum().getFloat();
            }
            assertTrue(parameterGradient > 0);
        }
        assertTrue(critic.scoresLogDensity());
        assertTrue(new Dot().fitLoss(manager.zeros(new Shape(2, 2)), manager.zeros(new Shape(2, 2))).isEmpty());
    }

    private static String name(Parameter p) {
        return p.getName();
    }

    @Test
    void scoringAndFittingLeaveNoArraysWithTheParameters() {
        float[][] z = gaussian(new Random(4), 4, DIM);
        for (Critic critic : List.<Critic>of(initialized(new ConcatMlp(DIM, DIM, new int[] {4}), DIM),
                initialized(new SeparableMlp(DIM, DIM, 2, new int[] {4}), DIM), initialized(new GaussianConditional(DIM, DIM, new int[] {4}), DIM))) {
            NDManager parameters = critic.getParameters().valueAt(0).getArray().getManager();
            int before = parameters.getManagedArrays().size();
            try (NDManager step = manager.newSubManager()) {
                critic.scores(step.create(z), step.create(z)).sum().getFloat();
                critic.fitLoss(step.create(z), step.create(z)).ifPresent(NDArray::getFloat);
            }
            assertEquals(before, parameters.getManagedArrays().size(), critic.getClass().getSimpleName());
        }
    }

    @Test
    void factoryBuildsTheMlpCriticsWithTheirWidths() {
        var concat = assertInstanceOf(ConcatMlp.class, Critics.create("concat_mlp", Map.of("hidden", List.of(16, 8)), 4));
        assertEquals(List.of(16, 8), List.of(concat.hidden()[0], concat.hidden()[1]));
        var separable = assertInstanceOf(SeparableMlp.class, Critics.create("separable_mlp", Map.of("embed", 7), 4));
        assertEquals(7, separable.embed());
        assertEquals(Critics.DEFAULT_HIDDEN.length, separable.hidden().length);
        var gaussian = assertInstanceOf(GaussianConditional.class, Critics.create("gaussian", Map.of("hidden", List.of()), 4));
        assertEquals(0, gaussian.hidden().length);
        var bad = assertThrows(IllegalArgumentException.class,
                () -> Critics.create("concat_mlp", Map.of("hidden", List.of(16, -1)), 4));
        assertTrue(bad.getMessage().contains("list of positive integers"), bad.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Critics.create("concat_mlp", Map.of("hidden", List.of()), 4));
        assertTrue(none.getMessage().contains("at least one hidden layer"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Critics.create("separable_mlp", Map.of("embed", 2.5), 4));
    }

    /**
     * Every bound's gradient reaches both encoders (a separable critic, or the Gaussian one where required); VIB, which
     * reads a stochastic encoder's own posterior, is tested with it ({@code StochasticTrainingTest}).
     */
    @Test
    void everyBoundsGradientReachesBothEncoders() {
        var random = new Random(5);
        for (String name : Bounds.standard().names()) {
            if (Bounds.create(name, Map.of()).needsPosterior()) {
                continue;
            }
            try (NDManager scope = manager.newSubManager()) {
                Encoder encoderA = MlpEncoder.builder().hidden(8).dim(4).build();
                Encoder encoderB = MlpEncoder.builder().hidden(8).dim(4).build();
                encoderA.initialize(scope, DataType.FLOAT32, new Shape(16, 5));
                encoderB.initialize(scope, DataType.FLOAT32, new Shape(16, 5));
                String criticName = Bounds.standard().get(name).critic().orElse("separable_mlp");
                Critic critic = Critics.create(criticName, Map.of("hidden", List.of(8)), 4);
                critic.initialize(scope, DataType.FLOAT32, new Shape(16, 4), new Shape(16, 4));
                var store = new ParameterStore(scope, false);
                NDArray x = scope.create(gaussian(random, 16, 5));
                NDArray y = scope.create(gaussian(random, 16, 5)).add(x);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray za = encoderA.forward(store, new NDList(x), true).get(1);
                    NDArray zb = encoderB.forward(store, new NDList(y), true).get(1);
                    collector.backward(Bounds.create(name, Map.of()).estimate(critic.scores(za, zb)));
                }
                for (Encoder encoder : List.of(encoderA, encoderB)) {
                    double total = 0;
                    for (Parameter p : encoder.getParameters().values()) {
                        float[] g = p.getArray().getGradient().toFloatArray();
                        for (float v : g) {
                            assertTrue(Float.isFinite(v), name);
                            total += Math.abs(v);
                        }
                    }
                    assertTrue(total > 0, name + ": no gradient reached an encoder");
                }
            }
        }
    }
}
