package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * The exact posterior of a stochastic encoder as a critic ({@code critic: posterior}): no parameters, no fit. View A
 * is the encoder's posterior layer, each row {@code [μ_i ; σ_i]} ({@code B×2D}: {@code views: [img@posterior, img]}),
 * view B its sampled representation {@code z_j} ({@code B×D}, the projection), and
 * {@code s_ij = log p(z_j | x_i) − log r(z_j)}, with {@code p(z|x_i) = N(μ_i, diag σ_i²)} the encoder's own posterior
 * and {@code r = N(0, I)} the standard normal prior. So:
 *
 * <ul>
 *   <li>{@link LeaveOneOut} on these scores is the leave-one-out upper bound on I(X; Z) with the true conditional
 *       (the {@code −log r(z_j)} term is constant down a column and cancels);
 *   <li>{@link Club} is CLUB with the true conditional (the prior term cancels between the positives' and the
 *       negatives' means);
 *   <li>{@link VariationalPrior} reads the diagonal: {@code mean_i [log p(z_i|x_i) − log r(z_i)]}, a one-sample estimate
 *       of {@code E_x KL(p(z|x) ‖ r)}, the VIB rate (Alemi et al. 2017).
 * </ul>
 *
 * <p>Since I(X; Z) = I((μ, σ); Z) when z depends on x only through (μ, σ), a pair of the posterior with the sample
 * bounds the information the representation keeps about the view itself.
 *
 * <p>Numerics: all {@code B×B×D} deviations {@code z_j − μ_i} are formed directly (no expansion of the square, which
 * cancels catastrophically for the positives {@code z_i − μ_i = σ_i ε_i} when σ is small) and in double, as are the
 * sums over D, so the scores of a posterior with σ at its floor (log-densities of thousands of nats) keep their
 * differences; the scores are returned in double for the bound's log-sum-exp (whose gradient reaches the float
 * encoder as float), and the trainer reads the estimate in double.
 */
public final class EncoderPosterior extends ScoringBlock {

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        long d = zb.getShape().get(1);
        // multiplying by a one-element double array promotes to double inside the graph (DJL's toType leaves it)
        NDArray toDouble = za.getManager().create(new double[] {1});
        NDArray posterior = za.mul(toDouble);
        NDArray z = zb.mul(toDouble);
        NDArray mean = posterior.get(":, :" + d).expandDims(1); // B×1×D
        NDArray std = posterior.get(":, " + d + ":").expandDims(1);
        NDArray standardized = z.expandDims(0).sub(mean).div(std); // B×B×D: (z_j − μ_i)/σ_i
        NDArray half = standardized.getManager().create(0.5);
        NDArray logDensity = standardized.square().mul(half).add(std.log()).sum(new int[] {2}).neg(); // + const
        NDArray logPrior = z.square().mul(half).sum(new int[] {1}).neg().expandDims(0); // 1×B; same const cancels
        return logDensity.sub(logPrior);
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        if (widthA != 2 * widthB) {
            throw new IllegalArgumentException("the posterior critic scores a stochastic encoder's posterior [mean ;"
                    + " std] (2D wide: VIEW@posterior) against its D-wide sample (VIEW), got widths " + widthA + " and "
                    + widthB);
        }
    }

    @Override
    public Optional<String> localGlobalRefusal() {
        return Optional.of("it scores a stochastic encoder's posterior against its own sample, both global");
    }

    @Override
    public boolean exactPosterior() {
        return true;
    }
}
