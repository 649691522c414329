package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One residual block of torchvision's ResNet, with its module names: the basic block (two 3×3 convolutions) or the
 * bottleneck (1×1, 3×3 with the stride as in torchvision's v1.5, 1×1 to four times the width), each convolution
 * followed by batch norm, ReLU between them and after the sum; the shortcut is the input, or {@code downsample} (1×1
 * convolution with the stride, then batch norm) when the stride or the number of channels changes.
 */
final class ResidualBlock extends AbstractBlock implements TorchModule, OnnxExportable {
    /** A bottleneck's output has four times its width in channels. */
    static final int EXPANSION = 4;

    private final Map<String, Block> modules = new LinkedHashMap<>();
    private final List<Block> convs = new ArrayList<>();
    private final List<Block> norms = new ArrayList<>();
    private final Block downsample;

    /**
     * @param in the input's channels
     * @param width the block's width (its output channels, or a quarter of them for a bottleneck)
     * @param stride 1, or 2 to halve the spatial size
     * @param bottleneck true for ResNet-50's bottleneck, false for the basic block of ResNet-18/34
     */
    ResidualBlock(int in, int width, int stride, boolean bottleneck) {
        if (bottleneck) {
            add(conv(width, 1, 1));
            add(conv(width, 3, stride));
            add(conv(width * EXPANSION, 1, 1));
        } else {
            add(conv(width, 3, stride));
            add(conv(width, 3, 1));
        }
        int out = bottleneck ? width * EXPANSION : width;
        if (stride != 1 || in != out) {
            downsample = addChildBlock("downsample", new TorchSequential(List.of(conv(out, 1, stride), new BatchNorm())));
            modules.put("downsample", downsample);
        } else {
            downsample = null;
        }
    }

    /**
     * The state-dict shapes of the block {@link #ResidualBlock(int, int, int, boolean)} builds, under {@code prefix}
     * ({@code layer1.0.}), in PyTorch's order, without building it.
     */
    static void stateDictShapes(String prefix, long in, int width, int stride, boolean bottleneck, Map<String, long[]> out) {
        int[][] convs = bottleneck ? new int[][] {{width, 1}, {width, 3}, {width * EXPANSION, 1}}
                : new int[][] {{width, 3}, {width, 3}};
        long channels = in;
        for (int i = 0; i < convs.length; i++) {
            out.put(prefix + "conv" + (i + 1) + ".weight", new long[] {convs[i][0], channels, convs[i][1], convs[i][1]});
            batchNormShapes(prefix + "bn" + (i + 1) + ".", convs[i][0], out);
            channels = convs[i][0];
        }
        if (stride != 1 || in != channels) {
            out.put(prefix + "downsample.0.weight", new long[] {channels, in, 1, 1});
            batchNormShapes(prefix + "downsample.1.", channels, out);
        }
    }

    /** A batch norm's state-dict shapes: {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}. */
    static void batchNormShapes(String prefix, long channels, Map<String, long[]> out) {
        for (var key : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            out.put(prefix + key, new long[] {channels});
        }
    }

    /** A convolution without bias (the batch norm after it shifts), padded to keep the size at stride 1. */
    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }

    private void add(Conv2d conv) {
        int n = convs.size() + 1;
        convs.add(conv);
        norms.add(new BatchNorm());
        modules.put("conv" + n, addChildBlock("conv" + n, conv));
        modules.put("bn" + n, addChildBlock("bn" + n, norms.get(n - 1)));
    }

    @Override
    public Map<String, Block> modules() {
        return modules;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = x;
        for (int i = 0; i < convs.size(); i++) {
            out = convs.get(i).forward(store, new NDList(out), training, params).singletonOrThrow();
            out = norms.get(i).forward(store, new NDList(out), training, params).singletonOrThrow();
            if (i < convs.size() - 1) {
                out = Activation.relu(out);
            }
        }
        NDArray shortcut = downsample == null ? x : downsample.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(out.add(shortcut)));
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var out = input;
        for (int i = 0; i < convs.size(); i++) {
            out = OnnxBlocks.export(graph, norms.get(i), OnnxBlocks.export(graph, convs.get(i), out));
            if (i < convs.size() - 1) {
                out = graph.node("Relu", out);
            }
        }
        var shortcut = downsample == null ? input : OnnxBlocks.export(graph, downsample, input);
        return graph.node("Relu", graph.node("Add", List.of(out, shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        var shapes = inputShapes;
        for (var conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        var shapes = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shapes);
            shapes = convs.get(i).getOutputShapes(shapes);
            norms.get(i).initialize(manager, dataType, shapes);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }
}
