package dev.viewpair.recipes.api;

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
    float[][] embed(float[]... views);

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
