package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

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
 * bounds: {@link LeaveOneOut}, {@link Club}, {@link VariationalPrior}. {@link BarberAgakov}, {@link LeaveOneOut} and
 * {@link Club} need a critic whose scores are conditional log-densities {@code log q(y_j | x_i)} ({@link
 * GaussianConditional}), fitted by maximum likelihood rather than by the bound; {@link LeaveOneOut} and {@link Club}
 * also take, and {@link VariationalPrior} needs, a stochastic encoder's exact posterior ({@link EncoderPosterior}).
 *
 * <p>Local–global pairs (Deep InfoMax, Hjelm et al. 2019) score every position of every sample's local features
 * against every sample's global vector ({@link Critic#localScores}, a {@code P×K×K} stack; local–local pairs, AMDIM:
 * {@link Critic#localLocalScores}, {@code Q×P×K×K}); {@link InfoNce}, {@link Nwj} and {@link JensenShannon} take the
 * stack through the same {@link #estimate(NDArray)}: for NWJ and JS the average over positions of the K×K bound is one
 * reduction over the stack (the leading axes are just more rows), with no ceiling; InfoNCE scores it in DIM's form,
 * each global vector picking among every position of the batch, with the ceiling {@link #logK(int, long)}. Taking the stack in {@code estimate} rather than in a separate
 * local–global bound class keeps one implementation of each bound's numerics (masks, stable log-mean-exp, the JS
 * read-out) for both kinds of pair; the bounds for which an average over positions is not the same reduction
 * refuse the stack ({@link #localGlobalRefusal()}).
 */
public interface Bound {

    /**
     * @param scores a {@code K×K} score matrix, or for the bounds whose {@link #localGlobalRefusal()} is empty a
     *     stack {@code P×K×K} of them ({@link Critic#localScores}: one matrix per position of a local–global pair)
     * @return the estimate, a differentiable scalar in nats (for bounds trained with another
     *     objective, the value is the estimate and the gradient the training objective's); for a stack, the
     *     estimate over all its positives and negatives, at most {@link #logK(int, long)}
     * @throws IllegalArgumentException for scores of another shape, a stack included where the bound refuses it
     */
    NDArray estimate(NDArray scores);

    /**
     * Why this bound takes no stack of local–global score matrices ({@link #estimate(NDArray)} with {@code P×K×K}
     * scores; Deep InfoMax), or empty when it does (InfoNCE, NWJ, JS). Those three are averages of per-row or
     * per-entry terms, so one pass over all positions' positives and negatives is exactly the average over positions
     * of the K×K bound. The others take the logarithm of a batch average (DV, MINE, SMILE, I_α), carry a moving
     * average fitted to one K×K matrix per step (MINE, TUBA), or need a variational model fitted to row-paired
     * batches (BA, LOO, CLUB): for them the average over positions would be another estimator, not yet checked.
     */
    default Optional<String> localGlobalRefusal() {
        return Optional.of("it takes one K×K score matrix per step; only infonce, nwj and js average a stack of"
                + " local–global score matrices over its positions");
    }

    /**
     * The most this bound can report for a batch of the given size, for one K×K matrix ({@code log K} for InfoNCE,
     * {@code 1 + log((K−1)/α)} for I_α), or {@code Double.POSITIVE_INFINITY} for bounds without a
     * ceiling.
     */
    default double logK(int batch) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The ceiling for a stack of local scores with {@code positions} local vectors per sample ({@link
     * Critic#localScores}); {@link #logK(int)} unless the bound counts the positions as candidates (InfoNCE).
     */
    default double logK(int batch, long positions) {
        return logK(batch);
    }

    /**
     * The estimate with hard negatives beside the in-batch ones: views of the same samples as the columns, cut
     * at another time (AVTS, Korbar et al. 2018). Only bounds whose {@link #hardNegativesRefusal()} is empty
     * take them.
     *
     * @param scores the {@code K×K} score matrix, positives on the diagonal
     * @param hardNegatives the {@code K×K} scores of view A's sample i against the hard negative of sample j
     * @return the estimate, a differentiable scalar in nats, at most {@link #logK(int, boolean) logK(K, true)}
     * @throws UnsupportedOperationException for a bound that takes no hard negatives
     */
    default NDArray estimate(NDArray scores, NDArray hardNegatives) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no hard negatives: "
                + hardNegativesRefusal().orElse(""));
    }

    /**
     * Why this bound takes no hard negatives ({@link #estimate(NDArray, NDArray)}), or empty when it does. The
     * default reason holds for every bound but InfoNCE: their partition terms average over the off-diagonal
     * scores as samples of the product of marginals p(x)p(y), which a sample's own view at another time is
     * not, so the value would no longer estimate the mutual information (nor bound it).
     */
    default Optional<String> hardNegativesRefusal() {
        return Optional.of("it averages over the off-diagonal scores as samples of p(x)p(y), which views of the same"
                + " sample at another time are not; only infonce, a classification of the positive among candidates,"
                + " takes hard negatives");
    }

    /**
     * The ceiling {@link #logK(int)}, or with hard negatives the ceiling of {@link #estimate(NDArray, NDArray)}
     * ({@code log 2K} for InfoNCE).
     */
    default double logK(int batch, boolean hardNegatives) {
        if (hardNegatives && hardNegativesRefusal().isPresent()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no hard negatives");
        }
        return logK(batch);
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
     * Whether it bounds I(X; Z) exactly from a stochastic encoder's own posterior ({@link EncoderPosterior}'s scores,
     * {@code critic: posterior}): {@link LeaveOneOut} and {@link Club} (which otherwise fit a Gaussian critic), and
     * {@link VariationalPrior}.
     */
    default boolean takesPosterior() {
        return false;
    }

    /** Whether it means anything only on the exact posterior's scores ({@link VariationalPrior}). */
    default boolean needsPosterior() {
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
