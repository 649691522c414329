package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.recipes.api.EncoderModel;
import dev.viewpair.recipes.api.Encoders;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code viewpair encode RUN_DIR --encoder NAME --input X.npy --out Z.npy}: a trained encoder's embeddings of view
 * tensors made elsewhere (NumPy, PyTorch), without a recipe's dataset or views: X holds N tensors of the shape the
 * encoder was trained on (N × C × H × W, or N × C × T for waveforms), Z gets N rows of its embedding. In place of the
 * run folder, an exported {@code MODEL.onnx} ({@code export --format onnx}), run by ONNX Runtime, without {@code
 * --encoder}. Both go through the Java API ({@link Encoders}), as code would.
 */
@Command(name = "encode", description = "Embed view tensors from a .npy (N × C × H × W, or N × C × T) with a trained encoder "
        + "(a run folder's, or an exported MODEL.onnx).")
final class EncodeCommand implements Callable<Integer> {
    @Mixin
    RunFolder folder;

    @Option(names = "--encoder", paramLabel = "NAME", description = "the encoder, as the recipe names it (a run folder only)")
    String encoder;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the view tensors, float32 (or float64, "
            + "int32, int64), C order")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "Z.npy", description = "the embeddings to write, float32 N × dim")
    Path out;

    @Override
    public Integer call() throws Exception {
        return RunFolder.run(() -> {
            try (var model = open()) {
                if (!Files.isRegularFile(input)) {
                    throw new UserError(input + " does not exist: give a .npy of view tensors (numpy.save) of shape N × "
                            + String.join(" × ", Arrays.stream(model.viewShape()).mapToObj(Long::toString).toList()));
                }
                var x = Npy.readArray(input);
                var rows = model.embedBatch(x.values(), x.shape());
                Files.createDirectories(out.toAbsolutePath().getParent());
                Npy.write(out, rows);
                System.out.printf("wrote %d × %d embeddings (encoder '%s') to %s%n", rows.length, model.dim(), model.name(),
                        out);
            }
        });
    }

    /** The run folder's encoder named by {@code --encoder}, or the exported one, on the CPU through ONNX Runtime. */
    private EncoderModel open() throws IOException, RecipeException {
        if (!Encoders.isOnnx(folder.run)) {
            if (encoder == null) {
                throw new UserError("give --encoder NAME: the run's encoders are "
                        + String.join(", ", TrainedModel.recipe(folder.run).encoders().keySet()));
            }
            return folder.encoder(encoder);
        }
        if (encoder != null) {
            throw new UserError("--encoder names an encoder of a run folder; " + folder.run + " holds one encoder: leave "
                    + "--encoder out");
        }
        if (folder.device != null) {
            throw new UserError("--device chooses where a run folder's encoder computes; " + folder.run + " runs on the CPU "
                    + "through ONNX Runtime: leave --device out");
        }
        return Encoders.load(folder.run);
    }
}
