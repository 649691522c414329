package dev.viewpair.encoders.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The linear probe's penalty selection, kNN, R@10 and t-SNE, against known answers. */
class EvaluationExtrasTest {

    /**
     * Two classes whose means differ by {@code 2·shift} in every feature, unit noise: each feature is weak, all
     * together separate well. With fewer rows than features a weak penalty fits the noise, while a strong one
     * shrinks towards the class-mean direction, the Bayes rule here.
     */
    private static float[][] weakDenseSignal(Random random, int n, int width, double shift, int[] labels) {
        return weakDenseSignal(random, n, width, shift, 0.5, labels);
    }

    /** As above, with class 1 drawn with probability {@code share}. */
    private static float[][] weakDenseSignal(Random random, int n, int width, double shift, double share, int[] labels) {
        float[][] x = new float[n][width];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < share ? 1 : 0;
            for (int j = 0; j < width; j++) {
                x[i][j] = (float) ((labels[i] == 1 ? shift : -shift) + random.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void penaltyIsChosenByValidationAccuracy() {
        var random = new Random(11);
        int[] trainY = new int[400];
        int[] testY = new int[400];
        float[][] trainX = weakDenseSignal(random, 400, 20, 0.5, 0.2, trainY);
        float[][] testX = weakDenseSignal(random, 400, 20, 0.5, 0.2, testY);
        // mean cross-entropy with L2 = 30 shrinks the weights to nearly nothing while the unpenalized bias keeps
        // log(4:1): that candidate predicts the majority class, and its validation accuracy is that class's share
        ProbeResult chosen = LinearProbe.selecting(new double[] {30, 1e-3}, 0.25, 300).fit(trainX, trainY, testX, testY);
        assertEquals(100, chosen.validationSize());
        assertEquals(2, chosen.candidates().size());
        var strong = chosen.candidates().get(0);
        var weak = chosen.candidates().get(1);
        assertEquals(30, strong.l2());
        assertTrue(strong.validationAccuracy() < 0.88, strong.toString());
        // Bayes accuracy Φ(0.5·√20) ≈ 0.987
        assertTrue(weak.validationAccuracy() > 0.9, weak.toString());
        assertEquals(1e-3, chosen.l2());
        assertTrue(chosen.testAccuracy() > 0.9, "test accuracy " + chosen.testAccuracy());
        assertTrue(chosen.protocol().contains("validation split of 100 of the 400 training rows"), chosen.protocol());
        // a fixed penalty skips the validation split
        var fixed = new LinearProbe(1e-3, 300).fit(trainX, trainY, testX, testY);
        assertTrue(fixed.candidates().isEmpty() && fixed.validationSize() == 0 && fixed.protocol().contains("fixed"));
    }

    @Test
    void probeResultDoesNotDependOnTheThreadCount() throws Exception {
        var random = new Random(12);
        int[] trainY = new int[3000];
        int[] testY = new int[500];
        float[][] trainX = weakDenseSignal(random, 3000, 8, 0.3, trainY);
        float[][] testX = weakDenseSignal(random, 500, 8, 0.3, testY);
        var probe = LinearProbe.defaults();
        // a parallel stream started inside a pool's task runs in that pool: one thread against four
        ProbeResult one = new ForkJoinPool(1).submit(() -> probe.fit(trainX, trainY, testX, testY)).get();
        ProbeResult four = new ForkJoinPool(4).submit(() -> probe.fit(trainX, trainY, testX, testY)).get();
        assertEquals(one, four);
    }

    @Test
    void knnMatchesABruteForceRecount() {
        var random = new Random(13);
        int n = 300;
        float[][] train = new float[n][5];
        int[] trainY = new int[n];
        for (int i = 0; i < n; i++) {
            trainY[i] = random.nextInt(3);
            for (int j = 0; j < 5; j++) {
                train[i][j] = (float) random.nextGaussian() + (j == trainY[i] ? 1.5f : 0);
            }
        }
        float[][] test = new float[100][5];
        int[] testY = new int[100];
        for (int i = 0; i < 100; i++) {
            testY[i] = random.nextInt(3);
            for (int j = 0; j < 5; j++) {
                test[i][j] = (float) random.nextGaussian() + (j == testY[i] ? 1.5f : 0);
            }
        }
        for (int k : new int[] {1, 5, 20}) {
            assertEquals(bruteForceKnn(train, trainY, test, testY, k), new KnnClassifier(k).accuracy(train, trainY, test, testY),
                    1e-12, "k = " + k);
        }
    }

    /** Sort every training row by cosine similarity (double precision), vote among the first k. */
    private static double bruteForceKnn(float[][] train, int[] trainY, float[][] test, int[] testY, int k) {
        int hits = 0;
        for (int i = 0; i < test.length; i++) {
            var q = test[i];
            Integer[] order = new Integer[train.length];
            double[] sims = new double[train.length];
            for (int j = 0; j < train.length; j++) {
                order[j] = j;
                double dot = 0;
                double nq = 0;
                double nt = 0;
                for (int d = 0; d < q.length; d++) {
                    dot += q[d] * train[j][d];
                    nq += q[d] * q[d];
                    nt += train[j][d] * train[j][d];
                }
                sims[j] = dot / Math.sqrt(nq * nt);
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
            int[] votes = new int[3];
            int best = trainY[order[0]];
            for (int m = 0; m < k; m++) {
                int c = trainY[order[m]];
                votes[c]++;
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            hits += best == testY[i] ? 1 : 0;
        }
        return (double) hits / test.length;
    }

    @Test
    void knnVotesAmongTheMostCosineSimilarTrainingEmbeddings() {
        // class 0 points along +x, class 1 along +y; one class-1 outlier sits along +x
        float[][] train = {{1, 0.1f}, {1, -0.1f}, {1, 0.05f}, {0.1f, 1}, {-0.1f, 1}, {1, 0}};
        int[] trainY = {0, 0, 0, 1, 1, 1};
        float[][] test = {{2, 0.01f}, {0.02f, 3}, {0.7f, 0.7f}};
        int[] testY = {0, 1, 1};
        // k = 1: the outlier {1, 0} is the nearest to the first query (class 1, wrong); the diagonal query is
        // nearest to {1, 0.1} (class 0, wrong)
        assertEquals(1.0 / 3, new KnnClassifier(1).accuracy(train, trainY, test, testY), 1e-12);
        // k = 4: three class-0 neighbours outvote the outlier; the diagonal query still leans to class 0
        assertEquals(2.0 / 3, new KnnClassifier(4).accuracy(train, trainY, test, testY), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(0));
    }

    @Test
    void recallAtTenCountsMatchesRankedUpToTenth() {
        int n = 12;
        float[][] scores = new float[n][n];
        for (int i = 0; i < n; i++) {
            // query i: its true match scores 0, exactly i other gallery items score 1, the rest −1
            int above = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    scores[i][j] = above++ < i ? 1 : -1;
                }
            }
        }
        var r = Retrieval.fromScores(scores);
        assertEquals(1.0 / n, r.recallAt1(), 1e-12);
        assertEquals(5.0 / n, r.recallAt5(), 1e-12);
        assertEquals(10.0 / n, r.recallAt10(), 1e-12);
    }

    @Test
    void tsneKeepsSeparatedClustersApartAndIsSeeded() {
        var random = new Random(14);
        int n = 160;
        int width = 20;
        float[][] x = new float[n][width];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int j = 0; j < width; j++) {
                x[i][j] = (float) random.nextGaussian() + (j % 4 == labels[i] ? 6f : 0f);
            }
        }
        var tsne = new Tsne(20, 400, 3);
        var map = tsne.embed(x);
        // every point's nearest neighbour on the map carries its cluster's label
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double dx = map.points()[i][0] - map.points()[j][0];
                double dy = map.points()[i][1] - map.points()[j][1];
                if (j != i && dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    nearest = j;
                }
            }
            agree += labels[nearest] == labels[i] ? 1 : 0;
        }
        assertEquals(n, agree);
        // the optimization reduced KL well below that of the almost-collapsed start (a short run measures it)
        assertTrue(map.klDivergence() < new Tsne(20, 1, 3).embed(x).klDivergence() - 0.5, "KL " + map.klDivergence());
        var again = tsne.embed(x);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(map.points()[i], again.points()[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> new Tsne(30, 10, 1).embed(new float[50][3]));
    }
}
