package dev.viewpair.recipes.cli;

import dev.viewpair.encoders.nn.TorchvisionWeights;
import dev.viewpair.recipes.run.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code viewpair export RUN_DIR --encoder NAME --format torchvision --out FILE}: a trained encoder's weights in a
 * form another framework loads. {@code torchvision}: the backbone's state dict under torchvision's keys as a NumPy
 * {@code .npz} ({@code torchvision.models.resnet18().load_state_dict}, the classifier aside), for the encoder types
 * torchvision defines (resnet).
 */
@Command(name = "export", description = "Write a trained encoder's weights for another framework (torchvision: a resnet's "
        + "state dict as .npz).")
final class ExportCommand implements Callable<Integer> {
    /** The formats written; the first is the default. */
    enum Format { torchvision }

    @Mixin
    RunFolder folder;

    @Option(names = "--encoder", required = true, paramLabel = "NAME", description = "the encoder to export, as the recipe names it")
    String encoder;

    @Option(names = "--format", defaultValue = "torchvision", description = "torchvision (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write (.npz)")
    Path out;

    @Override
    public Integer call() throws Exception {
        return folder.run(recipe -> {
            var declared = TrainedModel.declared(recipe, encoder);
            try (var model = folder.open(recipe)) {
                var trained = model.encoder(encoder);
                if (!TorchvisionWeights.named(trained)) {
                    throw new UserError("encoder '" + encoder + "' is a " + declared.type() + " encoder, which torchvision does"
                            + " not define: --format torchvision writes resnet encoders");
                }
                Files.createDirectories(out.toAbsolutePath().getParent());
                TorchvisionWeights.write(trained, out);
                System.out.printf("wrote encoder '%s' (%s) as a torchvision state dict to %s%n", encoder, declared.type(), out);
            }
        });
    }
}
