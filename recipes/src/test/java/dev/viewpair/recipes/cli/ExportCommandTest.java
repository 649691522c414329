package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.encoders.nn.ResNet;
import dev.viewpair.encoders.nn.TorchvisionWeights;
import dev.viewpair.recipes.run.TrainedModel;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viewpair export}: a trained resnet leaves the run folder as a torchvision state dict that gives, read into
 * a fresh ResNet, the trained encoder's embeddings; encoders torchvision does not define, and unknown names, are a
 * user's error.
 */
class ExportCommandTest {
    @TempDir
    static Path dir;
    private static Path runDir;

    /** Two steps of a small CIFAR-stem ResNet-18 (width 1/8) beside a conv encoder, on generated images. */
    @BeforeAll
    static void train() throws Exception {
        SynthAv.generate(dir.resolve("data"), 8, 3, 1, done -> {});
        var recipeFile = Files.writeString(dir.resolve("export.yaml"), """
                name: export
                seed: 5
                dataset: {type: manifest, path: data/manifest.csv}
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 32}, normalize]}
                  img_b: {like: img_a}
                encoders:
                  image: {type: resnet, depth: 18, stem: cifar, width: 0.125, views: [img_a]}
                  other: {type: conv, widths: [4], dim: 64, views: [img_b]}
                pairs:
                  - {views: [img_a, img_b], bound: infonce, critic: dot}
                train: {epochs: 1, batch: 4, workers: 1}
                """);
        runDir = dir.resolve("run");
        var recipe = new RecipeLoader().load(recipeFile);
        new Training(recipe, runDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    }

    @Test
    void aTrainedResNetReadIntoAFreshOneEmbedsAsTheRunDoes() throws Exception {
        var file = dir.resolve("out/resnet18.npz");
        var r = CliRun.of("export", runDir.toString(), "--encoder", "image", "--format", "torchvision", "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote encoder 'image' (resnet) as a torchvision state dict to " + file), r.out());

        var recipe = new RecipeLoader().load(runDir.resolve("recipe.yaml"));
        try (var manager = NDManager.newBaseManager();
                var model = TrainedModel.open(recipe, runDir, "cpu")) {
            var fresh = ResNet.builder().depth(18).stem(ResNet.Stem.CIFAR).width(0.125).build();
            fresh.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            var x = manager.randomNormal(new Shape(3, 3, 32, 32));
            var before = fresh.embed(x);
            TorchvisionWeights.read(fresh, file);
            var trained = model.encoder("image").embed(x);
            var read = fresh.embed(x);
            assertEquals(new Shape(3, 64), read.getShape());
            assertTrue(read.allClose(trained, 1e-6, 1e-6, false), "largest difference " + read.sub(trained).abs().max().getFloat());
            // the file carried the trained weights: a fresh encoder embeds otherwise
            assertTrue(before.sub(trained).abs().max().getFloat() > 1e-3);
        }
    }

    @Test
    void anEncoderTorchvisionDoesNotDefineOrAnUnknownNameIsAUsersError() {
        var out = dir.resolve("other.npz").toString();
        var conv = CliRun.of("export", runDir.toString(), "--encoder", "other", "--out", out);
        assertEquals(Main.USER_ERROR, conv.exit());
        assertTrue(conv.err().contains("encoder 'other' is a conv encoder, which torchvision does not define"), conv.err());
        var typo = CliRun.of("export", runDir.toString(), "--encoder", "imgae", "--out", out);
        assertEquals(Main.USER_ERROR, typo.exit());
        assertTrue(typo.err().contains("the run has no encoder 'imgae' — did you mean 'image'?"), typo.err());
        assertTrue(Files.notExists(Path.of(out)));
    }
}
