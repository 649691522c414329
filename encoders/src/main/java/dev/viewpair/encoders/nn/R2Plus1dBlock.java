package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One basic block of torchvision's video ResNet with (2+1)-D convolutions, with its module names: {@code conv1} =
 * (Conv2Plus1D, batch norm, ReLU), {@code conv2} = (Conv2Plus1D, batch norm), ReLU after the sum with the shortcut;
 * a Conv2Plus1D is (1×3×3 convolution with the spatial stride to {@code midplanes}, batch norm, ReLU, 3×1×1 convolution
 * with the temporal stride), both of the block's taking the midplanes of its input and output channels, as
 * torchvision's do. The shortcut is the input, or {@code downsample} (1×1×1 convolution with the stride in time,
 * height and width, then batch norm) when the stride or the number of channels changes.
 */
final class R2Plus1dBlock extends AbstractBlock implements TorchModule, OnnxExportable {
    private final Map<String, Block> modules = new LinkedHashMap<>();
    private final Block main;
    private final Block downsample;

    /**
     * @param in the input's channels
     * @param out the block's output channels
     * @param stride 1, or 2 to halve time, height and width
     */
    R2Plus1dBlock(int in, int out, int stride) {
        int mid = R2Plus1D.midplanes(in, out);
        var conv1 = new TorchSequential(List.of(conv2Plus1d(mid, out, stride), new BatchNorm(), new ParameterFree.Relu()));
        var conv2 = new TorchSequential(List.of(conv2Plus1d(mid, out, 1), new BatchNorm()));
        modules.put("conv1", conv1);
        modules.put("conv2", conv2);
        main = addChildBlock("main", new TorchSequential(List.of(conv1, conv2)));
        if (stride != 1 || in != out) {
            var s = new Shape(stride, stride, stride);
            downsample = addChildBlock("downsample", new TorchSequential(List.of(
                    R2Plus1D.conv(out, new Shape(1, 1, 1), s, new Shape(0, 0, 0)), new BatchNorm())));
            modules.put("downsample", downsample);
        } else {
            downsample = null;
        }
    }

    /** torchvision's Conv2Plus1D: a spatial convolution to {@code mid} channels, batch norm, ReLU, a temporal one. */
    private static TorchSequential conv2Plus1d(int mid, int out, int stride) {
        return new TorchSequential(List.of(
                R2Plus1D.conv(mid, new Shape(1, 3, 3), new Shape(1, stride, stride), new Shape(0, 1, 1)),
                new BatchNorm(), new ParameterFree.Relu(),
                R2Plus1D.conv(out, new Shape(3, 1, 1), new Shape(stride, 1, 1), new Shape(1, 0, 0))));
    }

    @Override
    public Map<String, Block> modules() {
        return modules;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        var out = main.forward(store, inputs, training, params).singletonOrThrow();
        var shortcut = downsample == null ? inputs.singletonOrThrow() : downsample.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(out.add(shortcut)));
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var out = OnnxBlocks.export(graph, main, input);
        var shortcut = downsample == null ? input : OnnxBlocks.export(graph, downsample, input);
        return graph.node("Relu", graph.node("Add", List.of(out, shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }
}
