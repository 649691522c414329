package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;
import static dev.viewpair.encoders.onnx.OnnxGraph.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.List;

/**
 * Multi-head self-attention over a {@code B×T×D} token batch, as in "Attention Is All You Need" and ViT: one Linear
 * to queries, keys and values of every head ({@code qkv}, {@code D → 3D}), per head {@code softmax(q kᵀ / √(D/h)) v},
 * the heads concatenated and mixed by a Linear ({@code proj}, {@code D → D}). Tokens attend to every token; no mask.
 */
public final class SelfAttention extends AbstractBlock implements OnnxExportable {
    private static final byte VERSION = 1;

    private final int width;
    private final int heads;
    private final Linear qkv;
    private final Linear proj;

    /**
     * @param width D, the token width
     * @param heads the number of heads; must divide {@code width}
     */
    public SelfAttention(int width, int heads) {
        super(VERSION);
        if (width <= 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("self-attention needs a positive width divisible by a positive number of"
                    + " heads, got width " + width + " and " + heads + " heads");
        }
        this.width = width;
        this.heads = heads;
        this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
        this.proj = addChildBlock("proj", Linear.builder().setUnits(width).build());
    }

    /**
     * The attention weights of every head: {@code B×heads×T×T}, each row a distribution over the tokens attended to.
     *
     * @param x a {@code B×T×D} token batch
     */
    public NDArray weights(ParameterStore store, NDArray x, boolean training) {
        var qkvHeads = queriesKeysValues(store, x, training);
        return weights(qkvHeads.get(0), qkvHeads.get(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        var qkvHeads = queriesKeysValues(store, x, training);
        NDArray mixed = weights(qkvHeads.get(0), qkvHeads.get(1)).matMul(qkvHeads.get(2)) // B×h×T×hd
                .transpose(0, 2, 1, 3)
                .reshape(shape.get(0), shape.get(1), width);
        return proj.forward(store, new NDList(mixed), training);
    }

    /** Queries, keys and values, each {@code B×heads×T×(D/heads)}. */
    private NDList queriesKeysValues(ParameterStore store, NDArray x, boolean training) {
        Shape shape = x.getShape();
        if (shape.dimension() != 3 || shape.get(2) != width) {
            throw new IllegalArgumentException("self-attention of width " + width + " takes B×T×" + width
                    + " tokens, got shape " + shape);
        }
        NDArray all = qkv.forward(store, new NDList(x), training).singletonOrThrow()
                .reshape(shape.get(0), shape.get(1), 3, heads, width / heads)
                .transpose(2, 0, 3, 1, 4); // 3×B×h×T×hd
        return new NDList(all.get(0), all.get(1), all.get(2));
    }

    private NDArray weights(NDArray queries, NDArray keys) {
        double scale = 1 / Math.sqrt(width / (double) heads);
        return queries.matMul(keys.transpose(0, 1, 3, 2)).mul(scale).softmax(-1);
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var all = graph.node("Transpose", graph.node("Reshape", List.of(OnnxBlocks.export(graph, qkv, input),
                graph.longs("qkv_shape", false, 0, 0, 3, heads, width / heads))), ints("perm", 2, 0, 3, 1, 4));
        var qkvHeads = new String[3];
        for (int i = 0; i < 3; i++) {
            qkvHeads[i] = graph.node("Gather", List.of(all, graph.longs("index", true, i)), attribute("axis", 0L));
        }
        var keysT = graph.node("Transpose", qkvHeads[1], ints("perm", 0, 1, 3, 2));
        var scores = graph.node("Mul", List.of(graph.node("MatMul", List.of(qkvHeads[0], keysT)),
                graph.scalar((float) (1 / Math.sqrt(width / (double) heads)))));
        var mixed = graph.node("MatMul", List.of(graph.node("Softmax", scores, attribute("axis", -1L)), qkvHeads[2]));
        var merged = graph.node("Reshape", List.of(graph.node("Transpose", mixed, ints("perm", 0, 2, 1, 3)),
                graph.longs("merged_shape", false, 0, 0, width)));
        return OnnxBlocks.export(graph, proj, merged);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes);
        proj.initialize(manager, dataType, inputShapes);
    }
}
