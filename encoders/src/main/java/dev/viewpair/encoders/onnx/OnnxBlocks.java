package dev.viewpair.encoders.onnx;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;
import static dev.viewpair.encoders.onnx.OnnxGraph.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Writes a block into an ONNX graph: a block that exports itself ({@link OnnxExportable}), or one of DJL's blocks the
 * encoders are built of — {@link SequentialBlock}, {@link Conv1d} and {@link Conv2d} ({@code Conv}), {@link Linear}
 * ({@code Gemm} on a batch of vectors, {@code MatMul} by the transposed weight and {@code Add} of the bias on more axes), {@link BatchNorm} ({@code
 * BatchNormalization} with the running statistics, as inference uses them) and {@link LayerNorm} ({@code
 * LayerNormalization}). Any other block (a DJL {@code LambdaBlock}, whose function cannot be read) is refused with its
 * class named.
 */
public final class OnnxBlocks {
    private OnnxBlocks() {}

    /**
     * Adds the nodes of {@code block} applied to {@code input}.
     *
     * @return the name of the block's output
     * @throws NoOnnxForm naming the block, when it has no ONNX form
     */
    public static String export(OnnxGraph graph, Block block, String input) {
        if (block instanceof OnnxExportable exportable) {
            return exportable.toOnnx(graph, input);
        } else if (block instanceof SequentialBlock sequential) {
            var x = input;
            for (var child : sequential.getChildren()) {
                try {
                    x = export(graph, child.getValue(), x);
                } catch (NoOnnxForm e) {
                    throw e.within(child.getKey());
                }
            }
            return x;
        } else if (block instanceof Conv1d || block instanceof Conv2d) {
            return conv(graph, (Convolution) block, input);
        } else if (block instanceof Linear linear) {
            return linear(graph, linear, input);
        } else if (block instanceof BatchNorm norm) {
            return batchNorm(graph, norm, input);
        } else if (block instanceof LayerNorm norm) {
            return layerNorm(graph, norm, input);
        }
        throw new NoOnnxForm("a " + block.getClass().getName()
                + (block instanceof LambdaBlock lambda ? " '" + lambda.getName() + "'" : ""), "");
    }

    /**
     * A parameter's values as an initializer of the same shape.
     *
     * @param hint a readable part of its name
     */
    public static String initializer(OnnxGraph graph, String hint, NDArray values) {
        return graph.floats(hint, values.toFloatArray(), values.getShape().getShape());
    }

    /**
     * {@code x · Wᵀ + b} over the last axis of {@code x} (any rank), W {@code units × in} in C order as DJL's Linear
     * holds it.
     *
     * @param bias the bias, or {@code null} for none
     */
    public static String linear(OnnxGraph graph, String x, float[] weight, int units, int in, NDArray bias) {
        float[] transposed = new float[weight.length];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < in; i++) {
                transposed[i * units + u] = weight[u * in + i];
            }
        }
        var product = graph.node("MatMul", List.of(x, graph.floats("linear_weight", transposed, in, units)));
        return bias == null ? product : graph.node("Add", List.of(product, initializer(graph, "linear_bias", bias)));
    }

    private static String linear(OnnxGraph graph, Linear linear, String input) {
        var params = linear.getDirectParameters();
        var bias = params.contains("bias") ? params.get("bias").getArray() : null;
        var weight = value(linear, params.get("weight"));
        // DJL keeps the input's shape without its last axis
        if (linear.describeInput().get(0).getValue().dimension() == 1) {
            // a batch of vectors: one Gemm, the weight as it is (transB)
            var in = new ArrayList<>(List.of(input, initializer(graph, "linear_weight", weight)));
            if (bias != null) {
                in.add(initializer(graph, "linear_bias", bias));
            }
            return graph.node("Gemm", in, attribute("transB", 1L));
        }
        var shape = weight.getShape();
        return linear(graph, input, weight.toFloatArray(), (int) shape.get(0), (int) shape.get(1), bias);
    }

    private static String conv(OnnxGraph graph, Convolution conv, String input) {
        var params = conv.getDirectParameters();
        var in = new ArrayList<>(List.of(input, initializer(graph, "conv_weight", value(conv, params.get("weight")))));
        if (conv.isIncludeBias()) {
            in.add(initializer(graph, "conv_bias", params.get("bias").getArray()));
        }
        long[] padding = conv.getPadding().getShape();
        return graph.node("Conv", in,
                ints("kernel_shape", conv.getKernelShape().getShape()),
                ints("strides", conv.getStride().getShape()),
                ints("pads", LongStream.concat(LongStream.of(padding), LongStream.of(padding)).toArray()),
                ints("dilations", conv.getDilation().getShape()),
                attribute("group", conv.getGroups()));
    }

    private static String batchNorm(OnnxGraph graph, BatchNorm norm, String input) {
        if ((int) field(norm, "axis") != 1 || !(boolean) field(norm, "center") || !(boolean) field(norm, "scale")) {
            throw new IllegalArgumentException("a BatchNorm is exported over axis 1 with its scale and shift only, got "
                    + "axis " + field(norm, "axis") + ", center " + field(norm, "center") + ", scale " + field(norm, "scale"));
        }
        var params = norm.getDirectParameters();
        var in = new ArrayList<String>();
        in.add(input);
        for (var name : List.of("gamma", "beta", "runningMean", "runningVar")) {
            in.add(initializer(graph, "bn_" + name, value(norm, params.get(name))));
        }
        return graph.node("BatchNormalization", in, attribute("epsilon", (float) field(norm, "epsilon")));
    }

    /**
     * ONNX's LayerNormalization normalizes over the axes from {@code axis} to the last: DJL's LayerNorm when its axes
     * are consecutive and end at the last (a token batch's width, as the ViT's).
     */
    private static String layerNorm(OnnxGraph graph, LayerNorm norm, String input) {
        int[] axes = (int[]) field(norm, "axis");
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] != axes[i - 1] + 1) {
                throw new IllegalArgumentException("a LayerNorm is exported over consecutive last axes, got axes "
                        + Arrays.toString(axes));
            }
        }
        var params = norm.getDirectParameters();
        return graph.node("LayerNormalization", List.of(input,
                        initializer(graph, "ln_gamma", value(norm, params.get("gamma"))),
                        initializer(graph, "ln_beta", value(norm, params.get("beta")))),
                attribute("axis", axes[0]), attribute("epsilon", (float) field(norm, "epsilon")));
    }

    /** A parameter's array, refusing a block not initialized yet. */
    private static NDArray value(Block block, Parameter parameter) {
        if (parameter == null || !parameter.isInitialized()) {
            throw new IllegalStateException("initialize the " + block.getClass().getSimpleName() + " before exporting it");
        }
        return parameter.getArray();
    }

    /**
     * A setting DJL keeps in a field without a getter (BatchNorm's epsilon and axis, LayerNorm's), read so that the
     * graph computes what the block computes rather than what its defaults would.
     */
    private static Object field(Block block, String name) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(block);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + name + " of a " + c.getName(), e);
            }
        }
        throw new IllegalStateException("this DJL's " + block.getClass().getName() + " has no field " + name
                + ": the ONNX export needs updating for it");
    }
}
