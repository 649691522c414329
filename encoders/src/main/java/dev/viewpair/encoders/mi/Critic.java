package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * Scores every pairing of two embedding batches.
 *
 * <p>Orientation: {@code scores(za, zb)} is {@code Ba×Bb} with entry {@code (i, j)} the score of
 * {@code za[i]} with {@code zb[j]}: row i belongs to {@code za_i}, column j to {@code zb_j}. When
 * row i of both batches comes from one sample, the diagonal holds the positive (joint) pairs and
 * the off-diagonal entries the negatives.
 *
 * <p>A critic is a DJL {@link Block} so that learned critics own their parameters; initialize it
 * with the two input shapes {@code (B, D)}. {@link #scores} reads parameter values directly and
 * so runs on the device where they live.
 */
public sealed interface Critic extends Block permits ScoringBlock {

    /**
     * @param za {@code Ba×D} embeddings of view A
     * @param zb {@code Bb×D} embeddings of view B
     * @return the {@code Ba×Bb} score matrix, differentiable
     */
    NDArray scores(NDArray za, NDArray zb);
}
