package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CriticTest {
    private static final int DIM = 4;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[][] gaussian(Random random, int rows) {
        float[][] out = new float[rows][DIM];
        for (float[] row : out) {
            for (int j = 0; j < DIM; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return out;
    }

    private static NDArray array(float[][] rows) {
        return manager.create(rows);
    }

    private static <C extends Critic> C initialized(C critic) {
        critic.initialize(manager, DataType.FLOAT32, new Shape(2, DIM), new Shape(2, DIM));
        return critic;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void cosineRowsAreViewAAndColumnsViewB() {
        var random = new Random(3);
        float[][] za = gaussian(random, 3);
        float[][] zb = gaussian(random, 5);
        var critic = initialized(new Cosine(0.5, false));
        NDArray scores = critic.scores(array(za), array(zb));
        assertEquals(new Shape(3, 5), scores.getShape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                double cosine = dot(za[i], zb[j]) / Math.sqrt(dot(za[i], za[i]) * dot(zb[j], zb[j]));
                assertEquals(cosine / 0.5, scores.getFloat(i, j), 1e-5, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void identicalViewsPutEachRowMaximumOnTheDiagonal() {
        float[][] z = gaussian(new Random(5), 8);
        for (Critic critic : new Critic[] {initialized(new Cosine(0.1, false)), initialized(new Cosine(0.1, true))}) {
            NDArray scores = critic.scores(array(z), array(z));
            NDArray argmax = scores.argMax(1);
            for (int i = 0; i < 8; i++) {
                assertEquals(i, argmax.getLong(i), "row " + i);
            }
        }
    }

    @Test
    void learnableTemperatureIsAParameterStartingAtTheGivenValue() {
        var fixed = initialized(new Cosine(0.2, false));
        var learnable = initialized(new Cosine(0.2, true));
        assertEquals(0, fixed.getParameters().size());
        assertEquals(1, learnable.getParameters().size());
        assertEquals(0.2, learnable.temperature(), 1e-6);
        float[][] z = gaussian(new Random(1), 3);
        assertEquals(fixed.scores(array(z), array(z)).getFloat(0, 1), learnable.scores(array(z), array(z)).getFloat(0, 1), 1e-5);
    }

    @Test
    void bilinearComputesZaWZbTransposedWithTheRightOrientation() {
        var random = new Random(9);
        float[][] za = gaussian(random, 2);
        float[][] zb = gaussian(random, 3);
        var critic = initialized(new Bilinear(DIM));
        // identity at start: equals the dot critic
        var dotScores = initialized(new Dot()).scores(array(za), array(zb));
        assertEquals(new Shape(2, 3), dotScores.getShape());
        assertTrue(critic.scores(array(za), array(zb)).allClose(dotScores));
        float[][] w = gaussian(random, DIM); // not symmetric, so W and Wᵀ differ
        critic.getParameters().valueAt(0).getArray().set(array(w).toFloatArray());
        NDArray scores = critic.scores(array(za), array(zb));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = 0;
                for (int p = 0; p < DIM; p++) {
                    for (int q = 0; q < DIM; q++) {
                        expected += (double) za[i][p] * w[p][q] * zb[j][q];
                    }
                }
                assertEquals(expected, scores.getFloat(i, j), 1e-4, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void scoringLeavesNoArraysWithTheParameters() {
        float[][] z = gaussian(new Random(2), 4);
        for (Critic critic : new Critic[] {initialized(new Cosine(0.1, true)), initialized(new Bilinear(DIM))}) {
            NDManager parameters = critic.getParameters().valueAt(0).getArray().getManager();
            int before = parameters.getManagedArrays().size();
            try (NDManager step = manager.newSubManager()) {
                critic.scores(step.create(z), step.create(z)).sum().getFloat();
            }
            assertEquals(before, parameters.getManagedArrays().size(), critic.getClass().getSimpleName());
        }
    }

    @Test
    void mismatchedWidthsAreRejectedWithTheShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dot().scores(manager.zeros(new Shape(2, 3)), manager.zeros(new Shape(2, 4))));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
    }

    @Test
    void factoryBuildsEveryVocabularyCriticAndRejectsTheRest() {
        assertInstanceOf(Dot.class, Critics.create("dot", Map.of(), DIM));
        assertInstanceOf(Bilinear.class, Critics.create("bilinear", null, DIM));
        var cosine = assertInstanceOf(Cosine.class,
                Critics.create("cosine", Map.of("temperature", 0.07, "learnable", true), DIM));
        assertEquals(0.07, cosine.temperature(), 1e-12);
        assertTrue(cosine.learnable());
        assertEquals(Critics.DEFAULT_TEMPERATURE, ((Cosine) Critics.create("cosine", Map.of(), DIM)).temperature());
        for (String name : Critics.standard().names()) {
            assertInstanceOf(Critic.class, Critics.create(name, Map.of(), DIM), name);
        }
        var badValue = assertThrows(IllegalArgumentException.class,
                () -> Critics.create("cosine", Map.of("temperature", -1), DIM));
        assertTrue(badValue.getMessage().contains("temperature"), badValue.getMessage());
        var badKey = assertThrows(IllegalArgumentException.class,
                () -> Critics.create("dot", Map.of("temperature", 0.1), DIM));
        assertTrue(badKey.getMessage().contains("takes none"), badKey.getMessage());
        var badName = assertThrows(IllegalArgumentException.class, () -> Critics.create("cosin", Map.of(), DIM));
        assertTrue(badName.getMessage().contains("bilinear, concat_mlp, cosine, dot, gaussian, posterior, separable_mlp"), badName.getMessage());
    }
}
