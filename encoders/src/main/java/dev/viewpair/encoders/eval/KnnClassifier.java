package dev.viewpair.encoders.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * k-nearest-neighbour classification of frozen embeddings (the InstDisc/DINO evaluation without the
 * temperature weighting): each test embedding takes the majority label of the k training embeddings most
 * cosine-similar to it; a tie between labels goes to the label of the nearest neighbour among them, equal
 * similarities to the lower training index. Similarities are matrix products on the engine (libtorch's BLAS),
 * a block of test rows at a time against the whole training set, so memory grows with the training set, not with
 * train × test; the neighbours are then picked in Java, test rows in parallel.
 */
public final class KnnClassifier {
    private final int k;

    /** @param k the number of neighbours that vote (≥ 1; 20 is the usual choice) */
    public KnnClassifier(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("kNN needs k ≥ 1, got " + k);
        }
        this.k = k;
    }

    /**
     * The test accuracy.
     *
     * @param trainX training embeddings (equal widths), at least one
     * @param trainY their labels, ≥ 0
     * @param testX test embeddings of the same width, at least one
     * @param testY their labels
     */
    public double accuracy(float[][] trainX, int[] trainY, float[][] testX, int[] testY) {
        if (trainX.length == 0 || trainX.length != trainY.length || testX.length == 0 || testX.length != testY.length) {
            throw new IllegalArgumentException("kNN needs ≥ 1 training and test embedding, each with a label; got "
                    + trainX.length + "/" + trainY.length + " training and " + testX.length + "/" + testY.length + " test");
        }
        int width = trainX[0].length;
        float[][] train = Vectors.unitRows(trainX, width, "kNN training");
        float[][] test = Vectors.unitRows(testX, width, "kNN test");
        int classes = Arrays.stream(trainY).max().orElse(0) + 1;
        // a block of similarities at a time: BLOCK_CELLS floats (64 MB) whatever the sizes
        int block = (int) Math.max(1, Math.min(test.length, BLOCK_CELLS / train.length));
        long hits = 0;
        try (var manager = NDManager.newBaseManager()) {
            var trainT = manager.create(flatten(train, 0, train.length), new Shape(train.length, width)).transpose();
            for (int from = 0; from < test.length; from += block) {
                int to = Math.min(test.length, from + block);
                float[] sims;
                try (var step = manager.newSubManager()) {
                    var queries = step.create(flatten(test, from, to), new Shape(to - from, width));
                    sims = queries.matMul(trainT).toFloatArray();
                }
                int first = from;
                hits += IntStream.range(from, to).parallel()
                        .filter(i -> predict(sims, (i - first) * train.length, train.length, trainY, classes) == testY[i])
                        .count();
            }
        }
        return (double) hits / test.length;
    }

    private static final long BLOCK_CELLS = 16L << 20;

    private static float[] flatten(float[][] rows, int from, int to) {
        int width = rows[from].length;
        var out = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(rows[i], 0, out, (i - from) * width, width);
        }
        return out;
    }

    /** The vote among the k most similar training rows, given one test row's similarities at {@code offset}. */
    private int predict(float[] sims, int offset, int trainRows, int[] trainY, int classes) {
        int n = Math.min(k, trainRows);
        // the n best so far, most similar first
        int[] best = new int[n];
        float[] bestScore = new float[n];
        int kept = 0;
        for (int j = 0; j < trainRows; j++) {
            float score = sims[offset + j];
            if (kept == n && score <= bestScore[n - 1]) {
                continue; // equal scores keep the lower index already held
            }
            int slot = kept < n ? kept++ : n - 1;
            while (slot > 0 && bestScore[slot - 1] < score) {
                best[slot] = best[slot - 1];
                bestScore[slot] = bestScore[slot - 1];
                slot--;
            }
            best[slot] = j;
            bestScore[slot] = score;
        }
        int[] votes = new int[classes];
        int winner = trainY[best[0]];
        for (int m = 0; m < kept; m++) {
            int c = trainY[best[m]];
            votes[c]++;
            if (votes[c] > votes[winner]) {
                winner = c;
            }
        }
        return winner;
    }

}
