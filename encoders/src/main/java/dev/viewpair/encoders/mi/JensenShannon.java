package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * A JS-trained critic read out as MI (Deep InfoMax; Poole et al. 2019): the critic is trained with
 * the Jensen–Shannon f-GAN objective {@code E_p[−softplus(−f)] − E_{p(x)p(y)}[softplus(f)]}, which
 * is stable and low-variance, and the reported value is the {@link Nwj} estimate at {@code f + 1}:
 * {@code 1 + mean_i s_ii − mean_{i≠j} e^{s_ij}}.
 *
 * <p>Why {@code f + 1}: the JS-optimal critic is {@code f* = log p(y|x)/p(y)}, and NWJ is tight at
 * {@code 1 + log p(y|x)/p(y)}; so at the JS optimum the read-out is the true MI, and for any critic
 * it is a valid NWJ lower bound (unbiased, variance like NWJ's). The value is the NWJ read-out; the
 * gradient is the JS objective's. No ceiling.
 */
public record JensenShannon() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.stackSize(scores, "JS", 2);
        NDArray diagonal = ScoreMatrix.diagonal(scores, k);
        NDArray logPartition = ScoreMatrix.negativeLogMeanExp(scores, diagonal, k);
        NDArray readOut = ScoreMatrix.positiveMean(scores).add(1f).sub(ScoreMatrix.safeExp(logPartition));
        return ScoreMatrix.valueWithGradientOf(readOut, ScoreMatrix.jensenShannonObjective(scores, diagonal, k));
    }

    /** Takes a stack of local–global score matrices: the estimate over all their positives and negatives. */
    @Override
    public Optional<String> localGlobalRefusal() {
        return Optional.empty();
    }
}
