package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A fully connected stack {@code in → hidden… → out} (ReLU between layers, none after the last)
 * whose parameters belong to the critic that builds it. Critics run it on parameter values
 * directly, so they can also run it with the parameters detached ({@link GaussianConditional}
 * does), which DJL's blocks cannot.
 */
final class MlpLayers {
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    /**
     * @param register the owning block's {@code addParameter}
     * @param prefix parameter name prefix, unique within the owner
     */
    MlpLayers(UnaryOperator<Parameter> register, String prefix, int in, int[] hidden, int out) {
        int width = in;
        for (int layer = 0; layer <= hidden.length; layer++) {
            int next = layer < hidden.length ? hidden[layer] : out;
            weights.add(register.apply(weight(prefix + "_weight_" + layer, width, next)));
            biases.add(register.apply(bias(prefix + "_bias_" + layer, width, next)));
            width = next;
        }
    }

    /**
     * A weight {@code in×out} drawn from U(±1/√in), as PyTorch's Linear does. DJL's default for
     * weights (He normal) makes a 3-layer critic's initial scores some 100 times larger, and the
     * exponentials in NWJ, MINE, TUBA and the JS read-out then start astronomically off.
     */
    static Parameter weight(String name, int in, int out) {
        return weightOfFanIn(name, in, out, in);
    }

    /** As {@link #weight} for a slice of a layer whose whole fan-in is {@code fanIn}. */
    static Parameter weightOfFanIn(String name, int in, int out, int fanIn) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, out))
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(fanIn))))
                .build();
    }

    /** A bias of width {@code out} for a layer of fan-in {@code in}, from U(±1/√in) as PyTorch's Linear. */
    static Parameter bias(String name, int in, int out) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(out))
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(in))))
                .build();
    }

    /**
     * @param x {@code N×in}
     * @param detached run on detached copies of the parameters: gradients reach x only
     * @return {@code N×out}, in the manager of x
     */
    NDArray apply(NDArray x, boolean detached) {
        NDArray h = x;
        for (int layer = 0; layer < weights.size(); layer++) {
            h = h.matMul(value(weights.get(layer), x, detached)).add(value(biases.get(layer), x, detached));
            if (layer < weights.size() - 1) {
                h = Activation.relu(h);
            }
        }
        return h;
    }

    /** A parameter's value, detached into the manager of {@code like} when asked. */
    static NDArray value(Parameter parameter, NDArray like, boolean detached) {
        NDArray array = parameter.getArray();
        if (!detached) {
            return array;
        }
        NDArray copy = array.stopGradient(); // shares storage; would otherwise join the parameter's manager
        copy.attach(like.getManager());
        return copy;
    }

    /** Fails naming the critic unless every width is positive. */
    static void checkWidths(String critic, int dimA, int dimB, int[] hidden) {
        if (dimA <= 0 || dimB <= 0) {
            throw new IllegalArgumentException(
                    critic + " critic needs positive embedding widths, got " + dimA + " and " + dimB);
        }
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException(critic + " critic needs positive hidden widths, got "
                        + Arrays.toString(hidden));
            }
        }
    }
}
