package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The TUBA lower bound (Poole et al. 2019) with a scalar baseline a:
 * {@code I ≥ 1 + E_p[f] − log a − E_{p(x)p(y)}[e^f]/a}, estimated as {@code 1 + mean_i s_ii −
 * log a − mean_{i≠j} e^{s_ij}/a}.
 *
 * <p>Poole et al. allow a baseline a(y) that depends on y. With a score matrix only, a is one
 * number; a critic that can represent a function of y alone (the joint {@code concat_mlp}) absorbs
 * any a(y) anyway, since TUBA with critic f and baseline a(y) equals TUBA with critic {@code f −
 * log a(y)} and baseline 1. The bound holds for every a; the best is {@code a = E_q[e^f]}, where
 * TUBA equals DV. Here {@code log a} is fitted in closed form rather than by gradient: an
 * exponential moving average (weight {@code ema}) of previous batches' {@code mean_{i≠j}
 * e^{s_ij}}, detached. Because a does not depend on the current batch, each batch's estimate is
 * an unbiased estimate of a valid lower bound (the first batch, with no history, uses its own
 * mean and equals DV). Variance as NWJ's; no ceiling.
 *
 * <p>Stateful: the baseline lives in this object, so give each pair its own instance and call it
 * from one thread.
 */
public final class Tuba implements Bound {
    private final double ema;
    private double logBaseline = Double.NaN;

    /** @param ema the baseline average's weight for the newest batch, in (0, 1] */
    public Tuba(double ema) {
        if (!(ema > 0 && ema <= 1)) {
            throw new IllegalArgumentException("TUBA's baseline weight must lie in (0, 1], got " + ema);
        }
        this.ema = ema;
    }

    /** The baseline average's weight for the newest batch. */
    public double ema() {
        return ema;
    }

    /** The current log a (NaN before the first batch). */
    public double logBaseline() {
        return logBaseline;
    }

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "TUBA", 2);
        NDArray logPartition = ScoreMatrix.negativeLogMeanExp(scores, ScoreMatrix.diagonal(scores, k), k);
        double batch = logPartition.getFloat();
        double logA = Double.isNaN(logBaseline) ? batch : logBaseline;
        logBaseline = Double.isNaN(logBaseline) ? batch : ScoreMatrix.movingLogAverage(logBaseline, ema, batch);
        return ScoreMatrix.positiveMean(scores)
                .add((float) (1 - logA))
                .sub(ScoreMatrix.safeExp(logPartition.sub((float) logA)));
    }

    @Override
    public double[] state() {
        return new double[] {logBaseline};
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != 1) {
            throw new IllegalArgumentException("TUBA's state is one moving average, got " + state.length + " values");
        }
        logBaseline = state[0];
    }

    @Override
    public String toString() {
        return "Tuba[ema=" + ema + "]";
    }
}
