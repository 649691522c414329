package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * The NWJ lower bound (Nguyen, Wainwright and Jordan 2010; f-GAN KL, "MINE-f"):
 * {@code I ≥ E_p[f] − e^{−1}·E_{p(x)p(y)}[e^f]}, estimated as {@code mean_i s_ii −
 * e^{−1}·mean_{i≠j} e^{s_ij}}.
 *
 * <p>Unbiased (a plain mean, no logarithm of a batch average) and tight at {@code f* = 1 + log
 * p(y|x)/p(y)}, but its variance grows like e^I because the partition term averages e^f under the
 * product of marginals. No ceiling.
 */
public record Nwj() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int k = ScoreMatrix.stackSize(scores, "NWJ", 2);
        NDArray logPartition = ScoreMatrix.negativeLogMeanExp(scores, ScoreMatrix.diagonal(scores, k), k);
        return ScoreMatrix.positiveMean(scores).sub(ScoreMatrix.safeExp(logPartition.sub(1f)));
    }

    /** Takes a stack of local–global score matrices: the estimate over all their positives and negatives. */
    @Override
    public Optional<String> localGlobalRefusal() {
        return Optional.empty();
    }
}
