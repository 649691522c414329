package dev.viewpair.encoders.nn;

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
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.List;

/**
 * One pre-norm transformer encoder block on a {@code B×T×D} token batch, as ViT's: {@code x + attn(norm1(x))}, then
 * {@code x + fc2(gelu(fc1(norm2(x))))}, the MLP widening to {@code hidden} and back to {@code D}. Nothing in it depends on the
 * order of the tokens: shuffling the tokens in shuffles them out.
 */
public final class TransformerBlock extends AbstractBlock implements OnnxExportable {
    private static final byte VERSION = 1;

    private final TokenNorm norm1;
    private final SelfAttention attention;
    private final TokenNorm norm2;
    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param width D, the token width
     * @param heads attention heads; must divide {@code width}
     * @param hidden the MLP's hidden width
     */
    public TransformerBlock(int width, int heads, int hidden) {
        super(VERSION);
        if (hidden <= 0) {
            throw new IllegalArgumentException("transformer block needs a positive MLP width, got " + hidden);
        }
        this.norm1 = addChildBlock("norm1", new TokenNorm());
        this.attention = addChildBlock("attn", new SelfAttention(width, heads));
        this.norm2 = addChildBlock("norm2", new TokenNorm());
        this.fc1 = addChildBlock("fc1", Linear.builder().setUnits(hidden).build());
        this.fc2 = addChildBlock("fc2", Linear.builder().setUnits(width).build());
    }

    /** Its attention, for reading the weights of a token batch ({@link SelfAttention#weights}). */
    public SelfAttention attention() {
        return attention;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray attended = x.add(attention.forward(store, norm1.forward(store, inputs, training), training).singletonOrThrow());
        NDList normed = norm2.forward(store, new NDList(attended), training);
        NDList hidden = new NDList(Activation.gelu(fc1.forward(store, normed, training).singletonOrThrow()));
        return new NDList(attended.add(fc2.forward(store, hidden, training).singletonOrThrow()));
    }

    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var attended = graph.node("Add", List.of(input,
                OnnxBlocks.export(graph, attention, OnnxBlocks.export(graph, norm1, input))));
        var hidden = new ParameterFree.Gelu().toOnnx(graph,
                OnnxBlocks.export(graph, fc1, OnnxBlocks.export(graph, norm2, attended)));
        return graph.node("Add", List.of(attended, OnnxBlocks.export(graph, fc2, hidden)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm1.initialize(manager, dataType, inputShapes);
        attention.initialize(manager, dataType, inputShapes);
        norm2.initialize(manager, dataType, inputShapes);
        fc1.initialize(manager, dataType, inputShapes);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(inputShapes));
    }
}
