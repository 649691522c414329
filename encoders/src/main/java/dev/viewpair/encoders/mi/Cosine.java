package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * The cosine critic with a temperature: {@code s_ij = cos(za_i, zb_j) / τ} (rows L2-normalized,
 * then a dot product), as in SimCLR and CLIP.
 *
 * <p>With a learnable temperature the critic owns one parameter, {@code log τ}, initialized to
 * the given temperature and kept within [0.01, 100] (CLIP caps its logit scale at 100 the same
 * way) so the scores cannot blow up.
 */
public final class Cosine extends ScoringBlock {
    private static final double MIN_TEMPERATURE = 0.01;
    private static final double MAX_TEMPERATURE = 100;
    private static final double NORM_EPSILON = 1e-12;

    private final double temperature;
    private final Parameter logTemperature;

    /**
     * @param temperature τ, positive; the starting value when learnable
     * @param learnable whether τ is trained along with the encoders
     */
    public Cosine(double temperature, boolean learnable) {
        if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("cosine critic temperature must lie in [" + MIN_TEMPERATURE + ", "
                    + MAX_TEMPERATURE + "], got " + temperature);
        }
        this.temperature = temperature;
        this.logTemperature = learnable
                ? addParameter(Parameter.builder()
                        .setName("log_temperature")
                        .setType(Parameter.Type.OTHER)
                        .optShape(new Shape(1))
                        .optInitializer(new ConstantInitializer((float) Math.log(temperature)))
                        .build())
                : null;
    }

    /** Whether τ is a trained parameter. */
    public boolean learnable() {
        return logTemperature != null;
    }

    /** The current τ: the learned value once initialized, else the configured one. */
    public double temperature() {
        if (logTemperature == null || !logTemperature.isInitialized()) {
            return temperature;
        }
        return Math.exp(logTemperature.getArray().getFloat());
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        NDArray cosines = za.normalize(2, 1, NORM_EPSILON).matMul(zb.normalize(2, 1, NORM_EPSILON).transpose());
        if (logTemperature == null) {
            return cosines.div(Constant.like(cosines, (float) temperature)); // float: a double would promote to float64
        }
        // An op's result (and any scalar it makes, as clip does) joins its first operand's
        // manager: move the first result into the scores' manager, or every call would leave
        // arrays in the parameter's long-lived one. (duplicate() would cut the gradient.)
        NDArray negativeLogT = logTemperature.getArray().neg();
        negativeLogT.attach(cosines.getManager());
        NDArray inverse = negativeLogT.exp().clip((float) (1 / MAX_TEMPERATURE), (float) (1 / MIN_TEMPERATURE));
        return cosines.mul(inverse);
    }
}
