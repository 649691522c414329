package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The Donsker–Varadhan lower bound {@code I ≥ E_p[f] − log E_{p(x)p(y)}[e^f]}, estimated as
 * {@code mean_i s_ii − log mean_{i≠j} e^{s_ij}}.
 *
 * <p>Tight at {@code f* = log p(y|x)/p(y) + c} for any constant c, and exactly unchanged by adding
 * a constant to the critic. The logarithm of a batch mean makes the batch estimate biased
 * (upwards, by Jensen: it can exceed the true bound) and its gradient biased too; see {@link Mine}
 * for the moving-average correction. Variance grows like e^I. No ceiling.
 */
public record DonskerVaradhan() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "DV", 2);
        return ScoreMatrix.positiveMean(scores)
                .sub(ScoreMatrix.negativeLogMeanExp(scores, ScoreMatrix.diagonal(scores, k), k));
    }
}
