package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * MINE (Belghazi et al. 2018): the {@link DonskerVaradhan} estimate with a moving-average
 * correction of its gradient. The reported value is the batch DV estimate; the gradient of the
 * partition term {@code log E_q[e^f]} is taken as {@code ∇ mean_{i≠j} e^{s_ij} / m}, where m is an
 * exponential moving average of the batch means {@code mean_{i≠j} e^{s_ij}} (updated with weight
 * {@code ema} before each use, started at the first batch's mean). This removes most of the bias
 * the logarithm of a small batch average puts into DV's gradient.
 *
 * <p>Stateful: the average lives in this object, so give each pair its own instance and call it
 * from one thread. Lower bound in value (as DV), no ceiling.
 */
public final class Mine implements Bound {
    private final double ema;
    private double logAverage = Double.NaN; // log m, in double: e^f may be far beyond float range

    /** @param ema the moving average's weight for the newest batch, in (0, 1] (Belghazi et al.: 0.01) */
    public Mine(double ema) {
        if (!(ema > 0 && ema <= 1)) {
            throw new IllegalArgumentException("MINE's moving-average weight must lie in (0, 1], got " + ema);
        }
        this.ema = ema;
    }

    /** The moving average's weight for the newest batch. */
    public double ema() {
        return ema;
    }

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "MINE", 2);
        NDArray logPartition = ScoreMatrix.negativeLogMeanExp(scores, ScoreMatrix.diagonal(scores, k), k);
        double batch = logPartition.getFloat();
        logAverage = Double.isNaN(logAverage)
                ? batch
                : ScoreMatrix.movingLogAverage(logAverage, ema, batch);
        NDArray positives = ScoreMatrix.positiveMean(scores);
        // ∇ exp(log mean − log m) = ∇ mean / m: the moving average replaces the batch mean in the denominator
        NDArray surrogate = positives.sub(ScoreMatrix.safeExp(logPartition.sub((float) logAverage)));
        return ScoreMatrix.valueWithGradientOf(positives.sub(logPartition), surrogate);
    }

    @Override
    public double[] state() {
        return new double[] {logAverage};
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != 1) {
            throw new IllegalArgumentException("MINE's state is one moving average, got " + state.length + " values");
        }
        logAverage = state[0];
    }

    @Override
    public String toString() {
        return "Mine[ema=" + ema + "]";
    }
}
