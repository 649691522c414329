package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The interpolated lower bound I_α (Poole et al. 2019), between InfoNCE (α = 1: low variance,
 * capped at about log K) and NWJ/TUBA (α = 0: no cap, high variance):
 *
 * <pre>
 * I_α = 1 + E_p[ log( e^{f(x1,y)} / (α·m(y; x_{1:M}) + (1−α)·q(y)) ) ]
 *         − E_{p(x_{1:M}) p(y)}[ e^{f(x1,y)} / (α·m(y; x_{1:M}) + (1−α)·q(y)) ],
 * m(y; x_{1:M}) = (1/M) Σ_k e^{f(x_k, y)}
 * </pre>
 *
 * <p>Batch construction, exact for a batch of K iid pairs with a context of M = K−1 samples (the
 * negative term needs M samples of x independent of y, and a batch has only K−1 for each y_j):
 * <ul>
 *   <li>negative (x_a, y_b), a ≠ b: the context is every row but b (which holds y_b's own x), so
 *       {@code m⁻_b = mean_{k≠b} e^{s_kb}}, the column's leave-one-out mean;
 *   <li>positive (x_i, y_i): the context is x_i and K−2 of the others; leaving out row
 *       {@code (i+1) mod K} (any fixed choice of another row has the same distribution) gives
 *       {@code m⁺_i = mean_{k≠i+1} e^{s_ki}}.
 * </ul>
 * The baseline is the constant {@code q(y) = 1}, right for critics normalized like {@code log
 * p(y|x)/p(y)}; a learned critic absorbs any constant. Every batch satisfies {@code I_α ≤ 1 +
 * log((K−1)/α)} ({@link #logK}): the positive term is at most {@code log(M/α)}, the negative term is
 * positive.
 *
 * @param alpha α in [0, 1]
 */
public record Interpolated(double alpha) implements Bound {
    public Interpolated {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("I_alpha needs alpha in [0, 1], got " + alpha);
        }
    }

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "I_alpha", 2);
        NDArray diagonal = ScoreMatrix.diagonal(scores, k);
        NDArray positiveDenominator = logDenominator(scores, ScoreMatrix.shiftedDiagonal(scores, k), k); // per column
        NDArray negativeDenominator = logDenominator(scores, diagonal, k);
        NDArray positives = scores.diagonal().sub(positiveDenominator).mean();
        NDArray ratios = scores.sub(negativeDenominator.expandDims(0)); // column b divided by its denominator
        NDArray negatives = ScoreMatrix.safeExp(ScoreMatrix.negativeLogMeanExp(ratios, diagonal, k));
        return positives.add(1f).sub(negatives);
    }

    /** {@code log(α·m + (1−α))} per column, m the column's mean of e^s over the unmasked K−1 rows. */
    private NDArray logDenominator(NDArray scores, NDArray excluded, int k) {
        if (alpha == 0) {
            return scores.getManager().zeros(new Shape(k));
        }
        NDArray logAlphaM = ScoreMatrix.logMeanExp(scores, excluded, 0, k - 1).add((float) Math.log(alpha));
        return alpha == 1 ? logAlphaM : ScoreMatrix.logAddExp(logAlphaM, (float) Math.log1p(-alpha));
    }

    @Override
    public double logK(int batch) {
        return alpha == 0 ? Double.POSITIVE_INFINITY : 1 + Math.log((batch - 1) / alpha);
    }
}
