package dev.viewpair.recipes.cli;

import dev.viewpair.encoders.nn.EncoderOnnx;
import dev.viewpair.encoders.nn.TorchvisionWeights;
import dev.viewpair.encoders.onnx.OnnxGraph;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code viewpair export RUN_DIR --encoder NAME --format torchvision|onnx --out FILE}: a trained encoder's weights in a
 * form another framework loads. {@code torchvision}: the backbone's state dict under torchvision's keys as a NumPy
 * {@code .npz} ({@code torchvision.models.resnet18().load_state_dict}, the classifier aside), for the encoder types
 * torchvision defines (resnet, r2plus1d). {@code onnx}: the whole encoder as an ONNX model ({@link EncoderOnnx}: input {@code
 * view}, output {@code embedding}, and {@code projection} with {@code --projection}), for every encoder type.
 */
@Command(name = "export", description = "Write a trained encoder for another framework (torchvision: a resnet's or r2plus1d's "
        + "state dict as .npz; onnx: any encoder as an ONNX model).")
final class ExportCommand implements Callable<Integer> {
    /** The formats written; the first is the default. */
    enum Format { torchvision, onnx }

    @Mixin
    RunFolder folder;

    @Option(names = "--encoder", required = true, paramLabel = "NAME", description = "the encoder to export, as the recipe names it")
    String encoder;

    @Option(names = "--format", defaultValue = "torchvision", description = "torchvision or onnx (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write (.npz, .onnx)")
    Path out;

    @Option(names = "--projection", description = "onnx: add the projection head's output (projection) to the embedding")
    boolean projection;

    @Override
    public Integer call() throws Exception {
        return folder.run(recipe -> {
            var declared = TrainedModel.declared(recipe, encoder);
            if (projection && format != Format.onnx) {
                throw new UserError("--projection applies to --format onnx only: a torchvision state dict holds the backbone");
            }
            try (var model = folder.open(recipe)) {
                if (format == Format.onnx) {
                    writeOnnx(model, declared);
                } else {
                    writeTorchvision(model, declared);
                }
            }
        });
    }

    private void writeTorchvision(TrainedModel model, EncoderDecl declared) throws IOException {
        var trained = model.encoder(encoder);
        if (!TorchvisionWeights.named(trained)) {
            throw new UserError("encoder '" + encoder + "' is a " + declared.type() + " encoder, which torchvision does"
                    + " not define: --format torchvision writes resnet and r2plus1d encoders (--format onnx writes every type)");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        TorchvisionWeights.write(trained, out);
        System.out.printf("wrote encoder '%s' (%s) as a torchvision state dict to %s%n", encoder, declared.type(), out);
    }

    private void writeOnnx(TrainedModel model, EncoderDecl declared) throws IOException {
        byte[] file;
        try {
            file = EncoderOnnx.model(model.encoder(encoder), encoder, model.viewShape(encoder), projection,
                    PomVersion.version());
        } catch (IllegalArgumentException e) {
            throw new UserError("encoder '" + encoder + "' (" + declared.type() + ") cannot be written as ONNX: "
                    + e.getMessage());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, file);
        System.out.printf("wrote encoder '%s' (%s) as an ONNX model (opset %d, input %s, output %s) to %s%n", encoder,
                declared.type(), OnnxGraph.OPSET, EncoderOnnx.INPUT,
                projection ? EncoderOnnx.EMBEDDING + " and " + EncoderOnnx.PROJECTION : EncoderOnnx.EMBEDDING, out);
    }
}
