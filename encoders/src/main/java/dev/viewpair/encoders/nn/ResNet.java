package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;

import ai.djl.ndarray.NDArray;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds ResNet {@link Encoder}s with torchvision's architecture and module names ({@code conv1}, {@code bn1},
 * {@code layer1.0.conv1}, {@code layer2.0.downsample.0}, …): ResNet-18/34 of basic blocks, ResNet-50 of bottlenecks.
 * The embedding is the globally average-pooled output of {@code layer4} ({@code 512·width} channels for 18/34,
 * {@code 2048·width} for 50), torchvision's model with {@code fc = Identity}. The input's channels come from the first
 * batch: 3 for images, 1 for spectrograms.
 *
 * <pre>{@code
 * Encoder cifar = ResNet.builder().depth(18).stem(ResNet.Stem.CIFAR).width(0.5).head(ProjectionHead.mlp(256, 128)).build();
 * }</pre>
 */
public final class ResNet {
    private ResNet() {}

    /** The depths torchvision defines here, and their blocks per stage. */
    private static final Map<Integer, int[]> BLOCKS = Map.of(18, new int[] {2, 2, 2, 2}, 34, new int[] {3, 4, 6, 3},
            50, new int[] {3, 4, 6, 3});

    /** The first layers, before {@code layer1}. */
    public enum Stem {
        /** torchvision's: a 7×7 stride-2 convolution, then a 3×3 stride-2 max-pool (a quarter of the input's side). */
        IMAGENET,
        /** For small images (CIFAR, as SimCLR and solo-learn use it): a 3×3 stride-1 convolution and no max-pool. */
        CIFAR
    }

    /** A new builder: ResNet-18, ImageNet stem, width 1, no projection head. */
    public static Builder builder() {
        return new Builder();
    }

    /** The channels of the first stage, {@code 64·width} rounded, at least 1. */
    public static int baseWidth(double width) {
        return Math.max(1, (int) Math.round(64 * width));
    }

    /** The embedding size of a ResNet of this depth and width: {@code layer4}'s channels. */
    public static int embeddingSize(int depth, double width) {
        return baseWidth(width) * 8 * (depth >= 50 ? ResidualBlock.EXPANSION : 1);
    }

    /** Builder of a ResNet {@link Encoder}. */
    public static final class Builder {
        private int depth = 18;
        private Stem stem = Stem.IMAGENET;
        private double width = 1;
        private ProjectionHead head;
        private Path init;

        private Builder() {}

        /** 18, 34 or 50. */
        public Builder depth(int depth) {
            if (!BLOCKS.containsKey(depth)) {
                throw new IllegalArgumentException("ResNet depth must be 18, 34 or 50, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /** The stem (default {@link Stem#IMAGENET}). */
        public Builder stem(Stem stem) {
            this.stem = stem;
            return this;
        }

        /** Multiplies every stage's channels (64, 128, 256, 512 at 1), rounded to whole numbers. */
        public Builder width(double width) {
            if (!(width > 0)) {
                throw new IllegalArgumentException("ResNet width must be positive, got " + width);
            }
            this.width = width;
            return this;
        }

        /** Adds this projection head ({@code null}, the default: none, the projection is the embedding). */
        public Builder head(ProjectionHead head) {
            this.head = head;
            return this;
        }

        /**
         * Starts from the weights of a torchvision state dict saved as {@code .npz} ({@link TorchvisionWeights}), read
         * when the encoder is initialized.
         */
        public Builder init(Path npz) {
            this.init = npz;
            return this;
        }

        /**
         * The backbone's torchvision state-dict shapes on views of this many channels, by key in torchvision's order
         * ({@code conv1.weight} … {@code layer4.1.bn2.running_var}), without building it: what an {@code init} file
         * must hold.
         */
        public Map<String, long[]> stateDictShapes(long channels) {
            var shapes = new LinkedHashMap<String, long[]>();
            int base = baseWidth(width);
            int kernel = stem == Stem.IMAGENET ? 7 : 3;
            shapes.put("conv1.weight", new long[] {base, channels, kernel, kernel});
            ResidualBlock.batchNormShapes("bn1.", base, shapes);
            int[] blocks = BLOCKS.get(depth);
            boolean bottleneck = depth >= 50;
            long in = base;
            for (int stage = 0; stage < blocks.length; stage++) {
                int stageWidth = base << stage;
                for (int b = 0; b < blocks[stage]; b++) {
                    ResidualBlock.stateDictShapes("layer" + (stage + 1) + "." + b + ".", in, stageWidth,
                            b == 0 && stage > 0 ? 2 : 1, bottleneck, shapes);
                    in = bottleneck ? stageWidth * ResidualBlock.EXPANSION : stageWidth;
                }
            }
            return shapes;
        }

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            int dim = embeddingSize(depth, width);
            var backbone = new Backbone(BLOCKS.get(depth), depth >= 50, baseWidth(width), stem, init);
            return ProjectionHead.encoder(backbone, backbone, dim, head, true);
        }
    }

    /** conv1, bn1, (max-pool), layer1 … layer4 (the stages stage1 … stage4), global average pooling. */
    private static final class Backbone extends AbstractBlock implements TorchModule, OnnxExportable, StagedBackbone {
        private final Map<String, Block> modules = new LinkedHashMap<>();
        private final List<EncoderLayer> stages = new ArrayList<>();
        /** The ImageNet stem's 3×3 stride-2 max-pool (padding 1) after conv1, bn1 and ReLU; none for the CIFAR stem. */
        private final ParameterFree.MaxPool2d stemPool;
        private final Path init;

        Backbone(int[] blocks, boolean bottleneck, int base, Stem stem, Path init) {
            this.stemPool = stem == Stem.IMAGENET ? new ParameterFree.MaxPool2d(3, 2, 1) : null;
            this.init = init;
            var conv1 = stem == Stem.IMAGENET ? ResidualBlock.conv(base, 7, 2) : ResidualBlock.conv(base, 3, 1);
            modules.put("conv1", addChildBlock("conv1", conv1));
            modules.put("bn1", addChildBlock("bn1", new BatchNorm()));
            int in = base;
            for (int stage = 0; stage < blocks.length; stage++) {
                int width = base << stage;
                var stageBlocks = new ArrayList<ResidualBlock>();
                for (int b = 0; b < blocks[stage]; b++) {
                    stageBlocks.add(new ResidualBlock(in, width, b == 0 && stage > 0 ? 2 : 1, bottleneck));
                    in = bottleneck ? width * ResidualBlock.EXPANSION : width;
                }
                var name = "layer" + (stage + 1);
                modules.put(name, addChildBlock(name, new TorchSequential(stageBlocks)));
                stages.add(EncoderLayer.stage(stage + 1, true, in, "torchvision's " + name + ": " + in + " channels at 1/"
                        + ((stem == Stem.IMAGENET ? 4 : 1) << stage) + " of the view's height and width"));
            }
        }

        @Override
        public Map<String, Block> modules() {
            return modules;
        }

        @Override
        public List<EncoderLayer> stages() {
            return List.copyOf(stages);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(forward(store, inputs.singletonOrThrow(), training, Set.of(), Map.of()));
        }

        @Override
        public NDArray forward(ParameterStore store, NDArray input, boolean training, Set<String> wanted,
                Map<String, LayerOutput> out) {
            var shape = input.getShape();
            if (shape.dimension() != 4) {
                throw new IllegalArgumentException("resnet encoder expects a B×C×H×W batch "
                        + "(images CHW, spectrograms 1×bins×frames), got shape " + shape);
            }
            var x = new NDList(input);
            for (var e : modules.entrySet()) {
                x = e.getValue().forward(store, x, training);
                if (e.getKey().equals("bn1")) {
                    x = new NDList(stemEnd(Activation.relu(x.singletonOrThrow())));
                }
                var stage = e.getKey().replace("layer", EncoderLayer.STAGE);
                if (wanted.contains(stage)) {
                    out.put(stage, LayerOutput.channelsFirst(x.singletonOrThrow()));
                }
            }
            var maps = x.singletonOrThrow();
            var s = maps.getShape(); // global average pooling
            return maps.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input) {
            var x = input;
            for (var e : modules.entrySet()) {
                x = OnnxBlocks.export(graph, e.getValue(), x);
                if (e.getKey().equals("bn1")) {
                    x = graph.node("Relu", x);
                    if (stemPool != null) {
                        x = stemPool.toOnnx(graph, x);
                    }
                }
            }
            return graph.node("Flatten", graph.node("GlobalAveragePool", x), attribute("axis", 1L));
        }

        private NDArray stemEnd(NDArray x) {
            return stemPool == null ? x : stemPool.apply(x);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            var shapes = stemEnd(modules.get("conv1").getOutputShapes(inputShapes));
            for (int stage = 1; stage <= 4; stage++) {
                shapes = modules.get("layer" + stage).getOutputShapes(shapes);
            }
            return new Shape[] {new Shape(shapes[0].get(0), shapes[0].get(1))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            var conv1 = modules.get("conv1");
            conv1.initialize(manager, dataType, inputShapes);
            var shapes = conv1.getOutputShapes(inputShapes);
            modules.get("bn1").initialize(manager, dataType, shapes);
            shapes = stemEnd(shapes);
            for (int stage = 1; stage <= 4; stage++) {
                var layer = modules.get("layer" + stage);
                layer.initialize(manager, dataType, shapes);
                shapes = layer.getOutputShapes(shapes);
            }
            if (init != null) {
                try {
                    TorchvisionWeights.readInto(TorchModule.stateDict(this), init);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the initial weights " + init, e);
                }
            }
        }

        /** The shape after the stem's max-pool (3×3, stride 2, padding 1), if it has one. */
        private Shape[] stemEnd(Shape[] shapes) {
            return stemPool == null ? shapes : stemPool.getOutputShapes(shapes);
        }
    }
}
