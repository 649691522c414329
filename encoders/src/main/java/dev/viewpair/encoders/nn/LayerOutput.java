package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * What one layer of an encoder gave for a batch ({@link Encoder#forwardLayers}).
 *
 * @param values {@code B×D} for a global layer; {@code B×P×C} for a local one, channels last, so that a map on the
 *     last axis acts on each position alone (feature maps {@code B×C×H×W} as {@code B×(H·W)×C}, row-major positions)
 * @param grid the positions' grid of a local layer ({@code H×W}, {@code T} or {@code T×H×W}; its size is P), an empty
 *     shape for a global one
 */
public record LayerOutput(NDArray values, Shape grid) {
    /** A global layer's {@code B×D} vectors. */
    public static LayerOutput global(NDArray values) {
        return new LayerOutput(values, new Shape());
    }

    /**
     * A local layer from channels-first features {@code B×C×…} (maps, sequences, volumes), moved channels last.
     */
    public static LayerOutput channelsFirst(NDArray features) {
        Shape s = features.getShape();
        Shape grid = s.slice(2);
        return new LayerOutput(features.reshape(s.get(0), s.get(1), grid.size()).transpose(0, 2, 1), grid);
    }

    /** Whether it holds several vectors per sample. */
    public boolean local() {
        return grid.dimension() > 0;
    }

    /** The number of positions per sample: 1 for a global layer. */
    public long positions() {
        return local() ? grid.size() : 1;
    }
}
