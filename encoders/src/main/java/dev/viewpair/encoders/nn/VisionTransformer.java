package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;
import static dev.viewpair.encoders.onnx.OnnxGraph.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Vision Transformer backbone ("An Image is Worth 16×16 Words", Dosovitskiy et al. 2021; timm's {@code vit_tiny},
 * {@code vit_small}) from a {@code B×C×H×W} batch to a {@code B×width} embedding: the image cut into
 * {@code patch × patch} patches by a strided convolution ({@code patch_embed}), a learned class token ({@code
 * cls_token}) before them, learned position embeddings ({@code pos_embed}, one per patch of the first batch's size and
 * one for the class token), {@link TransformerBlock}s, a final LayerNorm, and the class token or the mean of the patch
 * tokens as the embedding. The position embeddings fix the number of patches, so every batch has the first one's size.
 *
 * <pre>{@code
 * Encoder tiny = VisionTransformer.builder().patch(16).depth(12).width(192).heads(3).build(); // ViT-Ti/16
 * }</pre>
 */
public final class VisionTransformer extends AbstractBlock implements OnnxExportable, StagedBackbone {
    private static final byte VERSION = 1;
    /** timm's standard deviation for the class token and position embeddings. */
    private static final float EMBEDDING_STD = 0.02f;

    /** What the embedding is made of. */
    public enum Pooling {
        /** The class token after the final LayerNorm. */
        CLS,
        /** The mean of the patch tokens (the class token left out) after the final LayerNorm. */
        MEAN
    }

    private final int patch;
    private final int width;
    private final Pooling pooling;
    private final Conv2d patchEmbedding;
    private final Parameter classToken;
    private final Parameter positions;
    private final SequentialBlock blocks;
    private final TokenNorm norm;

    private VisionTransformer(Builder b) {
        super(VERSION);
        this.patch = b.patch;
        this.width = b.width;
        this.pooling = b.pooling;
        this.patchEmbedding = addChildBlock("patch_embed", Conv2d.builder()
                .setKernelShape(new Shape(patch, patch))
                .optStride(new Shape(patch, patch))
                .setFilters(width)
                .build());
        this.classToken = addParameter(embedding("cls_token"));
        this.positions = addParameter(embedding("pos_embed"));
        this.blocks = addChildBlock("blocks", new SequentialBlock());
        int hidden = mlpHidden(width, b.mlpRatio);
        for (int i = 0; i < b.depth; i++) {
            blocks.add(new TransformerBlock(width, b.heads, hidden));
        }
        this.norm = addChildBlock("norm", new TokenNorm());
    }

    private static Parameter embedding(String name) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new TruncatedNormalInitializer(EMBEDDING_STD))
                .build();
    }

    /** The MLP's hidden width: {@code width × mlpRatio} rounded down, as timm's {@code int(dim * mlp_ratio)}. */
    static int mlpHidden(int width, double mlpRatio) {
        return (int) (width * mlpRatio);
    }

    /** A new builder; its defaults are ViT-Tiny/16's. */
    public static Builder builder() {
        return new Builder();
    }

    /** Block k's output tokens ({@code stage1} … {@code stage<depth>}), the class token left out. */
    @Override
    public List<EncoderLayer> stages() {
        var stages = new ArrayList<EncoderLayer>();
        for (int i = 1; i <= blocks.getChildren().size(); i++) {
            stages.add(EncoderLayer.stage(i, true, width, "transformer block " + i + "'s patch tokens (class token left"
                    + " out, before the final LayerNorm): " + width + " wide, one per patch"));
        }
        return stages;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training, Set.of(), Map.of()));
    }

    @Override
    public NDArray forward(ParameterStore store, NDArray x, boolean training, Set<String> wanted,
            Map<String, LayerOutput> out) {
        long tokens = checkedPatches(x.getShape()) + 1;
        long batch = x.getShape().get(0);
        NDArray grid = patchEmbedding.forward(store, new NDList(x), training).singletonOrThrow(); // B×D×h×w
        NDArray patches = grid.reshape(batch, width, -1).transpose(0, 2, 1);
        NDArray cls = store.getValue(classToken, x.getDevice(), training).broadcast(batch, 1, width);
        NDArray pos = store.getValue(positions, x.getDevice(), training);
        if (pos.getShape().get(1) != tokens) {
            throw new IllegalArgumentException("vit encoder was set up for " + (pos.getShape().get(1) - 1)
                    + " patches but got a batch of shape " + x.getShape() + " (" + (tokens - 1) + " patches of " + patch
                    + "×" + patch + "): its position embeddings fix the view size, so feed views of the first one's size");
        }
        var tokenGrid = grid.getShape().slice(2);
        var current = new NDList(cls.concat(patches, 1).add(pos));
        int index = 1;
        for (var block : blocks.getChildren().values()) {
            current = block.forward(store, current, training);
            String stage = EncoderLayer.STAGE + index++;
            if (wanted.contains(stage)) {
                out.put(stage, new LayerOutput(current.singletonOrThrow().get(new NDIndex(":, 1:, :")), tokenGrid));
            }
        }
        NDArray encoded = norm.forward(store, current, training).singletonOrThrow();
        return pooling == Pooling.CLS ? encoded.get(new NDIndex(":, 0, :"))
                : encoded.get(new NDIndex(":, 1:, :")).mean(new int[] {1});
    }

    /**
     * The graph of the forward pass: the class token is expanded to the batch's size (read from the input's shape), and
     * the input must have the size the position embeddings were made for, as the graph's input declares.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var patches = graph.node("Transpose", graph.node("Reshape", List.of(OnnxBlocks.export(graph, patchEmbedding, input),
                graph.longs("patches_shape", false, 0, width, -1))), ints("perm", 0, 2, 1));
        var batch = graph.node("Shape", input, attribute("start", 0L), attribute("end", 1L));
        var clsShape = graph.node("Concat", List.of(batch, graph.longs("cls_dims", false, 1, width)), attribute("axis", 0L));
        var cls = graph.node("Expand", List.of(OnnxBlocks.initializer(graph, "cls_token", classToken.getArray()), clsShape));
        var tokens = graph.node("Add", List.of(graph.node("Concat", List.of(cls, patches), attribute("axis", 1L)),
                OnnxBlocks.initializer(graph, "pos_embed", positions.getArray())));
        var encoded = OnnxBlocks.export(graph, norm, OnnxBlocks.export(graph, blocks, tokens));
        if (pooling == Pooling.CLS) {
            return graph.node("Gather", List.of(encoded, graph.longs("cls_index", true, 0)), attribute("axis", 1L));
        }
        var patchTokens = graph.node("Slice", List.of(encoded, graph.longs("starts", false, 1),
                graph.longs("ends", false, Long.MAX_VALUE), graph.longs("axes", false, 1)));
        return graph.node("ReduceMean", patchTokens, ints("axes", 1), attribute("keepdims", 0L));
    }

    /** The number of patches of a batch, failing with the shape in the message on one it cannot cut. */
    private long checkedPatches(Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("vit encoder expects a B×C×H×W batch (images CHW, spectrograms "
                    + "1×bins×frames), got shape " + shape);
        }
        if (shape.get(2) % patch != 0 || shape.get(3) % patch != 0) {
            throw new IllegalArgumentException("vit encoder with patch " + patch + " needs H and W divisible by "
                    + patch + ", got shape " + shape + ": resize or crop the views, or choose a patch that divides them");
        }
        return (shape.get(2) / patch) * (shape.get(3) / patch);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        classToken.setShape(new Shape(1, 1, width));
        positions.setShape(new Shape(1, checkedPatches(inputShapes[0]) + 1, width));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(manager, dataType, inputShapes);
        var tokens = new Shape(inputShapes[0].get(0), checkedPatches(inputShapes[0]) + 1, width);
        blocks.initialize(manager, dataType, tokens);
        norm.initialize(manager, dataType, tokens);
    }

    /** Builder of a ViT {@link Encoder}. */
    public static final class Builder {
        private int patch = 16;
        private int depth = 12;
        private int width = 192;
        private int heads = 3;
        private double mlpRatio = 4;
        private Pooling pooling = Pooling.CLS;
        private ProjectionHead head;

        private Builder() {}

        /** The side of the square patches (16). */
        public Builder patch(int patch) {
            this.patch = patch;
            return this;
        }

        /** The number of transformer blocks (12). */
        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        /** The token width, which is the embedding dimension (192). */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** Attention heads per block (3); must divide the width. */
        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        /** The MLP's hidden width as a multiple of the width (4). */
        public Builder mlpRatio(double mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        /** The class token or the mean of the patch tokens ({@link Pooling#CLS}). */
        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Adds this projection head ({@code null}, the default: none, the projection is the embedding). */
        public Builder head(ProjectionHead head) {
            this.head = head;
            return this;
        }

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            if (patch <= 0 || depth <= 0 || width <= 0 || heads <= 0 || mlpRatio <= 0 || width % heads != 0) {
                throw new IllegalArgumentException("vit encoder needs positive patch, depth, width, heads and mlp_ratio"
                        + " with width divisible by heads, got patch " + patch + ", depth " + depth + ", width " + width
                        + ", heads " + heads + ", mlp_ratio " + mlpRatio);
            }
            var backbone = new VisionTransformer(this);
            // the position embeddings fix the token count: not pooled over space
            return ProjectionHead.encoder(backbone, backbone, width, head, false);
        }
    }
}
