package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numerics the bounds share. Every reduction over "the negatives" excludes entries with a
 * boolean mask and {@code where(mask, −∞, s)}, never with a large finite constant, so masked
 * entries contribute exactly nothing to the value and receive an exact zero gradient; log-mean-exp
 * subtracts a detached maximum first, so it is finite for any finite scores.
 */
final class ScoreMatrix {
    /**
     * Where {@link #safeExp} turns linear: {@code e^50 ≈ 5e21}, far above any sensible partition
     * term, and the linear tail keeps {@code e^50·(1 + 1e4)} well inside float32.
     */
    private static final float LINEAR_FROM = 50f;
    private static final float EXP_AT_LINEAR_FROM = (float) Math.exp(LINEAR_FROM);

    private static final Map<Integer, boolean[]> SHIFTED_DIAGONALS = new ConcurrentHashMap<>();

    private ScoreMatrix() {}

    /**
     * Checks that the scores are one square {@code K×K} matrix with {@code K ≥ minimum}.
     *
     * @return K
     */
    static int size(NDArray scores, String bound, int minimum) {
        Shape shape = scores.getShape();
        if (shape.dimension() > 2) {
            throw new IllegalArgumentException(bound + " needs one square K×K score matrix, got a stack of them " + shape
                    + "; of the bounds, only infonce, nwj and js take the stacks of local pairs"
                    + " (Bound.localGlobalRefusal says why)");
        }
        return stackSize(scores, bound, minimum);
    }

    /**
     * Checks that the scores are a square {@code K×K} matrix or a stack {@code …×K×K} of them (local–global scores,
     * one matrix per position), with {@code K ≥ minimum}.
     *
     * @return K
     */
    static int stackSize(NDArray scores, String bound, int minimum) {
        Shape shape = scores.getShape();
        int rank = shape.dimension();
        if (rank < 2 || shape.get(rank - 2) != shape.get(rank - 1)) {
            throw new IllegalArgumentException(bound + " needs a square K×K score matrix" + (rank > 2 ? "es" : "")
                    + ", got " + shape);
        }
        if (shape.get(rank - 1) < minimum) {
            throw new IllegalArgumentException(bound + " needs a batch of at least " + minimum
                    + " (it uses the other samples as negatives), got " + shape.get(rank - 1));
        }
        if (shape.size() == 0) {
            throw new IllegalArgumentException(bound + " needs at least one score matrix, got " + shape);
        }
        return Math.toIntExact(shape.get(rank - 1));
    }

    /**
     * The diagonal of every {@code K×K} matrix as a boolean mask shaped like the scores (true = excluded from the
     * negatives).
     */
    static NDArray diagonal(NDArray scores, int k) {
        NDArray eye = scores.getManager().eye(k, k, 0, DataType.BOOLEAN);
        return scores.getShape().dimension() == 2 ? eye : eye.broadcast(scores.getShape());
    }

    /**
     * The mask of entries {@code ((j + 1) mod K, j)}: one row per column, never the diagonal (for
     * K ≥ 2). Excluding it leaves each column K−1 entries that include its positive. (PyTorch's eye
     * has no diagonal offset: the pattern is built once per size in Java and copied in per call.)
     */
    static NDArray shiftedDiagonal(NDArray scores, int k) {
        boolean[] pattern = SHIFTED_DIAGONALS.computeIfAbsent(k, size -> {
            boolean[] mask = new boolean[size * size];
            for (int column = 0; column < size; column++) {
                mask[((column + 1) % size) * size + column] = true;
            }
            return mask;
        });
        return scores.getManager().create(pattern, new Shape(k, k));
    }

    /** The positives {@code s_ii} of every {@code K×K} matrix: {@code …×K}. */
    static NDArray positives(NDArray scores) {
        int rank = scores.getShape().dimension();
        return scores.diagonal(0, rank - 2, rank - 1);
    }

    /** The mean of the positives {@code s_ii} (over every matrix of a stack). */
    static NDArray positiveMean(NDArray scores) {
        return positives(scores).mean();
    }

    /**
     * {@code log( (1/count) Σ exp(values) )} along one axis, leaving out the masked entries.
     *
     * @param excluded boolean mask of the entries to leave out, shaped like values
     * @param axis the axis reduced
     * @param count how many entries each reduction keeps
     */
    static NDArray logMeanExp(NDArray values, NDArray excluded, int axis, int count) {
        NDArray masked = NDArrays.where(excluded, minusInfinity(values), values);
        // the shift cancels in value and gradient: detach it so only the exp terms carry gradient
        NDArray shift = masked.max(new int[] {axis}, true).stopGradient();
        NDArray logSum = masked.sub(shift).exp().sum(new int[] {axis}, true).log().add(shift);
        return logSum.sub(Math.log(count)).squeeze(axis); // a double: exact for the exact posterior's double scores
    }

    /**
     * {@code log Σ exp(values)} along one axis (kept out of the result), leaving out the masked entries; {@code −∞}
     * where every entry is masked.
     *
     * @param excluded boolean mask of the entries to leave out, shaped like values
     */
    static NDArray logSumExp(NDArray values, NDArray excluded, int axis) {
        NDArray masked = NDArrays.where(excluded, minusInfinity(values), values);
        NDArray shift = masked.max(new int[] {axis}, true).stopGradient();
        NDArray logSum = masked.sub(shift).exp().sum(new int[] {axis}, true).log().add(shift);
        return logSum.squeeze(axis);
    }

    /** {@code log(e^a + e^b)} elementwise for two arrays of one shape, stable for any finite a or b. */
    static NDArray logAddExp(NDArray a, NDArray b) {
        NDArray shift = a.maximum(b).stopGradient();
        return a.sub(shift).exp().add(b.sub(shift).exp()).log().add(shift);
    }

    /**
     * {@link #logMeanExp} over all off-diagonal entries (the K(K−1) negatives, of every matrix of a stack): a
     * scalar. Every matrix has as many negatives, so for a stack this is the log of the average over its matrices of
     * their mean {@code e^s}.
     */
    static NDArray negativeLogMeanExp(NDArray values, NDArray diagonal, int k) {
        return logMeanExp(values.reshape(-1), diagonal.reshape(-1), 0, negatives(values, k));
    }

    /** The plain mean over the off-diagonal entries (of every matrix of a stack). */
    static NDArray negativeMean(NDArray values, NDArray diagonal, int k) {
        NDArray sum = NDArrays.where(diagonal, values.zerosLike(), values).sum();
        return sum.div(Constant.like(sum, (float) negatives(values, k)));
    }

    /** How many off-diagonal entries the values hold: K(K−1) per K×K matrix. */
    private static int negatives(NDArray values, int k) {
        return Math.toIntExact(values.getShape().size() / k * (k - 1));
    }

    /**
     * {@code exp(u)} up to u = 50, then its tangent line {@code e^50·(1 + u − 50)}: equal in value
     * and slope at 50, finite for any finite u, and still increasing, so a gradient keeps pushing an
     * exploding partition term down instead of turning into infinity or NaN.
     */
    static NDArray safeExp(NDArray u) {
        // clamped first: no inf to multiply by a zero gradient
        NDArray exact = u.minimum(Constant.like(u, LINEAR_FROM)).exp();
        NDArray linear = u.sub(LINEAR_FROM - 1f).mul(Constant.like(u, EXP_AT_LINEAR_FROM));
        return NDArrays.where(u.gt(LINEAR_FROM), linear, exact);
    }

    /**
     * {@code log(e^a + e^b)} for an array and a constant, elementwise and stable.
     *
     * @param constant a finite number
     */
    static NDArray logAddExp(NDArray a, float constant) {
        NDArray shift = a.maximum(constant).stopGradient();
        return a.sub(shift).exp().add(shift.neg().add(constant).exp()).log().add(shift);
    }

    /** A scalar whose value is {@code value}'s and whose gradient is {@code surrogate}'s. */
    static NDArray valueWithGradientOf(NDArray value, NDArray surrogate) {
        return value.stopGradient().add(surrogate.sub(surrogate.stopGradient()));
    }

    /**
     * The Jensen–Shannon f-GAN objective {@code E_p[−softplus(−s)] − E_q[softplus(s)]} over the
     * positives and the off-diagonal negatives (of every matrix of a stack), which JS-trained critics maximize.
     */
    static NDArray jensenShannonObjective(NDArray scores, NDArray diagonal, int k) {
        NDArray joint = Activation.softPlus(positives(scores).neg()).mean().neg();
        return joint.sub(negativeMean(Activation.softPlus(scores), diagonal, k));
    }

    /**
     * One step of an exponential moving average kept in the log domain: {@code log((1 − w)·e^{old}
     * + w·e^{newest})}, in double (the averaged quantities may lie far outside float range).
     */
    static double movingLogAverage(double old, double weight, double newest) {
        if (weight == 1) {
            return newest;
        }
        double a = Math.log1p(-weight) + old;
        double b = Math.log(weight) + newest;
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    private static NDArray minusInfinity(NDArray like) {
        // DJL's where does not broadcast; the scores' type (the exact posterior's are double)
        return like.getManager().full(like.getShape(), Float.NEGATIVE_INFINITY, like.getDataType());
    }
}
