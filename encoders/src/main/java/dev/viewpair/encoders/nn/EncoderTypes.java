package dev.viewpair.encoders.nn;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.INTEGERS;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.Params;
import java.util.List;

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

    private static final Catalog<EncoderDescriptor> STANDARD = new Catalog<>("encoder type", List.of(
            EncoderDescriptor.withHead("conv", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "channels of each stage"), DIM,
                    Param.choice("downsample", "pool", List.of("pool", "stride"),
                            "pool (stride-1 convolution, then 2×2 max-pool) or stride (stride-2 convolution)")),
                    "a small CNN ending in global average pooling (images, spectrograms)",
                    v -> new EncoderInput.Maps(downsampling(v).minSide(v.integers("widths").length),
                            "halves its input with max pooling after each width", "use fewer widths, downsample: stride, or a larger view"),
                    EncoderTypes::conv),
            EncoderDescriptor.withHead("mlp", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "hidden layer widths"), DIM),
                    "an MLP on flattened input (vectors)", v -> new EncoderInput.OneShape("flattens its views"),
                    EncoderTypes::mlp),
            EncoderDescriptor.withHead("conv1d", List.of(
                    Param.optional("widths", INTEGERS, DEFAULT_WIDTHS, 1.0, null, "channels of each stage"),
                    Param.optional("kernel", INTEGER, 9, 1.0, null, "kernel length of every stage, in samples"),
                    Param.optional("stride", INTEGER, 4, 1.0, null, "stride of every stage"), DIM),
                    "a 1-D CNN on raw waveforms ending in global average pooling over time",
                    v -> new EncoderInput.Sequences("waveforms", "feed it a view of raw audio (clip, without log_mel, spectrogram "
                            + "or mfcc), or use a conv encoder for images and spectrograms"),
                    EncoderTypes::conv1d)));

    private EncoderTypes() {}

    /** Every encoder type viewpair ships. */
    public static Catalog<EncoderDescriptor> standard() {
        return STANDARD;
    }

    private static Encoder conv(Params v) {
        return ConvEncoder.builder().widths(v.integers("widths")).dim(v.integer("dim")).downsampling(downsampling(v))
                .head(ProjectionHead.of(v, v.integer("dim"))).build();
    }

    private static Encoder mlp(Params v) {
        return MlpEncoder.builder().hidden(v.integers("widths")).dim(v.integer("dim")).head(ProjectionHead.of(v, v.integer("dim"))).build();
    }

    private static Encoder conv1d(Params v) {
        return Conv1dEncoder.builder().widths(v.integers("widths")).kernel(v.integer("kernel")).stride(v.integer("stride"))
                .dim(v.integer("dim")).head(ProjectionHead.of(v, v.integer("dim"))).build();
    }

    private static ConvEncoder.Downsampling downsampling(Params v) {
        return "stride".equals(v.string("downsample")) ? ConvEncoder.Downsampling.STRIDE : ConvEncoder.Downsampling.MAX_POOL;
    }
}
