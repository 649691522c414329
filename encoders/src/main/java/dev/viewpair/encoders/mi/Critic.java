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
 * its own parameters by maximum likelihood ({@link #fitLoss}); {@link EncoderPosterior} scores a stochastic encoder's
 * own posterior, exactly.
 */
public sealed interface Critic extends Block permits ScoringBlock {

    /**
     * @param za {@code Ba×D} embeddings of view A
     * @param zb {@code Bb×D} embeddings of view B
     * @return the {@code Ba×Bb} score matrix, differentiable
     */
    NDArray scores(NDArray za, NDArray zb);

    /**
     * Scores every position of every sample's local features against every sample's global vector: a local–global
     * pair (Deep InfoMax, Hjelm et al. 2019). The local features are channels-last ({@code B×C×H×W} feature maps
     * reshaped to {@code B×(H·W)×C}, or {@code B×T×C} sequences), so a learned map on the local side (the bilinear
     * critic's W, the separable MLP's g) acts on each position's vector alone: the 1×1 convolutions of DIM's local
     * encoder. All {@code B·P×B} pairs go through {@link #scores} at once, one matrix product for the separable
     * critics and no loop over positions.
     *
     * @param local {@code B×P×D} local features of view A (P positions)
     * @param global {@code B×E} global vectors of view B, row j from the same sample as {@code local[j]}
     * @return the {@code P×B×B} stack of score matrices, entry {@code (p, i, j)} the score of sample i's position p
     *     against sample j's global vector: positives on each matrix's diagonal, for {@link Bound#estimate(NDArray)}
     * @throws IllegalArgumentException for shapes that do not fit, naming both
     * @throws UnsupportedOperationException for a critic that takes no local–global pairs ({@link
     *     #localGlobalRefusal()})
     */
    NDArray localScores(NDArray local, NDArray global);

    /** Why this critic scores no local–global pairs ({@link #localScores}), or empty when it does. */
    default Optional<String> localGlobalRefusal() {
        return Optional.empty();
    }

    /**
     * Scores every position of view A's local features against every position of view B's (AMDIM's local–local
     * predictions, Bachman et al. 2019): all {@code B·P × B·Q} pairs through {@link #scores} at once.
     *
     * @param localA {@code B×P×C} local features of view A, channels last
     * @param localB {@code B×Q×D} local features of view B, row j from the same sample as {@code localA[j]}
     * @return the {@code Q×P×B×B} stack, entry {@code (q, p, i, j)} the score of A's sample i at position p against B's
     *     sample j at position q: for each of B's positions q a {@code P×B×B} stack as {@link #localScores} gives
     *     for one global vector per sample
     * @throws IllegalArgumentException for shapes that do not fit, naming both
     * @throws UnsupportedOperationException for a critic that takes no local–local pairs ({@link
     *     #localLocalRefusal()})
     */
    NDArray localLocalScores(NDArray localA, NDArray localB);

    /** Why this critic scores no local–local pairs ({@link #localLocalScores}), or empty when it does. */
    default Optional<String> localLocalRefusal() {
        return localGlobalRefusal();
    }

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

    /**
     * Whether the scores are a stochastic encoder's exact posterior against its own samples, {@code log p(zb_j | za_i)
     * − log r(zb_j)} ({@link EncoderPosterior}), which the bounds whose {@link Bound#takesPosterior()} holds read.
     */
    default boolean exactPosterior() {
        return false;
    }
}
