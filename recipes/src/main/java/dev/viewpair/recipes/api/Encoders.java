package dev.viewpair.recipes.api;

import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Trained encoders for inference without their recipe's dataset or views: view tensors in, embeddings out, as
 * {@code ./viewpair encode} computes them: an encoder of a run folder, or one exported as ONNX
 * ({@code ./viewpair export RUN_DIR --encoder NAME --format onnx}), which ONNX Runtime runs.
 *
 * <pre>{@code
 * try (var image = Encoders.load(Path.of("runs/quickstart"), "image")) {
 *     long[] shape = image.viewShape();                  // [3, 32, 32]
 *     float[][] rows = image.embed(view1, view2);        // each view flat, C order; one row of image.dim() per view
 * }
 * }</pre>
 */
public final class Encoders {
    private Encoders() {}

    /** {@link #load(Path, String, String)} on the first of the run's {@code train.devices}. */
    public static EncoderModel load(Path runDir, String encoder) throws IOException {
        return load(runDir, encoder, null);
    }

    /**
     * One encoder of a run folder written by {@code ./viewpair train}, with the weights of its last complete
     * checkpoint, in inference mode.
     *
     * @param encoder the encoder's name, as the recipe names it
     * @param device where to compute ({@code cpu}, {@code gpu:0}), or {@code null} for the first of the run's
     *     {@code train.devices}
     * @throws IllegalArgumentException naming the run folder: when it is no finished run (no recipe or checkpoint), its
     *     recipe has problems, it has no encoder of that name (naming those it has), or the device is not there
     * @throws IOException when the checkpoint cannot be read
     */
    public static EncoderModel load(Path runDir, String encoder, String device) throws IOException {
        Recipe recipe;
        try {
            recipe = TrainedModel.recipe(runDir);
        } catch (RecipeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            TrainedModel.declared(recipe, encoder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(runDir + ": " + e.getMessage(), e);
        }
        return new RunEncoderModel(encoder, TrainedModel.open(recipe, runDir, device));
    }

    /**
     * An encoder exported by {@code ./viewpair export … --format onnx}, run by ONNX Runtime on the CPU; its name and
     * view shape come from the file's metadata ({@link OnnxEncoderModel}).
     *
     * @throws IllegalArgumentException naming the file, when it does not exist or is not such an export
     * @throws IOException when the file cannot be read
     */
    public static EncoderModel load(Path onnxFile) throws IOException {
        return OnnxEncoderModel.open(onnxFile);
    }

    /** Whether this path names an exported ONNX model ({@code .onnx}) rather than a run folder. */
    public static boolean isOnnx(Path model) {
        return model.getFileName() != null && model.getFileName().toString().endsWith(".onnx");
    }
}
