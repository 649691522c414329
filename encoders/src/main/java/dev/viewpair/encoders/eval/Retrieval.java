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
     * @return R@1 and R@5 under cosine similarity
     */
    public static RetrievalResult evaluate(float[][] queries, float[][] gallery) {
        if (queries.length == 0 || gallery.length < queries.length) {
            throw new IllegalArgumentException("retrieval needs ≥ 1 query and at least as many gallery items, got "
                    + queries.length + " queries and " + gallery.length + " gallery items");
        }
        double[][] q = unitRows("query", queries, gallery[0].length);
        double[][] g = unitRows("gallery", gallery, gallery[0].length);
        var scores = new float[q.length][g.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < g.length; j++) {
                scores[i][j] = (float) dot(q[i], g[j]);
            }
        }
        return fromScores(scores);
    }

    /**
     * Retrieval by any similarity, such as a trained critic's scores.
     *
     * @param scores row i scores query i against every gallery item; column i is its true match
     * @return R@1 and R@5
     */
    public static RetrievalResult fromScores(float[][] scores) {
        if (scores.length == 0 || scores[0].length < scores.length) {
            throw new IllegalArgumentException("retrieval needs ≥ 1 query and at least as many gallery items, got a "
                    + scores.length + "×" + (scores.length == 0 ? 0 : scores[0].length) + " score matrix");
        }
        int hitsAt1 = 0;
        int hitsAt5 = 0;
        for (int i = 0; i < scores.length; i++) {
            float positive = scores[i][i];
            int ahead = 0;
            for (int j = 0; j < scores[i].length && ahead < 5; j++) {
                if (j != i && scores[i][j] >= positive) {
                    ahead++;
                }
            }
            hitsAt1 += ahead < 1 ? 1 : 0;
            hitsAt5 += ahead < 5 ? 1 : 0;
        }
        return new RetrievalResult((double) hitsAt1 / scores.length, (double) hitsAt5 / scores.length, scores.length);
    }

    private static double[][] unitRows(String kind, float[][] rows, int width) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(
                        kind + " embedding " + i + " has width " + rows[i].length + ", expected " + width);
            }
            double norm = 0;
            for (float v : rows[i]) {
                norm += (double) v * v;
            }
            double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            out[i] = new double[width];
            for (int j = 0; j < width; j++) {
                out[i][j] = rows[i][j] * inverse;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
