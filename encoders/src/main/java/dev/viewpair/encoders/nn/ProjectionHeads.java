package dev.viewpair.encoders.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** Builds the SimCLR-style projection head shared by the encoder builders. */
final class ProjectionHeads {
    private ProjectionHeads() {}

    /** Linear(hidden)–ReLU–Linear(out), or the identity when {@code out == 0}. */
    static Block of(int hidden, int out) {
        if (out == 0) {
            return Blocks.identityBlock();
        }
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(out).build());
    }

    static void check(int hidden, int out) {
        if (hidden <= 0 || out <= 0) {
            throw new IllegalArgumentException(
                    "projection sizes must be positive, got hidden=" + hidden + ", out=" + out);
        }
    }
}
