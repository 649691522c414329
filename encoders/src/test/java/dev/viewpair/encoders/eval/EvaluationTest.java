package dev.viewpair.encoders.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** Gaussian clusters: class c around a random center, unit noise. */
    private static float[][] clusters(Random random, float[][] centers, int[] labels) {
        int width = centers[0].length;
        float[][] x = new float[labels.length][width];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(centers.length);
            for (int j = 0; j < width; j++) {
                x[i][j] = centers[labels[i]][j] + (float) random.nextGaussian();
            }
        }
        return x;
    }

    private static float[][] centers(Random random, int classes, int width, double spread) {
        float[][] centers = new float[classes][width];
        for (float[] c : centers) {
            for (int j = 0; j < width; j++) {
                c[j] = (float) (random.nextGaussian() * spread);
            }
        }
        return centers;
    }

    @Test
    void probeSeparatesSeparableClusters() {
        var random = new Random(1);
        float[][] centers = centers(random, 4, 32, 2);
        int[] trainY = new int[400];
        int[] testY = new int[200];
        float[][] trainX = clusters(random, centers, trainY);
        float[][] testX = clusters(random, centers, testY);
        ProbeResult result = LinearProbe.defaults().fit(trainX, trainY, testX, testY);
        assertEquals(4, result.classes());
        assertTrue(result.testAccuracy() >= 0.98, "test accuracy " + result.testAccuracy());
        assertTrue(result.trainAccuracy() >= 0.99, "train accuracy " + result.trainAccuracy());
    }

    @Test
    void probeIsNearChanceOnRandomLabels() {
        var random = new Random(2);
        float[][] trainX = centers(random, 400, 16, 1);
        float[][] testX = centers(random, 400, 16, 1);
        int[] trainY = random.ints(400, 0, 4).toArray();
        int[] testY = random.ints(400, 0, 4).toArray();
        ProbeResult result = new LinearProbe(1e-2, 200).fit(trainX, trainY, testX, testY);
        // chance is 0.25; the standard error over 400 test samples is about 0.022
        assertTrue(result.testAccuracy() > 0.15 && result.testAccuracy() < 0.35, "test accuracy " + result.testAccuracy());
    }

    @Test
    void probeRejectsMismatchedSplits() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.defaults().fit(new float[2][3], new int[] {0}, new float[1][3], new int[] {0}));
        assertTrue(e.getMessage().contains("2 embeddings and 1 labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.defaults().fit(new float[1][3], new int[] {0}, new float[1][4], new int[] {0}));
    }

    @Test
    void identicalQueryAndGalleryRetrievePerfectly() {
        float[][] x = centers(new Random(4), 50, 8, 1);
        RetrievalResult result = Retrieval.evaluate(x, x);
        assertEquals(1.0, result.recallAt1());
        assertEquals(1.0, result.recallAt5());
        assertEquals(50, result.queries());
    }

    @Test
    void trueMatchRankedSecondCountsAtFiveNotAtOne() {
        int n = 10;
        float[][] queries = new float[n][n];
        float[][] gallery = new float[n][n];
        for (int i = 0; i < n; i++) {
            queries[i][i] = 1;
            // cos(q_i, g_i) = 0.6 but cos(q_i, g_{i−1}) = 0.8: the true match ranks second
            gallery[i][i] = 0.6f;
            gallery[i][(i + 1) % n] = 0.8f;
        }
        RetrievalResult result = Retrieval.evaluate(queries, gallery);
        assertEquals(0.0, result.recallAt1());
        assertEquals(1.0, result.recallAt5());
    }

    @Test
    void constantEmbeddingsRetrieveNothing() {
        float[][] same = new float[8][3];
        for (float[] row : same) {
            row[0] = 1;
        }
        assertEquals(0.0, Retrieval.evaluate(same, same).recallAt5());
    }

    @Test
    void retrievalFromScoresRanksByTheGivenSimilarity() {
        // query 0 finds its match first; query 1 has gallery 0 scored above its match; query 2 ties its match
        float[][] scores = {{5, 1, 0}, {3, 2, 1}, {0, 4, 4}};
        RetrievalResult r = Retrieval.fromScores(scores);
        assertEquals(1.0 / 3, r.recallAt1(), 1e-12);
        assertEquals(1.0, r.recallAt5(), 1e-12);
        assertEquals(3, r.queries());
    }
}
