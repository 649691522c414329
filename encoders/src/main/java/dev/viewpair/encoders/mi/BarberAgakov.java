package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * The Barber–Agakov lower bound {@code I(X;Y) ≥ H(Y) + E_p[log q(y|x)]} for any variational
 * conditional q, tight when {@code q = p(y|x)}: estimated as {@code entropy + mean_i s_ii} with
 * {@code s_ij = log q(y_j | x_i)} from a {@link GaussianConditional} critic.
 *
 * <p>It needs the entropy H(Y) in nats, known only when Y is data of a known law (a synthetic
 * benchmark such as the staircase, where H(Y) is analytic); by default 0, and then the value is
 * the conditional log-likelihood {@code E log q(y|x) = I − H(Y) − KL}, useful to compare runs but
 * not an MI. Low variance; biased by the {@code KL(p(y|x) ‖ q(y|x))} the Gaussian family leaves.
 * Training: q fits by maximum likelihood ({@link Critic#fitLoss}); the bound's gradient reaches the
 * encoders. Beware in a recipe: maximizing {@code E log q(z_b|z_a)} through a trained view-B
 * encoder rewards shrinking z_b (the entropy it would need to subtract is not measured); use it
 * where view B is fixed data. No ceiling.
 *
 * @param entropy H(Y) in nats (any finite number)
 */
public record BarberAgakov(double entropy) implements Bound {
    public BarberAgakov {
        if (!Double.isFinite(entropy)) {
            throw new IllegalArgumentException("Barber-Agakov needs a finite entropy H(Y), got " + entropy);
        }
    }

    @Override
    public NDArray estimate(NDArray scores) {
        ScoreMatrix.size(scores, "Barber-Agakov", 1);
        return ScoreMatrix.positiveMean(scores).add((float) entropy);
    }

    @Override
    public boolean needsLogDensity() {
        return true;
    }
}
