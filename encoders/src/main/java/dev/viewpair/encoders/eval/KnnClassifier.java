package dev.viewpair.encoders.eval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * k-nearest-neighbour classification of frozen embeddings (the InstDisc/DINO evaluation without the
 * temperature weighting): each test embedding takes the majority label of the k training embeddings most
 * cosine-similar to it; a tie between labels goes to the label of the nearest neighbour among them, equal
 * similarities to the lower training index. Rows are scored one at a time against the whole training set
 * (memory grows with the training set, not with train × test) and test rows run in parallel.
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
        float[][] train = Vectors.unitRows(trainX, trainX[0].length, "kNN training");
        float[][] test = Vectors.unitRows(testX, trainX[0].length, "kNN test");
        int classes = Arrays.stream(trainY).max().orElse(0) + 1;
        long hits = IntStream.range(0, test.length).parallel()
                .filter(i -> predict(train, trainY, classes, test[i]) == testY[i]).count();
        return (double) hits / test.length;
    }

    private int predict(float[][] train, int[] trainY, int classes, float[] query) {
        int n = Math.min(k, train.length);
        // the n best so far, most similar first
        int[] best = new int[n];
        float[] bestScore = new float[n];
        int kept = 0;
        for (int j = 0; j < train.length; j++) {
            float score = Vectors.dot(query, train[j]);
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
