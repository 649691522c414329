package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.Optional;

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
 *
 * <p>Separable critics embed each side and take a dot product ({@link Dot}, {@link Cosine}, {@link
 * Bilinear}, {@link SeparableMlp}); a joint critic scores each pair together ({@link ConcatMlp});
 * a variational critic scores conditional log-densities ({@link GaussianConditional}) and trains
 * its own parameters by maximum likelihood ({@link #fitLoss}).
 */
public sealed interface Critic extends Block permits ScoringBlock {

    /**
     * @param za {@code Ba×D} embeddings of view A
     * @param zb {@code Bb×D} embeddings of view B
     * @return the {@code Ba×Bb} score matrix, differentiable
     */
    NDArray scores(NDArray za, NDArray zb);

    /**
     * Checks that this critic scores view-A embeddings of width {@code widthA} against view-B
     * embeddings of width {@code widthB} (parameter-free and cosine critics: equal widths; the
     * others: the widths they were built for).
     *
     * @throws IllegalArgumentException saying which widths it expects
     */
    void checkWidths(long widthA, long widthB);

    /**
     * The loss that fits this critic's own variational model, to be minimized alongside the pair's
     * bound (the trainer adds it); it reaches only the critic's parameters, never the embeddings.
     * Empty for critics trained by the bound alone.
     *
     * @param za {@code B×D} embeddings of view A (row i pairs with row i of zb)
     * @param zb {@code B×D} embeddings of view B
     */
    default Optional<NDArray> fitLoss(NDArray za, NDArray zb) {
        return Optional.empty();
    }

    /**
     * Whether the scores are conditional log-densities {@code log q(zb_j | za_i)} of a normalized
     * model, as {@link Bound#needsLogDensity()} bounds (Barber–Agakov, CLUB) require.
     */
    default boolean scoresLogDensity() {
        return false;
    }
}
