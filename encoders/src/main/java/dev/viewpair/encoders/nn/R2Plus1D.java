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
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds R(2+1)D {@link Encoder}s (Tran et al. 2018, "A Closer Look at Spatiotemporal Convolutions for Action
 * Recognition") with the architecture and module names of torchvision's {@code torchvision.models.video.r2plus1d_18}
 * ({@code stem.0}, {@code layer1.0.conv1.0.3}, {@code layer2.0.downsample.0}, …): every 3×3×3 convolution is factored
 * into a 1×3×3 spatial one to {@code midplanes} channels, batch norm, ReLU, and a 3×1×1 temporal one, where {@code
 * midplanes = ⌊27·in·out / (9·in + 3·out)⌋} keeps the parameters of the 3-D convolution it replaces. The stem is a
 * 1×7×7 convolution (stride 1×2×2) to 45 channels and a 3×1×1 one to 64; the first block of layers 2 to 4 halves time,
 * height and width. The embedding is the output of {@code layer4} averaged over time, height and width ({@code
 * 512·width} channels), torchvision's model with {@code fc = Identity}.
 *
 * <p>It takes frame stacks as the {@code frames} op makes them, {@code [3·T, H, W]} per sample (the RGB of frame 0,
 * then of frame 1, …), and reads a batch {@code N × 3T × H × W} as torchvision's {@code N × 3 × T × H × W} clips.
 *
 * <pre>{@code
 * Encoder small = R2Plus1D.builder().width(0.25).head(ProjectionHead.mlp(128, 64)).build();
 * }</pre>
 */
public final class R2Plus1D {
    /** The depths built here and their blocks per stage: torchvision's r2plus1d_18, and the paper's 34 layers. */
    private static final Map<Integer, int[]> BLOCKS = Map.of(18, new int[] {2, 2, 2, 2}, 34, new int[] {3, 4, 6, 3});
    /** The stem's middle channels in torchvision at width 1 (a number it fixes, not the midplanes formula's). */
    private static final int STEM_MIDDLE = 45;

    private R2Plus1D() {}

    /** A new builder: R(2+1)D-18, width 1, no projection head. */
    public static Builder builder() {
        return new Builder();
    }

    /** The embedding size at this width: {@code layer4}'s channels, {@code 8 · round(64·width)}. */
    public static int embeddingSize(double width) {
        return ResNet.baseWidth(width) * 8;
    }

    /** The middle channels of a (2+1)-D convolution of a block from {@code in} to {@code out} channels (Tran et al.). */
    static int midplanes(int in, int out) {
        return 27 * in * out / (9 * in + 3 * out);
    }

    /** Builder of an R(2+1)D {@link Encoder}. */
    public static final class Builder {
        private int depth = 18;
        private double width = 1;
        private ProjectionHead head;
        private Path init;

        private Builder() {}

        /** 18 (torchvision's r2plus1d_18) or 34. */
        public Builder depth(int depth) {
            if (!BLOCKS.containsKey(depth)) {
                throw new IllegalArgumentException("R(2+1)D depth must be 18 or 34, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /** Multiplies every stage's channels (64, 128, 256, 512 at 1) and the stem's 45, rounded to whole numbers. */
        public Builder width(double width) {
            if (!(width > 0)) {
                throw new IllegalArgumentException("R(2+1)D width must be positive, got " + width);
            }
            this.width = width;
            return this;
        }

        /** Adds this projection head ({@code null}, the default: none, the projection is the embedding). */
        public Builder head(ProjectionHead head) {
            this.head = head;
            return this;
        }

        /** Starts from the weights of a torchvision state dict saved as {@code .npz} ({@link TorchvisionWeights}). */
        public Builder init(Path npz) {
            this.init = npz;
            return this;
        }

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            int stemMiddle = Math.max(1, (int) Math.round(STEM_MIDDLE * width));
            var backbone = new Backbone(BLOCKS.get(depth), stemMiddle, ResNet.baseWidth(width), init);
            return ProjectionHead.encoder(backbone, backbone, embeddingSize(width), head, true);
        }
    }

    /** A 3-D convolution without bias (the batch norm after it shifts). */
    static Conv3d conv(int filters, Shape kernel, Shape stride, Shape padding) {
        return Conv3d.builder().setKernelShape(kernel).setFilters(filters).optStride(stride).optPadding(padding)
                .optBias(false).build();
    }

    /** stem, layer1 … layer4, global average pooling over time, height and width. */
    private static final class Backbone extends AbstractBlock implements TorchModule, OnnxExportable, StagedBackbone {
        private final Map<String, Block> modules = new LinkedHashMap<>();
        private final List<EncoderLayer> stages = new ArrayList<>();
        private final Path init;

        Backbone(int[] blocks, int stemMiddle, int base, Path init) {
            this.init = init;
            var stem = new TorchSequential(List.of(
                    conv(stemMiddle, new Shape(1, 7, 7), new Shape(1, 2, 2), new Shape(0, 3, 3)),
                    new BatchNorm(), new ParameterFree.Relu(),
                    conv(base, new Shape(3, 1, 1), new Shape(1, 1, 1), new Shape(1, 0, 0)),
                    new BatchNorm(), new ParameterFree.Relu()));
            modules.put("stem", addChildBlock("stem", stem));
            int in = base;
            for (int stage = 0; stage < blocks.length; stage++) {
                int width = base << stage;
                var stageBlocks = new ArrayList<R2Plus1dBlock>();
                for (int b = 0; b < blocks[stage]; b++) {
                    stageBlocks.add(new R2Plus1dBlock(in, width, b == 0 && stage > 0 ? 2 : 1));
                    in = width;
                }
                var name = "layer" + (stage + 1);
                modules.put(name, addChildBlock(name, new TorchSequential(stageBlocks)));
                stages.add(EncoderLayer.stage(stage + 1, true, width, "torchvision's " + name + ": " + width
                        + " channels over frames × height × width (positions T·H·W)"));
            }
        }

        @Override
        public List<EncoderLayer> stages() {
            return List.copyOf(stages);
        }

        @Override
        public NDArray forward(ParameterStore store, NDArray input, boolean training, Set<String> wanted,
                Map<String, LayerOutput> out) {
            var x = new NDList(clips(input));
            for (var e : modules.entrySet()) {
                x = e.getValue().forward(store, x, training);
                var stage = e.getKey().replace("layer", EncoderLayer.STAGE);
                if (wanted.contains(stage)) {
                    out.put(stage, LayerOutput.channelsFirst(x.singletonOrThrow()));
                }
            }
            var maps = x.singletonOrThrow();
            var s = maps.getShape();
            return maps.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        }

        @Override
        public Map<String, Block> modules() {
            return modules;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(forward(store, inputs.singletonOrThrow(), training, Set.of(), Map.of()));
        }

        /**
         * The clips as {@link #clips} makes them, the modules, then global average pooling over time, height and width
         * and a flattening to {@code N × C}.
         */
        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            // N × 1 × 3T × H × W, whose N, H and W a Reshape copies where its target says 0: N × T × 3 × H × W
            var stacked = graph.node("Unsqueeze", List.of(input, graph.longs("axes", false, 1)));
            var frames = graph.node("Reshape", List.of(stacked, graph.longs("clip_shape", false, 0, -1, 3, 0, 0)));
            var x = graph.node("Transpose", frames, ints("perm", 0, 2, 1, 3, 4));
            for (var module : modules.values()) {
                x = OnnxBlocks.export(graph, module, x);
            }
            return graph.node("Flatten", graph.node("GlobalAveragePool", x), attribute("axis", 1L));
        }

        /** {@code N × 3T × H × W} frame stacks as {@code N × 3 × T × H × W} clips. */
        private static NDArray clips(NDArray x) {
            var s = clipShape(x.getShape());
            return x.reshape(s.get(0), s.get(2), 3, s.get(3), s.get(4)).transpose(0, 2, 1, 3, 4);
        }

        private static Shape clipShape(Shape batch) {
            if (batch.dimension() != 4 || batch.get(1) % 3 != 0) {
                throw new IllegalArgumentException("r2plus1d encoder expects a batch of frame stacks N × 3T × H × W "
                        + "(the frames op's views: RGB of frame 0, then of frame 1, …), got shape " + batch);
            }
            return new Shape(batch.get(0), 3, batch.get(1) / 3, batch.get(2), batch.get(3));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            var shapes = new Shape[] {clipShape(inputShapes[0])};
            for (var module : modules.values()) {
                shapes = module.getOutputShapes(shapes);
            }
            return new Shape[] {new Shape(shapes[0].get(0), shapes[0].get(1))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            var shapes = new Shape[] {clipShape(inputShapes[0])};
            for (var module : modules.values()) {
                module.initialize(manager, dataType, shapes);
                shapes = module.getOutputShapes(shapes);
            }
            if (init != null) {
                try {
                    TorchvisionWeights.readInto(TorchModule.stateDict(this), init);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the initial weights " + init, e);
                }
            }
        }
    }
}
