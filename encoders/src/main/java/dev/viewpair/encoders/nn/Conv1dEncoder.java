package dev.viewpair.encoders.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import java.util.Arrays;

/**
 * Builds 1-D convolutional {@link Encoder}s for {@code B×C×T} batches: raw waveforms ({@code 1 × samples}).
 *
 * <p>Backbone: one stage per width, each Conv1d(kernel, stride, padding kernel/2, no bias) + BatchNorm + ReLU, then
 * global average pooling over time and a Linear layer to {@code dim}; the head is a {@link ProjectionHead} or none.
 * Every stage keeps at least one time step (its padding covers the kernel), so a waveform of any length goes through,
 * and batches of different lengths fit one encoder.
 *
 * <pre>{@code
 * Encoder sound = Conv1dEncoder.builder().widths(32, 64, 128).kernel(9).stride(4).dim(128).build();
 * }</pre>
 */
public final class Conv1dEncoder {
    private Conv1dEncoder() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of a 1-D convolutional {@link Encoder}. */
    public static final class Builder {
        private int[] widths;
        private int kernel = 9;
        private int stride = 4;
        private int dim;
        private ProjectionHead head;

        private Builder() {}

        /** Output channels of each stage, in order (required, at least one). */
        public Builder widths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /** The kernel length of every stage (default 9). */
        public Builder kernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /** The stride of every stage (default 4): each stage shortens the sequence about this many times. */
        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        /** The embedding dimension (required). */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        /** Adds this projection head ({@code null}: none, the projection is the embedding). */
        public Builder head(ProjectionHead head) {
            this.head = head;
            return this;
        }

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            if (widths == null || widths.length == 0 || Arrays.stream(widths).anyMatch(w -> w <= 0)) {
                throw new IllegalArgumentException("conv1d encoder needs one or more positive widths, got "
                        + (widths == null ? "none" : Arrays.toString(widths)));
            }
            if (dim <= 0 || kernel <= 0 || stride <= 0) {
                throw new IllegalArgumentException("conv1d encoder needs a positive dim, kernel and stride, got dim=" + dim
                        + ", kernel=" + kernel + ", stride=" + stride);
            }
            var backbone = new SequentialBlock().add(new ParameterFree.InputCheck(Builder::checked));
            var stages = new SequentialStages(backbone);
            for (int width : widths) {
                backbone.add(Conv1d.builder()
                                .setKernelShape(new Shape(kernel))
                                .setFilters(width)
                                .optStride(new Shape(stride))
                                .optPadding(new Shape(kernel / 2))
                                .optBias(false) // BatchNorm's shift makes a bias redundant
                                .build())
                        .add(new BatchNorm())
                        .add(new ParameterFree.Relu());
                stages.endStage(true, width, "layer " + (stages.stages().size() + 1) + "'s output: " + width
                        + " channels over time");
            }
            backbone.add(new ParameterFree.GlobalAvgPool())
                    .add(new ParameterFree.Flatten())
                    .add(Linear.builder().setUnits(dim).build());
            return ProjectionHead.encoder(backbone, stages, dim, head, true);
        }

        /** Fails early, with the shape in the message, on a batch that is not of sequences. */
        private static void checked(Shape shape) {
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("conv1d encoder expects a B×C×T batch (waveforms 1×samples), got shape "
                        + shape);
            }
        }
    }
}
