package dev.viewpair.encoders.estimate;

import java.util.Arrays;

/**
 * One column's empirical distribution function, made strictly increasing so that it can score
 * values it was not fitted on: each distinct fitted value v_k sits at its mid-rank over n + 1
 * ({@code u_k = (mean rank of its ties) / (n + 1)}, ranks 1…n), values between two fitted ones are
 * interpolated linearly, and values beyond the smallest (largest) approach 0 (1) like one over their
 * distance (a heavy tail, as data with outliers need), starting with the slope of the nearest
 * interpolated piece, so every score lies in (0, 1). Ties keep their tie:
 * equal values get one score. On the fitted range the map is continuous and strictly increasing, so
 * it is invertible ({@link #inverse}) and keeps the rank order of any values. Scores are kept within
 * [2⁻⁵³, 1 − 2⁻⁵³] (a double's resolution below 1): only values some 10¹³ tail scales beyond the
 * fitted range share the extreme score.
 */
final class EmpiricalCdf {
    /** The smallest score, and 1 − the largest: the spacing of doubles just below 1. */
    static final double EDGE = 0x1p-53;

    private final double[] values;
    private final double[] scores;
    private final double lowScale;
    private final double highScale;

    /**
     * @param column the fitted values (at least one)
     */
    EmpiricalCdf(double[] column) {
        int n = column.length;
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        double[] v = new double[n];
        double[] u = new double[n];
        int distinct = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && sorted[end + 1] == sorted[start]) {
                end++;
            }
            v[distinct] = sorted[start];
            u[distinct] = ((start + end) / 2.0 + 1) / (n + 1); // the mid-rank of the tie group, ranks from 1
            distinct++;
            start = end + 1;
        }
        values = Arrays.copyOf(v, distinct);
        scores = Arrays.copyOf(u, distinct);
        if (distinct > 1) {
            // tails: u_0·s / (s + v_0 − x) below, matching the first piece's slope at v_0 (likewise above)
            lowScale = scores[0] * (values[1] - values[0]) / (scores[1] - scores[0]);
            int last = distinct - 1;
            highScale = (1 - scores[last]) * (values[last] - values[last - 1]) / (scores[last] - scores[last - 1]);
        } else {
            lowScale = 1;
            highScale = 1;
        }
    }

    /** The score of x in (0, 1); a column fitted on one distinct value scores everything ½. */
    double score(double x) {
        int last = values.length - 1;
        if (last == 0) {
            return 0.5;
        }
        if (x <= values[0]) {
            return Math.max(EDGE, scores[0] * lowScale / (lowScale + values[0] - x));
        }
        if (x >= values[last]) {
            return Math.min(1 - EDGE, 1 - (1 - scores[last]) * highScale / (highScale + x - values[last]));
        }
        int at = Arrays.binarySearch(values, x);
        if (at >= 0) {
            return scores[at];
        }
        int hi = -at - 1;
        int lo = hi - 1;
        double t = (x - values[lo]) / (values[hi] - values[lo]);
        return scores[lo] + t * (scores[hi] - scores[lo]);
    }

    /** The value whose score is u, for 0 &lt; u &lt; 1 (a column of one distinct value has no inverse). */
    double inverse(double u) {
        int last = values.length - 1;
        if (last == 0 || !(u > 0 && u < 1)) {
            throw new IllegalArgumentException("no inverse for score " + u + (last == 0 ? " of a constant column" : ""));
        }
        if (u <= scores[0]) {
            return values[0] - lowScale * (scores[0] / u - 1);
        }
        if (u >= scores[last]) {
            return values[last] + highScale * ((1 - scores[last]) / (1 - u) - 1);
        }
        int at = Arrays.binarySearch(scores, u);
        if (at >= 0) {
            return values[at];
        }
        int hi = -at - 1;
        int lo = hi - 1;
        double t = (u - scores[lo]) / (scores[hi] - scores[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }
}
