package dev.viewpair.encoders.nn;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.INTEGERS;
import static dev.viewpair.catalog.ParamType.NUMBER;
import static dev.viewpair.catalog.ParamType.PATH;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamProblem;
import dev.viewpair.catalog.Params;
import java.util.List;
import java.util.Optional;

/**
 * The encoder catalogue: every encoder type a recipe may name, declared once with its parameters and factory.
 * Validation, the trainer, {@code viewpair list encoders} and the README read it.
 */
public final class EncoderTypes {
    /** Layer widths when a recipe gives none. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(32, 64, 128);
    /** Embedding size when a recipe gives none. */
    public static final int DEFAULT_DIM = 128;

    private static final Param DIM = Param.optional("dim", INTEGER, DEFAULT_DIM, 1.0, null, "embedding size");
    private static final Param PROJECTION = Param.optionalUnset("projection", INTEGER, 0.0, null,
            "size of a projection head on top; none when left out or 0");

    private static final Catalog<EncoderDescriptor> STANDARD = new Catalog<>("encoder type", List.of(
            new EncoderDescriptor("conv", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "channels of each stage"), DIM, PROJECTION,
                    Param.choice("downsample", "pool", List.of("pool", "stride"),
                            "pool (stride-1 convolution, then 2×2 max-pool) or stride (stride-2 convolution)")),
                    "a small CNN ending in global average pooling (images, spectrograms)",
                    v -> new EncoderInput.Maps(downsampling(v).minSide(v.integers("widths").length),
                            "halves its input with max pooling after each width", "use fewer widths, downsample: stride, or a larger view"),
                    EncoderTypes::conv),
            new EncoderDescriptor("mlp", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "hidden layer widths"), DIM, PROJECTION),
                    "an MLP on flattened input (vectors)", v -> new EncoderInput.OneShape("flattens its views"),
                    EncoderTypes::mlp),
            new EncoderDescriptor("resnet", List.of(
                    Param.choice("depth", 18, List.of(18, 34, 50), "18 or 34 (basic blocks), 50 (bottlenecks), as torchvision's"),
                    Param.choice("stem", "imagenet", List.of("imagenet", "cifar"),
                            "imagenet (7×7 stride-2 convolution, 3×3 max-pool) or cifar (3×3 stride-1 convolution, no pool)"),
                    Param.optional("width", NUMBER, 1.0, 0.0, null, "multiplies the channels 64, 128, 256, 512 (rounded)").aboveMin(),
                    PROJECTION,
                    Param.optionalUnset("init", PATH, null, null, "a torchvision state dict (.npz) to start from; none when left out")),
                    "torchvision's ResNet-18/34/50 (images; spectrograms with 1 channel), embedding the pooled layer4",
                    v -> new EncoderInput.Maps(1, "pools over space", "use a larger view"),
                    EncoderTypes::resnet, List.of(EncoderTypes::initFits))));

    private EncoderTypes() {}

    /** Every encoder type viewpair ships. */
    public static Catalog<EncoderDescriptor> standard() {
        return STANDARD;
    }

    private static Encoder conv(Params v) {
        var c = ConvEncoder.builder().widths(v.integers("widths")).dim(v.integer("dim")).downsampling(downsampling(v));
        if (hasProjection(v)) {
            c.projection(v.integer("dim"), v.integer("projection"));
        }
        return c.build();
    }

    private static Encoder mlp(Params v) {
        var m = MlpEncoder.builder().hidden(v.integers("widths")).dim(v.integer("dim"));
        if (hasProjection(v)) {
            m.projection(v.integer("dim"), v.integer("projection"));
        }
        return m.build();
    }

    private static Encoder resnet(Params v) {
        var r = resnetBuilder(v);
        if (v.has("init")) {
            r.init(v.path("init"));
        }
        return r.build();
    }

    /** A resnet's architecture from its parameters, without its initial weights. */
    private static ResNet.Builder resnetBuilder(Params v) {
        var r = ResNet.builder().depth(v.integer("depth")).width(v.number("width"))
                .stem("cifar".equals(v.string("stem")) ? ResNet.Stem.CIFAR : ResNet.Stem.IMAGENET);
        if (hasProjection(v)) {
            r.projection(v.integer("projection"));
        }
        return r;
    }

    /** A resnet's {@code init} file holds torchvision's keys for its depth with its shapes. */
    private static Optional<ParamProblem> initFits(Params v) {
        if (!v.has("init")) {
            return Optional.empty();
        }
        return TorchvisionWeights.mismatch(resnetBuilder(v).build(), v.path("init")).map(m -> new ParamProblem("init", m,
                "give the state dict of a torchvision resnet" + v.integer("depth") + " (numpy.savez of its state_dict()),"
                        + " or the depth, width and stem it was trained with"));
    }

    private static ConvEncoder.Downsampling downsampling(Params v) {
        return "stride".equals(v.string("downsample")) ? ConvEncoder.Downsampling.STRIDE : ConvEncoder.Downsampling.MAX_POOL;
    }

    private static boolean hasProjection(Params v) {
        return v.has("projection") && v.integer("projection") > 0;
    }
}
