package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PyTorch's {@code nn.Sequential}: blocks applied in turn, named {@code 0}, {@code 1}, … as PyTorch names them. */
final class TorchSequential extends AbstractBlock implements TorchModule, OnnxExportable {
    private final Map<String, Block> modules = new LinkedHashMap<>();

    TorchSequential(List<? extends Block> blocks) {
        for (var block : blocks) {
            var name = String.valueOf(modules.size());
            modules.put(name, addChildBlock(name, block));
        }
    }

    @Override
    public Map<String, Block> modules() {
        return modules;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs;
        for (var block : modules.values()) {
            x = block.forward(store, x, training, params);
        }
        return x;
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var x = input;
        for (var block : modules.values()) {
            x = OnnxBlocks.export(graph, block, x);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        var shapes = inputShapes;
        for (var block : modules.values()) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        var shapes = inputShapes;
        for (var block : modules.values()) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
    }
}
