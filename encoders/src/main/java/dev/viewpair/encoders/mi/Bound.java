package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * Turns a critic's score matrix (row i = view A's sample i, column j = view B's sample j, diagonal
 * = positives; see {@link Critic}) into an estimate of the mutual information between the two
 * views, in nats. A pair maximizes a lower bound or minimizes an upper bound.
 *
 * <p>The positives are the K diagonal pairs (samples of p(x, y)); the negatives are the K(K−1)
 * off-diagonal pairs (samples of p(x)p(y)). Every bound is computed stably: log-mean-exp with the
 * excluded entries masked by −∞ and a detached maximum shifted out; exponentials of partition
 * terms turn linear far above any sensible value (e^50), so scores up to ±1e4 in float32 give
 * finite values and finite gradients. See {@code docs/bounds.md} for when to choose which.
 *
 * <p>Lower bounds: {@link InfoNce}, {@link Nwj}, {@link DonskerVaradhan}, {@link Mine}, {@link
 * JensenShannon}, {@link Tuba}, {@link Interpolated}, {@link Smile}, {@link BarberAgakov}. Upper
 * bounds: {@link LeaveOneOut}, {@link Club}. {@link BarberAgakov}, {@link LeaveOneOut} and {@link
 * Club} need a critic whose scores are conditional log-densities {@code log q(y_j | x_i)} ({@link
 * GaussianConditional}), fitted by maximum likelihood rather than by the bound.
 */
public sealed interface Bound
        permits InfoNce, Nwj, DonskerVaradhan, Mine, JensenShannon, Tuba, Interpolated, Smile, BarberAgakov,
                LeaveOneOut, Club {

    /**
     * @param scores a {@code K×K} score matrix
     * @return the estimate, a differentiable scalar in nats (for bounds trained with another
     *     objective, the value is the estimate and the gradient the training objective's)
     */
    NDArray estimate(NDArray scores);

    /**
     * The most this bound can report for a batch of the given size ({@code log K} for InfoNCE,
     * {@code 1 + log((K−1)/α)} for I_α), or {@code Double.POSITIVE_INFINITY} for bounds without a
     * ceiling.
     */
    default double logK(int batch) {
        return Double.POSITIVE_INFINITY;
    }

    /** Whether this is an upper bound (minimized) rather than a lower bound (maximized). */
    default boolean isUpper() {
        return false;
    }

    /**
     * Whether the scores must be conditional log-densities {@code log q(y_j | x_i)} of a
     * normalized variational model (a {@link Critic#scoresLogDensity()} critic), not just any
     * critic.
     */
    default boolean needsLogDensity() {
        return false;
    }

    /**
     * The state a stateful bound carries between batches (MINE's and TUBA's moving averages), for checkpoints;
     * empty for the stateless ones.
     */
    default double[] state() {
        return new double[0];
    }

    /**
     * Restores what {@link #state()} returned.
     *
     * @throws IllegalArgumentException if the state has the wrong length for this bound
     */
    default void restoreState(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no state, got " + state.length + " values");
        }
    }
}
