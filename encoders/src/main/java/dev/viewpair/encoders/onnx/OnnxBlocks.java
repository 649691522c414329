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
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Writes a block into an ONNX graph: a block that exports itself ({@link OnnxExportable}), or one of DJL's blocks the
 * encoders are built of whose settings DJL makes readable — {@link SequentialBlock}, {@link Conv1d}, {@link Conv2d} and
 * {@link Conv3d} ({@code Conv}), {@link Linear} ({@code Gemm} on a batch of vectors, {@code MatMul} by the transposed
 * weight and {@code Add} of the bias on more axes). Any other block is refused with its class named: a DJL {@code
 * LambdaBlock}, whose function cannot be read, and DJL's {@link BatchNorm} and {@link LayerNorm}, whose epsilon and
 * axes DJL keeps to itself (the encoders use blocks of their own that export themselves).
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
        } else if (block instanceof Conv1d || block instanceof Conv2d || block instanceof Conv3d) {
            return conv(graph, (Convolution) block, input);
        } else if (block instanceof Linear linear) {
            return linear(graph, linear, input);
        }
        throw new NoOnnxForm(describe(block), "");
    }

    /** The block's class, a lambda's name, and why DJL's norms are refused. */
    private static String describe(Block block) {
        var what = "a " + block.getClass().getName();
        if (block instanceof LambdaBlock lambda) {
            return what + " '" + lambda.getName() + "'";
        } else if (block instanceof BatchNorm) {
            return what + " (DJL keeps its epsilon and axis private: build it as dev.viewpair.encoders.nn.BatchNorm)";
        } else if (block instanceof LayerNorm) {
            return what + " (DJL keeps its epsilon and axes in protected fields: a subclass that implements "
                    + OnnxExportable.class.getSimpleName() + " reads them, as dev.viewpair.encoders.nn.TokenNorm does)";
        }
        return what;
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

    /** A parameter's array, refusing a block not initialized yet. */
    public static NDArray value(Block block, Parameter parameter) {
        if (parameter == null || !parameter.isInitialized()) {
            throw new IllegalStateException("initialize the " + block.getClass().getSimpleName() + " before exporting it");
        }
        return parameter.getArray();
    }
}
