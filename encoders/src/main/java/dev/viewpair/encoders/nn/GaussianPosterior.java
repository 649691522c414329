package dev.viewpair.encoders.nn;

import static dev.viewpair.catalog.ParamType.NUMBER;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import java.util.List;
import java.util.Map;

/**
 * The stochastic part of a stochastic encoder ({@code stochastic: {type: gaussian, min_std: 0.01}}): a diagonal
 * Gaussian posterior {@code p(z|x) = N(μ(x), diag σ²(x))} whose mean μ is the projection head's output (the projection
 * as without it, so evaluation, {@code embed} and ONNX export read the mean unchanged) and whose standard deviation is
 * {@code σ = min_std + softplus(W·embedding + b)}, one Linear on the embedding beside the head. Training samples the
 * representation {@code z = μ + σ·ε}, ε ~ N(0, I) (the reparameterization trick: the gradient reaches μ and σ);
 * inference uses μ. The floor {@code min_std} keeps {@code log σ} and {@code (z − μ)/σ²} bounded, so the posterior's
 * log-densities and their gradients stay finite however hard a bound pushes σ down (Alemi et al. 2017 use
 * {@code softplus(x − 5)}, whose floor is 0).
 *
 * <p>As a block: {@code forward([embedding]) = [σ]}, {@code B×dim → B×width}.
 */
public final class GaussianPosterior extends AbstractBlock {
    /** The only kind today, the name a recipe gives as {@code stochastic.type}. */
    public static final String TYPE = "gaussian";
    /** The floor of σ when a recipe gives none. */
    public static final double DEFAULT_MIN_STD = 0.01;
    /** The parameters of {@code stochastic: {type: gaussian, …}}. */
    public static final List<Param> PARAMS = List.of(Param.optional("min_std", NUMBER, DEFAULT_MIN_STD, 0.0, null,
            "floor of each dimension's standard deviation, > 0: keeps log-densities and gradients finite").aboveMin());

    private static final byte VERSION = 1;

    private final double minStd;
    private final int width;
    private final Linear scale;

    /**
     * @param width the projection's width (one σ per dimension of z)
     * @param minStd the floor of σ, &gt; 0
     */
    public GaussianPosterior(int width, double minStd) {
        super(VERSION);
        if (width <= 0 || !(minStd > 0) || Double.isInfinite(minStd)) {
            throw new IllegalArgumentException("a Gaussian posterior needs a positive width and a positive finite"
                    + " min_std, got width=" + width + ", min_std=" + minStd);
        }
        this.width = width;
        this.minStd = minStd;
        this.scale = addChildBlock("scale", Linear.builder().setUnits(width).build());
    }

    /**
     * The posterior of a recipe's {@code stochastic} values ({@code min_std}), for a projection {@code width} wide.
     *
     * @throws IllegalArgumentException naming a bad value
     */
    public static GaussianPosterior of(Map<String, Object> values, int width) {
        return new GaussianPosterior(width, ParamChecks.values("stochastic '" + TYPE + "'", PARAMS, values)
                .number("min_std"));
    }

    /** The floor of σ. */
    public double minStd() {
        return minStd;
    }

    /** The width of z. */
    public int width() {
        return width;
    }

    /** σ for an embedding batch: {@code B×width}, each entry ≥ {@code min_std}. */
    public NDArray std(ParameterStore store, NDArray embedding, boolean training) {
        NDArray raw = scale.forward(store, new NDList(embedding), training).singletonOrThrow();
        // softplus(x) = max(x, 0) + log(1 + e^−|x|): no overflow for large x
        NDArray softplus = Activation.relu(raw).add(raw.abs().neg().exp().add(1f).log());
        return softplus.add((float) minStd);
    }

    /**
     * The representation: a sample {@code μ + σ·ε} in training, the mean otherwise.
     *
     * @param mean μ, {@code B×width}
     * @param std σ, {@code B×width}
     */
    public static NDArray sample(NDArray mean, NDArray std, boolean training) {
        if (!training) {
            return mean;
        }
        NDArray noise = mean.getManager().randomNormal(0f, 1f, mean.getShape(), mean.getDataType());
        return mean.add(std.mul(noise));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(std(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        scale.initialize(manager, dataType, inputShapes);
    }
}
