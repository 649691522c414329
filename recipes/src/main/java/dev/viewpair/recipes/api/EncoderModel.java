package dev.viewpair.recipes.api;

import java.util.Arrays;

/**
 * A trained encoder outside a recipe: view tensors in, embeddings out, as {@code ./viewpair encode} uses it. One
 * comes from a run folder or from an exported ONNX file; both give the same rows for the same tensors.
 */
public interface EncoderModel extends AutoCloseable {
    /** The encoder's name, as the recipe names it. */
    String name();

    /**
     * The shape of one view tensor as the encoder was trained on it ({@code C × H × W}, {@code C × T}); an encoder that
     * pools over space or time takes other sides too.
     */
    long[] viewShape();

    /** The size of one embedding. */
    int dim();

    /**
     * The embeddings of views given one per row, each flat in C order with the elements of {@link #viewShape()}.
     *
     * @throws IllegalArgumentException naming the encoder, when a row has the wrong length
     */
    default float[][] embed(float[]... views) {
        var viewShape = viewShape();
        int per = Math.toIntExact(Arrays.stream(viewShape).reduce(1, Math::multiplyExact));
        var values = new float[Math.multiplyExact(views.length, per)];
        for (int i = 0; i < views.length; i++) {
            if (views[i].length != per) {
                throw new IllegalArgumentException("encoder '" + name() + "' takes views of shape " + Arrays.toString(viewShape)
                        + " (" + per + " values each), but view " + i + " holds " + views[i].length
                        + " values: give each view flat, in C order, or call embedBatch(values, shape) with its shape");
            }
            System.arraycopy(views[i], 0, values, i * per, per);
        }
        var shape = new long[viewShape.length + 1];
        shape[0] = views.length;
        System.arraycopy(viewShape, 0, shape, 1, viewShape.length);
        return embedBatch(values, shape);
    }

    /**
     * The embeddings of {@code shape[0]} views of shape {@code shape[1..]} held flat, in C order, in {@code values}.
     *
     * @throws IllegalArgumentException naming the encoder and the shape, when the encoder cannot take them
     */
    float[][] embedBatch(float[] values, long... shape);

    /** Frees the model. */
    @Override
    void close();
}
