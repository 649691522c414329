package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.npy.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code viewpair encode RUN_DIR --encoder NAME --input X.npy --out Z.npy}: a trained encoder's embeddings of view
 * tensors made elsewhere (NumPy, PyTorch), without a recipe's dataset or views: X holds N tensors of the shape the
 * encoder was trained on (N × C × H × W, or N × C × T for waveforms), Z gets N rows of its embedding.
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
        return folder.run(recipe -> {
            RunFolder.encoder(recipe, encoder);
            if (!Files.isRegularFile(input)) {
                throw new UserError(input + " does not exist: give a .npy of view tensors (numpy.save)");
            }
            var x = Npy.readArray(input);
            try (var model = folder.open(recipe)) {
                var rows = model.encode(encoder, x.values(), x.shape());
                var parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Npy.write(out, rows);
                System.out.printf("wrote %d × %d embeddings (encoder '%s') to %s%n", rows.length,
                        rows.length == 0 ? 0 : rows[0].length, encoder, out);
            }
        });
    }
}
