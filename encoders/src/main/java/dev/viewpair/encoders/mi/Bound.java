package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * Turns a critic's score matrix (diagonal = positives, see {@link Critic}) into an estimate of
 * the mutual information between the two views, in nats. A pair maximizes a lower bound or
 * minimizes an upper bound.
 */
public sealed interface Bound permits InfoNce {

    /**
     * @param scores a {@code B×B} score matrix
     * @return the estimate, a differentiable scalar in nats
     */
    NDArray estimate(NDArray scores);

    /**
     * The most this bound can report for a batch of the given size ({@code log K} for InfoNCE
     * with K = batch), or {@code Double.POSITIVE_INFINITY} for bounds without a ceiling.
     */
    double logK(int batch);

    /** Whether this is an upper bound (minimized) rather than a lower bound (maximized). */
    boolean isUpper();
}
