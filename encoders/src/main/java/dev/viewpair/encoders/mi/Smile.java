package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * SMILE (Song and Ermon 2020): the {@link DonskerVaradhan} estimate with the partition term's
 * scores clipped to [−τ, τ]: {@code mean_i s_ii − log mean_{i≠j} e^{clip(s_ij, −τ, τ)}}. Clipping
 * bounds the density ratio in the partition term, which caps its variance (about e^{2τ} instead of
 * e^I) at the price of a bias; τ → ∞ gives DV. As in Song and Ermon, the critic is trained with the
 * Jensen–Shannon objective (see {@link JensenShannon}), whose optimum {@code log p(y|x)/p(y)} is
 * also DV's; the reported value is clipped DV, the gradient the JS objective's.
 *
 * <p>Strictly a bound only as τ → ∞: clipping from above shrinks the partition term (the estimate
 * may exceed DV's), clipping from below grows it. The bias is small while the critic's density
 * ratios mostly lie within [e^{−τ}, e^τ], and the trade is worth it at high MI, where DV and NWJ
 * are too noisy to use. Listed with the lower bounds (maximized). No ceiling.
 *
 * @param tau the clip τ, positive (Song and Ermon use 5)
 */
public record Smile(double tau) implements Bound {
    public Smile {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("SMILE's clip tau must be a positive number, got " + tau);
        }
    }

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.size(scores, "SMILE", 2);
        NDArray diagonal = ScoreMatrix.diagonal(scores, k);
        NDArray clipped = scores.clip((float) -tau, (float) tau);
        NDArray value = ScoreMatrix.positiveMean(scores).sub(ScoreMatrix.negativeLogMeanExp(clipped, diagonal, k));
        return ScoreMatrix.valueWithGradientOf(value, ScoreMatrix.jensenShannonObjective(scores, diagonal, k));
    }
}
