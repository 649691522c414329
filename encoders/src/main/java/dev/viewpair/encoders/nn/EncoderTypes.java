package dev.viewpair.encoders.nn;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.INTEGERS;
import static dev.viewpair.catalog.ParamType.NUMBER;
import static dev.viewpair.catalog.ParamType.WEIGHTS;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamProblem;
import dev.viewpair.catalog.Params;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The encoder catalogue: every encoder type a recipe may name, declared once with its parameters and factory.
 * Validation, the trainer, {@code viewpair list encoders} and the tables in docs/ read it.
 */
public final class EncoderTypes {
    /** Layer widths when a recipe gives none. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(32, 64, 128);
    /** Embedding size when a recipe gives none. */
    public static final int DEFAULT_DIM = 128;

    private static final Param DIM = Param.optional("dim", INTEGER, DEFAULT_DIM, 1.0, null, "embedding size");

    private static final Catalog<EncoderDescriptor> STANDARD = new Catalog<>("encoder type", List.of(
            EncoderDescriptor.withHead("conv", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "channels of each stage"), DIM,
                    Param.choice("downsample", "pool", List.of("pool", "stride"),
                            "pool (stride-1 convolution, then 2×2 max-pool) or stride (stride-2 convolution)"), PerFrame.PARAM),
                    "a small CNN ending in global average pooling (images, spectrograms; per frame of a frame stack)",
                    v -> maps(v, downsampling(v).minSide(v.integers("widths").length),
                            "halves its input with max pooling after each width", "use fewer widths, downsample: stride, or a larger view"),
                    EncoderTypes::conv),
            EncoderDescriptor.withHead("mlp", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "hidden layer widths"), DIM),
                    "an MLP on flattened input (vectors)", v -> new EncoderInput.OneShape("flattens its views"),
                    EncoderTypes::mlp),
            EncoderDescriptor.withHead("vit", List.of(
                    Param.optional("patch", INTEGER, 16, 1.0, null, "side of the square patches; divides the views' sides"),
                    Param.optional("depth", INTEGER, 12, 1.0, null, "transformer blocks"),
                    Param.optional("width", INTEGER, 192, 1.0, null, "token width, the embedding size"),
                    Param.optional("heads", INTEGER, 3, 1.0, null, "attention heads; divides width"),
                    Param.optional("mlp_ratio", NUMBER, 4.0, 0.0, null, "MLP hidden width as a multiple of width").aboveMin(),
                    Param.choice("pool", "cls", List.of("cls", "mean"), "the class token or the mean of the patch tokens")),
                    List.of(Constraint.require("heads", v -> v.integer("width") % v.integer("heads") == 0,
                                    v -> "vit encoder's heads (" + v.integer("heads") + ") do not divide its width ("
                                            + v.integer("width") + "): each head takes width / heads of every token",
                                    "choose heads that divide width (ViT-Tiny: width 192, heads 3; ViT-Small: 384, 6)"),
                            Constraint.require("mlp_ratio", v -> VisionTransformer.mlpHidden(v.integer("width"), v.number("mlp_ratio")) >= 1,
                                    v -> "vit encoder's MLP would have no hidden unit: width " + v.integer("width")
                                            + " × mlp_ratio " + v.number("mlp_ratio") + " is below 1",
                                    "raise mlp_ratio (4 in ViT)")),
                    "a Vision Transformer (ViT, defaults ViT-Tiny/16) on C × H × W views of one size",
                    v -> new EncoderInput.Patches(v.integer("patch")), EncoderTypes::vit),
            EncoderDescriptor.withHead("conv1d", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "channels of each stage"),
                    Param.optional("kernel", INTEGER, 9, 1.0, null, "kernel length of every stage, in samples"),
                    Param.optional("stride", INTEGER, 4, 1.0, null, "stride of every stage"), DIM),
                    "a 1-D CNN on raw waveforms ending in global average pooling over time",
                    v -> new EncoderInput.Sequences("waveforms", "feed it a view of raw audio (clip, without log_mel, spectrogram "
                            + "or mfcc), or use a conv encoder for images and spectrograms"),
                    EncoderTypes::conv1d),
            EncoderDescriptor.withHead("resnet", List.of(
                    Param.choice("depth", 18, List.of(18, 34, 50), "18 or 34 (basic blocks), 50 (bottlenecks), as torchvision's"),
                    Param.choice("stem", "imagenet", List.of("imagenet", "cifar"),
                            "imagenet (7×7 stride-2 convolution, 3×3 max-pool) or cifar (3×3 stride-1 convolution, no pool)"),
                    Param.optional("width", NUMBER, 1.0, 0.0, null, "multiplies the channels 64, 128, 256, 512 (rounded)").aboveMin(),
                    Param.optionalUnset("init", WEIGHTS, null, null, "a torchvision state dict (.npz) to start from; none when left out"),
                    PerFrame.PARAM),
                    List.of(EncoderTypes::initFits),
                    "torchvision's ResNet-18/34/50 (images; spectrograms with 1 channel; per frame of a frame stack), embedding the pooled layer4",
                    EncoderTypes::resnetInput, EncoderTypes::resnet),
            EncoderDescriptor.withHead("r2plus1d", List.of(
                    Param.choice("depth", 18, List.of(18, 34), "18 (torchvision's r2plus1d_18) or 34 (Tran et al.'s)"),
                    Param.optional("width", NUMBER, 1.0, 0.0, null, "multiplies the channels 64, 128, 256, 512 and the stem's 45 (rounded)").aboveMin(),
                    Param.optionalUnset("init", WEIGHTS, null, null, "a torchvision state dict (.npz) to start from; none when left out")),
                    List.of(EncoderTypes::r2plus1dInitFits),
                    "torchvision's R(2+1)D-18 video ResNet (Tran et al. 2018) on frame stacks, embedding the pooled layer4",
                    v -> new EncoderInput.Clips("convolves over time", "start the view with frames: {n: 8, size: 112} on a video,"
                            + " or use a 2-D encoder type (resnet, conv) for images", 1, "pools over space", "use a larger view"),
                    EncoderTypes::r2plus1d)));

    private EncoderTypes() {}

    /** Every encoder type viewpair ships. */
    public static Catalog<EncoderDescriptor> standard() {
        return STANDARD;
    }

    private static Encoder conv(Params v) {
        return PerFrame.of(v, ConvEncoder.builder().widths(v.integers("widths")).dim(v.integer("dim")).downsampling(downsampling(v))
                .head(ProjectionHead.of(v, v.integer("dim"))).build());
    }

    /**
     * What a 2-D type pooled over space takes: {@code C × H × W} views, or frame stacks with {@code per_frame}; each
     * side at least {@code minSide}.
     */
    private static EncoderInput maps(Params v, int minSide, String shrinks, String fix) {
        return PerFrame.asked(v) ? new EncoderInput.Clips("runs on each frame of a frame stack (per_frame: " + v.string("per_frame")
                + ")", "start the view with frames: {n: 8, …} on a video, or remove per_frame for images", minSide, shrinks, fix)
                : new EncoderInput.Maps(minSide, shrinks, fix);
    }

    private static Encoder mlp(Params v) {
        return MlpEncoder.builder().hidden(v.integers("widths")).dim(v.integer("dim")).head(ProjectionHead.of(v, v.integer("dim"))).build();
    }

    private static Encoder conv1d(Params v) {
        return Conv1dEncoder.builder().widths(v.integers("widths")).kernel(v.integer("kernel")).stride(v.integer("stride"))
                .dim(v.integer("dim")).head(ProjectionHead.of(v, v.integer("dim"))).build();
    }

    private static Encoder vit(Params v) {
        var b = VisionTransformer.builder().patch(v.integer("patch")).depth(v.integer("depth")).width(v.integer("width"))
                .heads(v.integer("heads")).mlpRatio(v.number("mlp_ratio"))
                .pooling("mean".equals(v.string("pool")) ? VisionTransformer.Pooling.MEAN : VisionTransformer.Pooling.CLS);
        return b.head(ProjectionHead.of(v, v.integer("width"))).build();
    }

    private static Encoder resnet(Params v) {
        var r = resnetBuilder(v);
        if (v.has("init")) {
            r.init(v.path("init"));
        }
        return PerFrame.of(v, r.build());
    }

    private static Encoder r2plus1d(Params v) {
        var r = r2plus1dBuilder(v);
        if (v.has("init")) {
            r.init(v.path("init"));
        }
        return r.build();
    }

    /** An r2plus1d's architecture from its parameters, without its initial weights. */
    private static R2Plus1D.Builder r2plus1dBuilder(Params v) {
        return R2Plus1D.builder().depth(v.integer("depth")).width(v.number("width"))
                .head(ProjectionHead.of(v, R2Plus1D.embeddingSize(v.number("width"))));
    }

    /** An r2plus1d's {@code init} file holds torchvision's keys for its depth with its shapes. */
    private static Optional<ParamProblem> r2plus1dInitFits(Params v) {
        if (!v.has("init")) {
            return Optional.empty();
        }
        return TorchvisionWeights.mismatch(r2plus1dBuilder(v).build(), v.path("init")).map(m -> new ParamProblem("init", m,
                "give the state dict of torchvision's r2plus1d_18 (numpy.savez of its state_dict()), or the depth and"
                        + " width it was trained with"));
    }

    /** A resnet's architecture from its parameters, without its initial weights. */
    private static ResNet.Builder resnetBuilder(Params v) {
        var r = ResNet.builder().depth(v.integer("depth")).width(v.number("width"))
                .stem("cifar".equals(v.string("stem")) ? ResNet.Stem.CIFAR : ResNet.Stem.IMAGENET);
        return r.head(ProjectionHead.of(v, ResNet.embeddingSize(v.integer("depth"), v.number("width"))));
    }

    /**
     * Any C × H × W views, or frame stacks with {@code per_frame}; with an {@code init} file, views of the channels its
     * {@code conv1.weight} was made for.
     */
    private static EncoderInput resnetInput(Params v) {
        if (PerFrame.asked(v)) {
            return maps(v, 1, "pools over space", "use a larger view");
        }
        var channels = v.has("init") ? TorchvisionWeights.inputChannels(v.path("init")) : OptionalLong.empty();
        return channels.isEmpty() ? new EncoderInput.Maps(1, "pools over space", "use a larger view")
                : new EncoderInput.Maps(1, "pools over space", "use a larger view", channels.getAsLong(),
                        "init " + v.path("init"));
    }

    /** A resnet's {@code init} file holds torchvision's keys for its depth with its shapes. */
    private static Optional<ParamProblem> initFits(Params v) {
        if (!v.has("init")) {
            return Optional.empty();
        }
        return TorchvisionWeights.mismatch(resnetBuilder(v), v.path("init")).map(m -> new ParamProblem("init", m,
                "give the state dict of a torchvision resnet" + v.integer("depth") + " (numpy.savez of its state_dict()),"
                        + " or the depth, width and stem it was trained with"));
    }

    private static ConvEncoder.Downsampling downsampling(Params v) {
        return "stride".equals(v.string("downsample")) ? ConvEncoder.Downsampling.STRIDE : ConvEncoder.Downsampling.MAX_POOL;
    }
}
