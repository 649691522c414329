package dev.viewpair.encoders.eval;

/**
 * Cross-view retrieval: for query i (e.g. an image embedding) rank all gallery embeddings (e.g.
 * sounds) by cosine similarity; gallery i is its true match. Ties count against the query (a
 * gallery item scoring equal to the true match ranks ahead of it), so constant embeddings score
 * zero rather than perfectly.
 */
public final class Retrieval {
    private Retrieval() {}

    /**
     * @param queries one embedding per query
     * @param gallery at least as many embeddings of the same width; the extra ones are distractors
     * @return R@1, R@5 and R@10 under cosine similarity
     */
    public static RetrievalResult evaluate(float[][] queries, float[][] gallery) {
        if (queries.length == 0 || gallery.length < queries.length) {
            throw new IllegalArgumentException("retrieval needs ≥ 1 query and at least as many gallery items, got "
                    + queries.length + " queries and " + gallery.length + " gallery items");
        }
        return fromScores(Vectors.cosine(queries, gallery));
    }

    /**
     * Retrieval by any similarity, such as a trained critic's scores.
     *
     * @param scores row i scores query i against every gallery item; column i is its true match
     * @return R@1, R@5 and R@10
     */
    public static RetrievalResult fromScores(float[][] scores) {
        if (scores.length == 0 || scores[0].length < scores.length) {
            throw new IllegalArgumentException("retrieval needs ≥ 1 query and at least as many gallery items, got a "
                    + scores.length + "×" + (scores.length == 0 ? 0 : scores[0].length) + " score matrix");
        }
        int hitsAt1 = 0;
        int hitsAt5 = 0;
        int hitsAt10 = 0;
        for (int i = 0; i < scores.length; i++) {
            float positive = scores[i][i];
            int ahead = 0;
            for (int j = 0; j < scores[i].length && ahead < 10; j++) {
                if (j != i && scores[i][j] >= positive) {
                    ahead++;
                }
            }
            hitsAt1 += ahead < 1 ? 1 : 0;
            hitsAt5 += ahead < 5 ? 1 : 0;
            hitsAt10 += ahead < 10 ? 1 : 0;
        }
        double n = scores.length;
        return new RetrievalResult(hitsAt1 / n, hitsAt5 / n, hitsAt10 / n, scores.length);
    }
}
