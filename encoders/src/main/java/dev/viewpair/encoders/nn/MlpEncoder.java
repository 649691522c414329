package dev.viewpair.encoders.nn;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Arrays;

/**
 * Builds fully connected {@link Encoder}s for vector views (any {@code B×…} batch, flattened per
 * sample): Linear + ReLU per hidden width, then Linear to {@code dim}; the optional head is as in
 * {@link ConvEncoder}.
 */
public final class MlpEncoder {
    private MlpEncoder() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of a fully connected {@link Encoder}. */
    public static final class Builder {
        private int[] hidden = new int[0];
        private int dim;
        private ProjectionHead head;

        private Builder() {}

        /** Widths of the hidden layers (default none). */
        public Builder hidden(int... hidden) {
            this.hidden = hidden.clone();
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

        /** Builds an uninitialized encoder. */
        public Encoder build() {
            if (dim <= 0 || Arrays.stream(hidden).anyMatch(w -> w <= 0)) {
                throw new IllegalArgumentException("mlp encoder needs a positive dim and positive hidden widths, got dim="
                        + dim + ", hidden=" + Arrays.toString(hidden));
            }
            var backbone = new SequentialBlock().add(new ParameterFree.Flatten());
            var stages = new SequentialStages(backbone);
            for (int width : hidden) {
                backbone.add(Linear.builder().setUnits(width).build()).add(new ParameterFree.Relu());
                stages.endStage(false, width, "hidden layer " + (stages.stages().size() + 1) + " after its ReLU, " + width
                        + " wide");
            }
            backbone.add(Linear.builder().setUnits(dim).build());
            return ProjectionHead.encoder(backbone, stages, dim, head, false);
        }
    }
}
