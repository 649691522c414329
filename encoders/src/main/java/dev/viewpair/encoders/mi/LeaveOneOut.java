package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The leave-one-out ("tractable NCE") upper bound of Poole et al. (2019):
 * {@code I ≤ E[ (1/K) Σ_i log( p(y_i|x_i) / ((1/(K−1)) Σ_{j≠i} p(y_i|x_j)) ) ]}, estimated as
 * {@code mean_i [s_ii − log mean_{j≠i} e^{s_ji}]}: each positive against the other rows of its
 * column, the diagonal excluded from the denominator.
 *
 * <p>An upper bound when the scores are {@code log p(y|x) + c(y)} for the true conditional (any
 * c(y) cancels within a column), and only as far as a learned critic matches it. So, as with
 * {@link Club}, the critic must be a {@link GaussianConditional} fitted by maximum likelihood: a
 * critic trained to minimize this bound would simply drive it to −∞ (seen in the staircase). Excluding the
 * positive from the denominator is what makes it an upper bound; InfoNCE, which includes it, is a
 * lower bound capped at log K. Both tighten as K grows; at I well above log K this one overshoots
 * (Poole et al.). Minimized in a recipe ({@code direction: minimize}). No ceiling.
 */
public record LeaveOneOut() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "leave-one-out", 2);
        NDArray columnLogMeans = ScoreMatrix.logMeanExp(scores, ScoreMatrix.diagonal(scores, k), 0, k - 1);
        return scores.diagonal().sub(columnLogMeans).mean();
    }

    @Override
    public boolean isUpper() {
        return true;
    }

    @Override
    public boolean needsLogDensity() {
        return true;
    }

    @Override
    public boolean takesPosterior() {
        return true;
    }
}
