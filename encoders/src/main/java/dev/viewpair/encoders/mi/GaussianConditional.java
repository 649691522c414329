package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Optional;

/**
 * A variational critic: a Gaussian conditional {@code q(y|x) = N(y; μ(x), diag σ²(x))} whose mean
 * and log-variance come from one MLP on x (ReLU hidden layers, output twice y's width), scoring
 * {@code s_ij = log q(zb_j | za_i) = −½ Σ_d [(zb_jd − μ_d(za_i))²/σ_d²(za_i) + log σ_d²(za_i) +
 * log 2π]}, in nats. The log-variance is kept softly within ±10 ({@code 10·tanh(v/10)}).
 *
 * <p>This is what {@link BarberAgakov} and {@link Club} need (their bounds hold for a normalized
 * q); other bounds accept it as well, since {@code log q(y|x)} is a critic like any other.
 *
 * <p>Two objectives, split by gradient: q is fitted by maximum likelihood ({@link #fitLoss}, which
 * the trainer adds to the loss, on detached embeddings), while {@link #scores} runs on detached
 * parameters, so the pair's bound reaches the encoders only. This is how CLUB is meant to be
 * trained (q tracks p(y|x) while the encoders minimize the bound), and for Barber–Agakov both
 * gradients agree anyway. All {@code Ba×Bb×D_y} differences are formed at once (exact, no
 * expansion that cancels in float32), which costs {@code Ba·Bb·D_y} floats of memory.
 */
public final class GaussianConditional extends ScoringBlock {
    private static final float LOG_VARIANCE_LIMIT = 10f;
    private static final float LOG_TWO_PI = (float) Math.log(2 * Math.PI);

    private final int dimX;
    private final int dimY;
    private final int[] hidden;
    private final MlpLayers net;

    /**
     * @param dimX the width of x (view A's embeddings)
     * @param dimY the width of y (view B's embeddings)
     * @param hidden the hidden layers' widths (none: a linear-Gaussian conditional)
     */
    public GaussianConditional(int dimX, int dimY, int[] hidden) {
        MlpLayers.checkWidths("gaussian", dimX, dimY, hidden);
        this.dimX = dimX;
        this.dimY = dimY;
        this.hidden = hidden.clone();
        this.net = new MlpLayers(this::addParameter, "q", dimX, hidden, 2 * dimY);
    }

    /** The hidden layers' widths. */
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public Optional<String> localGlobalRefusal() {
        return Optional.of("its q(y|x) is fitted by likelihood on row-paired batches (fitLoss), and no fit on"
                + " local–global pairs exists yet; use dot, cosine, bilinear, separable_mlp or concat_mlp");
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        NDList meanAndLogVariance = conditional(za, true);
        NDArray mean = meanAndLogVariance.get(0).expandDims(1); // Ba×1×D
        NDArray logVariance = meanAndLogVariance.get(1).expandDims(1);
        NDArray deviation = zb.expandDims(0).sub(mean); // Ba×Bb×D
        return logDensity(deviation, logVariance, 2);
    }

    @Override
    public Optional<NDArray> fitLoss(NDArray za, NDArray zb) {
        checkPair(za, zb);
        NDArray x = za.stopGradient();
        NDArray y = zb.stopGradient();
        NDList meanAndLogVariance = conditional(x, false);
        NDArray deviation = y.sub(meanAndLogVariance.get(0));
        return Optional.of(logDensity(deviation, meanAndLogVariance.get(1), 1).mean().neg());
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        checkBuiltWidths("gaussian", widthA, widthB, dimX, dimY);
    }

    @Override
    public boolean scoresLogDensity() {
        return true;
    }

    /** [μ(x), log σ²(x)], each N×D. */
    private NDList conditional(NDArray x, boolean detachedParameters) {
        NDList halves = net.apply(x, detachedParameters).split(2, 1);
        NDArray raw = halves.get(1);
        NDArray limit = Constant.like(raw, LOG_VARIANCE_LIMIT);
        NDArray logVariance = raw.div(limit).tanh().mul(limit);
        return new NDList(halves.get(0), logVariance);
    }

    /** {@code −½ Σ_d [δ²/σ² + log σ² + log 2π]} over the given (last) axis. */
    private static NDArray logDensity(NDArray deviation, NDArray logVariance, int axis) {
        NDArray terms = deviation.square().mul(logVariance.neg().exp()).add(logVariance).add(LOG_TWO_PI);
        return terms.sum(new int[] {axis}).mul(Constant.like(terms, -0.5f));
    }
}
