package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The CLUB upper bound (Cheng et al. 2020): {@code I ≤ E_{p(x,y)}[log q(y|x)] −
 * E_{p(x)p(y)}[log q(y|x)]}, estimated as {@code mean_i s_ii − mean_{i≠j} s_ij} with {@code s_ij =
 * log q(y_j | x_i)} from a {@link GaussianConditional} critic (the off-diagonal pairs are the
 * independent ones).
 *
 * <p>An upper bound when q is the true conditional, and close to one when q fits it well
 * ({@code KL(p(x,y) ‖ q(y|x)p(x))} ≤ {@code KL(p(y) p(x) ‖ q(y|x)p(x))}, Cheng et al.). Low
 * variance (no exponentials). Training: q fits by maximum likelihood ({@link Critic#fitLoss}) while
 * the pair's loss, minimized, reaches only the encoders, as in Cheng et al.'s alternating scheme.
 * Used to minimize MI between views ({@code direction: minimize}). No ceiling.
 */
public record Club() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "CLUB", 2);
        return ScoreMatrix.positiveMean(scores)
                .sub(ScoreMatrix.negativeMean(scores, ScoreMatrix.diagonal(scores, k), k));
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
