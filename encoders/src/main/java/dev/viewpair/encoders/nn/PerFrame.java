package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;
import static dev.viewpair.encoders.onnx.OnnxGraph.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 2-D backbone applied to each frame of a frame stack, its embeddings pooled over time: a batch of {@code N × 3T ×
 * H × W} stacks (the {@code frames} op's views: RGB of frame 0, then of frame 1, …) goes through the backbone as {@code
 * N·T × 3 × H × W} images, and the {@code N·T × d} embeddings are averaged (or maxed) over the {@code T} frames of each
 * sample. The weights are the backbone's: one set for every frame. An encoder type offers it with its own {@link
 * #PARAM} and builds it with {@link #of(Params, Encoder)}.
 */
public final class PerFrame extends AbstractBlock implements OnnxExportable {
    /** How the frames' embeddings become the clip's. */
    public enum Pooling {
        /** The embedding is the mean of the frames' (TSN's average consensus). */
        MEAN,
        /** The largest value of each feature over the frames. */
        MAX;

        /** The name a recipe uses: {@code mean}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The recipe parameter of the types that offer it: {@code per_frame: mean}. */
    public static final Param PARAM = new Param("per_frame", ParamType.STRING, Param.Unset.NONE, null, null,
            "mean or max: the backbone runs on each frame of frame stacks (the frames op's views) and its embeddings are"
                    + " pooled over time; left out, the view's channels go in as they are",
            false, false, Arrays.stream(Pooling.values()).map(Pooling::key).toList());

    private final Block frame;
    private final Pooling pooling;

    /**
     * @param frame the 2-D backbone, images → embeddings
     * @param pooling how the frames' embeddings are pooled
     */
    public PerFrame(Block frame, Pooling pooling) {
        this.frame = addChildBlock("frame", frame);
        this.pooling = pooling;
    }

    /** Whether the checked values ask for per-frame application ({@code per_frame} given). */
    public static boolean asked(Params v) {
        return v.has(PARAM.name());
    }

    /** {@code encoder} as it is, or applied per frame when the checked values ask for it. */
    public static Encoder of(Params v, Encoder encoder) {
        if (!asked(v)) {
            return encoder;
        }
        var pooling = Pooling.valueOf(v.string(PARAM.name()).toUpperCase(Locale.ROOT));
        return new Encoder(new PerFrame(encoder.backbone(), pooling), encoder.dim(), encoder.head(), encoder.projectionDim(), true);
    }

    /** The 2-D backbone each frame goes through. */
    public Block frame() {
        return frame;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        var s = frames(x.getShape());
        var embeddings = frame.forward(store, new NDList(x.reshape(s)), training, params).singletonOrThrow();
        var perClip = embeddings.reshape(x.getShape().get(0), x.getShape().get(1) / 3, -1);
        return new NDList(pool(perClip));
    }

    private NDArray pool(NDArray perClip) {
        return pooling == Pooling.MEAN ? perClip.mean(new int[] {1}) : perClip.max(new int[] {1});
    }

    /**
     * The frames through the backbone, its {@code N·T × d} embeddings reshaped to {@code N × T × d} (N read from the
     * input, d from the embeddings) and reduced over the frames ({@code ReduceMean} or {@code ReduceMax}, whose axes
     * are an attribute at opset 17).
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        // a Reshape copies H and W where its target says 0
        var images = graph.node("Reshape", List.of(input, graph.longs("frame_shape", false, -1, 3, 0, 0)));
        var embeddings = OnnxBlocks.export(graph, frame, images);
        var perClip = graph.node("Concat", List.of(graph.node("Shape", input, attribute("end", 1L)),
                graph.longs("frames", false, -1), graph.node("Shape", embeddings, attribute("start", 1L))),
                attribute("axis", 0L));
        var clips = graph.node("Reshape", List.of(embeddings, perClip));
        return graph.node(pooling == Pooling.MEAN ? "ReduceMean" : "ReduceMax", clips, ints("axes", 1),
                attribute("keepdims", 0L));
    }

    /** {@code N × 3T × H × W} stacks as {@code N·T × 3 × H × W} frames. */
    private static Shape frames(Shape batch) {
        if (batch.dimension() != 4 || batch.get(1) % 3 != 0) {
            throw new IllegalArgumentException("an encoder with per_frame expects a batch of frame stacks N × 3T × H × W"
                    + " (the frames op's views: RGB of frame 0, then of frame 1, …), got shape " + batch);
        }
        return new Shape(batch.get(0) * (batch.get(1) / 3), 3, batch.get(2), batch.get(3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        var perFrame = frame.getOutputShapes(new Shape[] {frames(inputShapes[0])})[0];
        return new Shape[] {new Shape(inputShapes[0].get(0), perFrame.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        frame.initialize(manager, dataType, frames(inputShapes[0]));
    }
}
