package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The variational upper bound of the information bottleneck (VIB, Alemi et al. 2017): {@code I(X; Z) ≤ E_x KL(p(z|x)
 * ‖ r(z))} for any prior r, here the standard normal; the gap is {@code KL(p(z) ‖ r)}. On the exact posterior's scores
 * ({@link EncoderPosterior}: {@code s_ij = log p(z_j|x_i) − log r(z_j)}) it is the mean of the positives, {@code
 * mean_i [log p(z_i|x_i) − log r(z_i)]}: a one-sample, unbiased estimate of the KL with the reparameterized sample's
 * gradient (the closed form, for the diagonal Gaussian, is what the trainer logs as each view's {@code kl}). Unlike
 * {@link LeaveOneOut} it needs no other sample of the batch. No ceiling.
 */
public record VariationalPrior() implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        ScoreMatrix.size(scores, "VIB", 1);
        return ScoreMatrix.positiveMean(scores);
    }

    @Override
    public boolean isUpper() {
        return true;
    }

    @Override
    public boolean takesPosterior() {
        return true;
    }

    @Override
    public boolean needsPosterior() {
        return true;
    }
}
