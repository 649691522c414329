package dev.viewpair.encoders.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.Arrays;

/**
 * Builds convolutional {@link Encoder}s for {@code B×C×H×W} batches: CHW images and
 * {@code 1×bins×frames} spectrograms alike.
 *
 * <p>Backbone: one stage per width, each Conv2d(3×3, padding 1, no bias) + BatchNorm + ReLU and a
 * halving of the spatial size (a stride-2 convolution or a 2×2 max-pool after it), then global
 * average pooling and a Linear layer to {@code dim}. Stage k ({@code stage1} … , a recipe's {@code VIEW@stage2}) is
 * stage k's output feature map, after its halving. Head: Linear(hidden)–ReLU–Linear(out) ({@link
 * Builder#projection}), another {@link ProjectionHead} ({@link Builder#head}), or none (the projection is the
 * embedding).
 *
 * <pre>{@code
 * Encoder image = ConvEncoder.builder().widths(32, 64, 128).dim(128).projection(256, 128).build();
 * }</pre>
 */
public final class ConvEncoder {
    private ConvEncoder() {}

    /** How each stage halves the spatial size. */
    public enum Downsampling {
        /** The stage's convolution has stride 2. */
        STRIDE,
        /** A 2×2 max-pool with stride 2 follows the stage. */
        MAX_POOL;

        /** The smallest side an input may have to go through {@code stages} stages: max-pooling halves it down to 1. */
        public int minSide(int stages) {
            return this == MAX_POOL ? 1 << stages : 1;
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of a convolutional {@link Encoder}. */
    public static final class Builder {
        private int[] widths;
        private int dim;
        private ProjectionHead head;
        private Downsampling downsampling = Downsampling.MAX_POOL;

        private Builder() {}

        /** Output channels of each stage, in order (required, at least one). */
        public Builder widths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /** The embedding dimension (required). */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        /** Adds a Linear(hidden)–ReLU–Linear(out) projection head. */
        public Builder projection(int hidden, int out) {
            return head(ProjectionHead.mlp(hidden, out));
        }

        /** Adds this projection head ({@code null}: none, the projection is the embedding). */
        public Builder head(ProjectionHead head) {
            this.head = head;
            return this;
        }

        /** How stages halve the spatial size (default {@link Downsampling#MAX_POOL}). */
        public Builder downsampling(Downsampling downsampling) {
            this.downsampling = downsampling;
            return this;
        }

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            if (widths == null || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w <= 0)) {
                throw new IllegalArgumentException(
                        "conv encoder needs one or more positive widths, got "
                                + (widths == null ? "none" : Arrays.toString(widths)));
            }
            if (dim <= 0) {
                throw new IllegalArgumentException("conv encoder needs a positive dim, got " + dim);
            }
            var backbone = new SequentialBlock().add(inputCheck());
            var stages = new SequentialStages(backbone);
            for (int width : widths) {
                int stride = downsampling == Downsampling.STRIDE ? 2 : 1;
                backbone.add(Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .setFilters(width)
                                .optStride(new Shape(stride, stride))
                                .optPadding(new Shape(1, 1))
                                .optBias(false) // BatchNorm's shift makes a bias redundant
                                .build())
                        .add(new BatchNorm())
                        .add(new ParameterFree.Relu());
                if (downsampling == Downsampling.MAX_POOL) {
                    backbone.add(new ParameterFree.MaxPool2d(2, 2, 0));
                }
                int halvings = stages.stages().size() + 1;
                stages.endStage(true, width, "block " + halvings + "'s output: " + width + " channels at 1/" + (1 << halvings)
                        + " of the view's height and width");
            }
            backbone.add(new ParameterFree.GlobalAvgPool())
                    .add(new ParameterFree.Flatten())
                    .add(Linear.builder().setUnits(dim).build());
            return ProjectionHead.encoder(backbone, stages, dim, head, true);
        }

        /** Fails early, with the shape in the message, on a batch the stages cannot take. */
        private ParameterFree inputCheck() {
            int minSide = downsampling.minSide(widths.length);
            return new ParameterFree.InputCheck(shape -> checked(shape, minSide));
        }

        private static void checked(Shape shape, int minSide) {
            if (shape.dimension() != 4) {
                throw new IllegalArgumentException("conv encoder expects a B×C×H×W batch "
                        + "(images CHW, spectrograms 1×bins×frames), got shape " + shape);
            }
            if (shape.get(2) < minSide || shape.get(3) < minSide) {
                throw new IllegalArgumentException("conv encoder with max-pool stages needs H and W of at least "
                        + minSide + ", got shape " + shape + ": use fewer widths or stride downsampling");
            }
        }
    }
}
