package dev.viewpair.recipes.run;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.ViewBatch;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.encoders.train.Inference;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A finished run's model: the recipe's encoders and critics with the run's last complete checkpoint loaded, in
 * inference mode ({@link Inference}), fed the recipe's views of any split. What {@code embed} and the Java API
 * ({@code dev.viewpair.recipes.api.TrainedRun}) read; evaluation reads the same {@link Inference} of the trainer.
 */
public final class TrainedModel implements AutoCloseable {
    /** How many tensors {@link #encode} puts through the encoder at once. */
    static final int ENCODE_BATCH = 256;
    private final Families families;
    private final Recipe recipe;
    private final SharedTrainer trainer;

    private TrainedModel(Families families, Recipe recipe, SharedTrainer trainer) {
        this.families = families;
        this.recipe = recipe;
        this.trainer = trainer;
    }

    /**
     * The last complete checkpoint of a run, as {@code train --resume} finds it ({@link Training#lastCheckpoint}).
     *
     * @throws IllegalArgumentException when the run has none
     */
    static Path checkpoint(Path runDir) {
        return Training.lastCheckpoint(runDir).orElseThrow(() -> new IllegalArgumentException(runDir
                + " has no checkpoint (" + runDir.resolve("checkpoint").resolve("checkpoint.properties")
                + " is missing): train the recipe to the end first (./viewpair train RECIPE --out " + runDir + ")"));
    }

    /**
     * @param recipe the run's resolved recipe ({@code RUN/recipe.yaml})
     * @param runDir the run folder; its last complete checkpoint is loaded
     * @param device where to compute ({@code cpu}, {@code gpu:0}), or {@code null} for the first of the run's
     *     {@code train.devices}: a run trained on GPUs runs on a CPU-only machine with {@code cpu}
     * @throws IllegalArgumentException when the run has no checkpoint or the device is not there
     * @throws IOException when the checkpoint cannot be read
     */
    public static TrainedModel open(Recipe recipe, Path runDir, String device) throws IOException {
        return load(Families.standard(), recipe, checkpoint(runDir), device);
    }

    /**
     * {@link #open} of a checkpoint already found, its members built and its views made by {@code families} (those the
     * recipe was loaded against).
     */
    static TrainedModel load(Families families, Recipe recipe, Path checkpoint, String device) throws IOException {
        // one device is enough for inference, whatever the run trained on (checkpoints do not depend on the device count)
        var devices = device != null
                ? DeviceNames.resolve(List.of(device), "--device")
                : DeviceNames.resolve(recipe.train().devices().subList(0, 1), "the run's train.devices (choose another with --device cpu)");
        var trainer = RecipeTrainer.build(families, recipe, devices, 1);
        try {
            trainer.load(checkpoint);
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return new TrainedModel(families, recipe, trainer);
    }

    /**
     * The trained encoder of this name, its weights as the checkpoint holds them.
     *
     * @throws IllegalArgumentException naming the encoders the run has
     */
    public Encoder encoder(String name) {
        return trainer.encoder(name);
    }

    /**
     * The shape of one view tensor the encoder of this name was trained on ({@code C × H × W}, {@code C × T}), as the
     * checkpoint records it.
     *
     * @throws IllegalArgumentException naming the encoders the run has
     */
    public long[] viewShape(String name) {
        encoder(name);
        return trainer.sampleShape(name);
    }

    /**
     * The embeddings of view tensors made elsewhere (no recipe, no dataset): {@code values} hold {@code shape[0]}
     * tensors of the shape the encoder was trained on ({@code N × C × H × W}, {@code N × C × T}), in C order; they go
     * through the encoder in inference mode, {@value #ENCODE_BATCH} at a time.
     *
     * @return one row of the encoder's embedding per tensor
     * @throws IllegalArgumentException naming the encoder and the shape, when the encoder cannot take them
     */
    public float[][] encode(String encoder, float[] values, long[] shape) {
        var trained = encoder(encoder);
        long per = Arrays.stream(shape).skip(1).reduce(1, Math::multiplyExact);
        if (shape.length < 2 || per * shape[0] != values.length) {
            throw new IllegalArgumentException("encoder '" + encoder + "' takes a batch of view tensors (N × C × H × W, or "
                    + "N × C × T), got shape " + Arrays.toString(shape) + " holding " + values.length + " values");
        }
        int n = (int) shape[0];
        var rows = new float[n][];
        try (var manager = NDManager.newBaseManager(trainer.devices().get(0))) {
            for (int start = 0; start < n; start += ENCODE_BATCH) {
                int size = Math.min(ENCODE_BATCH, n - start);
                var batchShape = shape.clone();
                batchShape[0] = size;
                try (var scope = manager.newSubManager()) {
                    var x = scope.create(Arrays.copyOfRange(values, (int) (start * per), (int) ((start + size) * per)),
                            new Shape(batchShape));
                    var z = trained.embed(x);
                    int dim = (int) z.getShape().get(1);
                    float[] flat = z.toFloatArray();
                    for (int i = 0; i < size; i++) {
                        rows[start + i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
                    }
                } catch (EngineException | IllegalStateException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("encoder '" + encoder + "' cannot take tensors of shape "
                            + Arrays.toString(batchShape) + ": " + e.getMessage() + " — give the shape its views had in training",
                            e);
                }
            }
        }
        return rows;
    }

    /** The model's embeddings and pair scores. */
    public Inference inference() {
        return trainer;
    }

    /**
     * The backbone embeddings of one view (by the encoder it is fed to) for every sample of a split, in source
     * order; samples whose media cannot be read are left out.
     *
     * @param seen shown each batch as it passes (its ids and labels)
     */
    public float[][] embed(String view, Source split, Consumer<ViewBatch> seen) {
        return trainer.embed(recipe.encoderOf(view).name(), batches(split, List.of(view), seen), view);
    }

    /**
     * A pair's critic scores over every sample of a split: row i sample i's first view, column j sample j's second
     * view ({@link Inference#pairScores}); samples whose media cannot be read are left out.
     */
    public float[][] pairScores(String pair, Source split) {
        var declared = recipe.pairs().stream().filter(p -> p.name().equals(pair)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the run has no pair '" + pair + "' — pairs: "
                        + String.join(", ", recipe.pairs().stream().map(PairDecl::name).toList())));
        return trainer.pairScores(pair, batches(split, declared.views(), b -> {}));
    }

    private Iterator<BatchData> batches(Source split, List<String> views, Consumer<ViewBatch> seen) {
        return LoaderBatches.inOrder(families, recipe, split, views, bad -> {}, seen);
    }

    /** Frees the model. */
    @Override
    public void close() {
        trainer.close();
    }
}
