package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.npy.Npy;
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
 * encoder was trained on (N × C × H × W, or N × C × T for waveforms), Z gets N rows of its embedding. It reads the run
 * through the Java API ({@link dev.viewpair.recipes.api.Encoders}), as code would.
 */
@Command(name = "encode", description = "Embed view tensors from a .npy (N × C × H × W, or N × C × T) with a trained encoder.")
final class EncodeCommand implements Callable<Integer> {
    @Mixin
    RunFolder folder;

    @Option(names = "--encoder", required = true, paramLabel = "NAME", description = "the encoder, as the recipe names it")
    String encoder;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the view tensors, float32 (or float64, "
            + "int32, int64), C order")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "Z.npy", description = "the embeddings to write, float32 N × dim")
    Path out;

    @Override
    public Integer call() throws Exception {
        return RunFolder.run(() -> {
            try (var model = folder.encoder(encoder)) {
                if (!Files.isRegularFile(input)) {
                    throw new UserError(input + " does not exist: give a .npy of view tensors (numpy.save) of shape N × "
                            + String.join(" × ", Arrays.stream(model.viewShape()).mapToObj(Long::toString).toList()));
                }
                var x = Npy.readArray(input);
                var rows = model.embedBatch(x.values(), x.shape());
                Files.createDirectories(out.toAbsolutePath().getParent());
                Npy.write(out, rows);
                System.out.printf("wrote %d × %d embeddings (encoder '%s') to %s%n", rows.length, model.dim(), encoder, out);
            }
        });
    }
}
