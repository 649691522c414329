package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;
import static dev.viewpair.encoders.onnx.OnnxGraph.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A step without parameters in an encoder's chain of blocks (an activation, a pooling, a reshape, a check), named by
 * its class and written into ONNX graphs as the nodes that compute it — which DJL's {@code LambdaBlock}s, whose
 * function cannot be read, are not. Each replaces one such lambda and computes what it computed, so the blocks around
 * it keep their positions and parameter names, and checkpoints load.
 */
abstract class ParameterFree extends AbstractBlock implements OnnxExportable {
    private static final byte VERSION = 1;

    ParameterFree() {
        super(VERSION);
    }

    /** The step applied to a batch. */
    abstract NDArray apply(NDArray x);

    /** The shape of the step's output; the input's by default. */
    Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }

    /** {@code max(x, 0)}. */
    static final class Relu extends ParameterFree {
        @Override
        NDArray apply(NDArray x) {
            return Activation.relu(x);
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return graph.node("Relu", input);
        }
    }

    /** The exact GELU, {@code x · Φ(x)}; ONNX has it at opset 17 as {@code 0.5 · x · (1 + erf(x / √2))}. */
    static final class Gelu extends ParameterFree {
        @Override
        NDArray apply(NDArray x) {
            return Activation.gelu(x);
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            var scaled = graph.node("Mul", List.of(input, graph.scalar((float) (1 / Math.sqrt(2)))));
            var onePlusErf = graph.node("Add", List.of(graph.node("Erf", scaled), graph.scalar(1)));
            return graph.node("Mul", List.of(graph.node("Mul", List.of(input, onePlusErf)), graph.scalar(0.5f)));
        }
    }

    /** Max-pooling over the last two axes, square windows, padding on every side, sizes rounded down. */
    static final class MaxPool2d extends ParameterFree {
        private final int kernel;
        private final int stride;
        private final int padding;

        MaxPool2d(int kernel, int stride, int padding) {
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
        }

        @Override
        NDArray apply(NDArray x) {
            return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), false);
        }

        @Override
        Shape outputShape(Shape in) {
            return new Shape(in.get(0), in.get(1), side(in.get(2)), side(in.get(3)));
        }

        private long side(long in) {
            return (in + 2L * padding - kernel) / stride + 1;
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return graph.node("MaxPool", input, ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
                    ints("pads", padding, padding, padding, padding), attribute("ceil_mode", 0L));
        }
    }

    /** The mean over every axis after the channels (B×C×H×W → B×C×1×1, B×C×T → B×C×1). */
    static final class GlobalAvgPool extends ParameterFree {
        @Override
        NDArray apply(NDArray x) {
            return x.getShape().dimension() == 3 ? Pool.globalAvgPool1d(x) : Pool.globalAvgPool2d(x);
        }

        @Override
        Shape outputShape(Shape in) {
            var out = new long[in.dimension()];
            Arrays.fill(out, 1);
            out[0] = in.get(0);
            out[1] = in.get(1);
            return new Shape(out);
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return graph.node("GlobalAveragePool", input);
        }
    }

    /** Each sample flattened: B×… → B×(the rest's product). */
    static final class Flatten extends ParameterFree {
        @Override
        NDArray apply(NDArray x) {
            return x.reshape(x.getShape().get(0), -1);
        }

        @Override
        Shape outputShape(Shape in) {
            return new Shape(in.get(0), in.size() / Math.max(1, in.get(0)));
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return graph.node("Flatten", input, attribute("axis", 1L));
        }
    }

    /** Each row divided by its L2 norm, at least 1e-12 (PyTorch's {@code F.normalize}). */
    static final class L2Normalize extends ParameterFree {
        private static final float EPSILON = 1e-12f;

        @Override
        NDArray apply(NDArray x) {
            return x.div(x.norm(new int[] {1}, true).maximum(EPSILON));
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            var norm = graph.node("ReduceL2", input, ints("axes", 1), attribute("keepdims", 1L));
            return graph.node("Div", List.of(input, graph.node("Max", List.of(norm, graph.scalar(EPSILON)))));
        }
    }

    /** The input unchanged: the head of an encoder without one. */
    static final class Identity extends ParameterFree {
        @Override
        NDArray apply(NDArray x) {
            return x;
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return input;
        }
    }

    /**
     * A check of the batch's shape that fails early with a message naming it; the value passes unchanged, and an ONNX
     * graph, whose input declares its shape, leaves it out.
     */
    static final class InputCheck extends ParameterFree {
        private final Consumer<Shape> check;

        /** @param check throws {@link IllegalArgumentException} on a shape the encoder cannot take */
        InputCheck(Consumer<Shape> check) {
            this.check = check;
        }

        @Override
        NDArray apply(NDArray x) {
            check.accept(x.getShape());
            return x;
        }

        /** Checked when the encoder is initialized too, before the blocks after it see the shape. */
        @Override
        Shape outputShape(Shape input) {
            check.accept(input);
            return input;
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            return input;
        }
    }
}
