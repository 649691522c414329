package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KnnTest {
    @Test
    void votesAmongTheMostCosineSimilarTrainingEmbeddings() {
        // class 0 points along +x, class 1 along +y; one class-1 outlier sits along +x
        float[][] train = {{1, 0.1f}, {1, -0.1f}, {1, 0.05f}, {0.1f, 1}, {-0.1f, 1}, {1, 0}};
        int[] trainY = {0, 0, 0, 1, 1, 1};
        float[][] test = {{2, 0.01f}, {0.02f, 3}, {0.7f, 0.7f}};
        int[] testY = {0, 1, 1};
        // k = 1: the outlier {1, 0} is the nearest to the first query, so it is voted class 1 (wrong);
        // the diagonal query is nearest to {1, 0.1}: class 0 (wrong)
        assertEquals(1.0 / 3, Evaluation.knnAccuracy(train, trainY, test, testY, 1), 1e-12);
        // k = 4: three class-0 neighbours outvote the outlier; the diagonal query still leans to class 0
        assertEquals(2.0 / 3, Evaluation.knnAccuracy(train, trainY, test, testY, 4), 1e-12);
    }
}
