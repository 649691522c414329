package dev.viewpair.encoders.train;

import dev.viewpair.encoders.nn.EncoderLayer;
import java.util.Iterator;

/**
 * What a trained (or loaded) model answers in inference mode (no gradients, BatchNorm on its running statistics):
 * embeddings of a view and the critics' scores of a pair. What evaluation, {@code embed} and the Java API read.
 */
public interface Inference {

    /**
     * Backbone embeddings of one view. An encoder not yet trained or loaded is initialized from the first batch,
     * which gives the random-encoder baseline.
     *
     * @param encoderName the encoder to use
     * @param batches the batches to embed, in order
     * @param viewName the view of each batch to feed it
     * @return one row of {@code encoder.dim()} values per sample, in batch order
     */
    default float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName) {
        return embed(encoderName, batches, viewName, EncoderLayer.EMBEDDING);
    }

    /**
     * One layer of one view ({@link dev.viewpair.encoders.nn.Encoder#layers()}), a local layer (an intermediate
     * stage's feature map) averaged over its positions, as a linear probe of a pooled intermediate layer reads it.
     *
     * @param layer the layer's name ({@code stage2}, {@code embedding}, {@code projection})
     * @return one row of the layer's width per sample, in batch order
     */
    float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName, String layer);

    /**
     * A pair's critic scores over a whole evaluation set, for retrieval: row i is sample i's first view, column j
     * sample j's second view, so the diagonal holds the true pairs. Call after training or loading (the critic
     * must be initialized).
     *
     * @param pairName the pair whose encoders and critic score
     * @param batches the evaluation batches, in order; each holds both views of the pair
     * @return an N×N matrix for N samples
     */
    float[][] pairScores(String pairName, Iterator<BatchData> batches);

    /**
     * A pair's critic on aligned rows only, for synchronization checks: element i scores sample i's view {@code
     * first} against the same sample's view {@code second}, each fed to the encoder of the pair's view in that
     * position (so {@code second} may be another view of the second encoder, cut at another time, say). Equals the
     * diagonal of {@link #pairScores} when the views are the pair's own. Call after training or loading.
     *
     * @param pairName the pair whose encoders and critic score
     * @param first the view fed as the critic's first argument, embedded by the pair's first encoder
     * @param second the view fed as its second argument, embedded by the pair's second encoder
     * @param batches the evaluation batches, in order; each holds both views
     * @return one score per sample, in batch order
     */
    float[] alignedScores(String pairName, String first, String second, Iterator<BatchData> batches);

    /**
     * A local–global pair's critic on each sample of one batch: every position of the local side against the same
     * sample's global vector ({@link LocalScores}). Call after training or loading.
     *
     * @throws IllegalArgumentException for a pair that is not of one local and one global layer
     */
    LocalScores localScores(String pairName, BatchData batch);
}
