package dev.viewpair.recipes.api;

import dev.viewpair.datasets.Source;
import dev.viewpair.encoders.train.Inference;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A finished training run, for use in code: its encoders and critics as its last checkpoint holds them, fed the
 * views its recipe makes ({@link Views}), in inference mode. The embeddings are those {@code ./viewpair embed}
 * writes.
 *
 * <pre>{@code
 * try (var run = TrainedRun.open(Path.of("runs/quickstart"))) {
 *     float[][] rows = run.embed("img_a", run.views().dataset("test"));   // one row per sample, in source order
 * }
 * }</pre>
 *
 * Not thread-safe: use it from one thread.
 */
public final class TrainedRun implements AutoCloseable {
    private final Views views;
    private final TrainedModel model;

    private TrainedRun(Views views, TrainedModel model) {
        this.views = views;
        this.model = model;
    }

    /** {@link #open(Path, String)} on the first of the run's {@code train.devices}. */
    public static TrainedRun open(Path runDir) throws IOException {
        return open(runDir, null);
    }

    /**
     * Opens a run folder written by {@code ./viewpair train}: its {@code recipe.yaml} and its last complete
     * checkpoint.
     *
     * @param device where to compute ({@code cpu}, {@code gpu:0}), or {@code null} for the first of the run's
     *     {@code train.devices}
     * @throws IllegalArgumentException when the folder holds no recipe or checkpoint, its recipe has problems, or the
     *     device is not there
     * @throws IOException when the checkpoint cannot be read
     */
    public static TrainedRun open(Path runDir, String device) throws IOException {
        Recipe recipe;
        try {
            recipe = TrainedModel.recipe(runDir);
        } catch (RecipeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new TrainedRun(Views.of(recipe), TrainedModel.open(recipe, runDir, device));
    }

    /** The run's views and dataset. */
    public Views views() {
        return views;
    }

    /**
     * The backbone embeddings of one view for every sample of a source, in source order (samples whose media cannot
     * be read are left out), as {@code ./viewpair embed} writes them.
     */
    public float[][] embed(String view, Source source) {
        return model.embed(view, source, batch -> {});
    }

    /** A pair's critic scores over every sample of a source: row i sample i's first view, column j sample j's second. */
    public float[][] pairScores(String pair, Source source) {
        return model.pairScores(pair, source);
    }

    /**
     * The embeddings of view tensors made elsewhere, as {@code ./viewpair encode} writes them: {@code values} hold
     * {@code shape[0]} tensors of the shape the encoder was trained on ({@code N × C × H × W}, {@code N × C × T}), in C
     * order; one row per tensor.
     *
     * @throws IllegalArgumentException naming the encoder and the shape, when the encoder cannot take them
     */
    public float[][] encode(String encoder, float[] values, long... shape) {
        return model.encode(encoder, values, shape);
    }

    /** The model itself, for batches made by hand. */
    public Inference inference() {
        return model.inference();
    }

    /** Frees the model. */
    @Override
    public void close() {
        model.close();
    }
}
