package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.encoders.nn.ResNet;
import dev.viewpair.encoders.nn.TorchvisionWeights;
import dev.viewpair.recipes.api.Encoders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resnet started from {@code init: FILE} keeps {@code init} in its run's recipe as written, but once the run has a
 * checkpoint its weights come from there: the run resumes, embeds and encodes after the file is gone, while a fresh
 * start of the recipe is refused at {@code init}.
 */
class StartingWeightsGoneTest {
    @TempDir
    static Path dir;
    private static Path recipe;
    private static Path init;

    @BeforeAll
    static void weightsAndRecipe() throws Exception {
        SynthAv.generate(dir.resolve("data"), 8, 3, 1, done -> {});
        init = dir.resolve("r18.npz");
        try (var manager = NDManager.newBaseManager()) {
            var start = ResNet.builder().depth(18).stem(ResNet.Stem.CIFAR).width(0.125).build();
            start.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            TorchvisionWeights.write(start, init);
        }
        recipe = Files.writeString(dir.resolve("init.yaml"), """
                name: init
                seed: 2
                dataset: {type: manifest, path: data/manifest.csv}
                views:
                  a: {from: image, ops: [random_resized_crop: {size: 16}, normalize]}
                  b: {like: a}
                encoders:
                  image: {type: resnet, depth: 18, stem: cifar, width: 0.125, init: r18.npz, views: [a, b]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 4, workers: 1}
                """);
    }

    @Test
    void aRunWhoseInitFileIsGoneResumesAndEncodesFromItsCheckpoint() throws Exception {
        var run = dir.resolve("run");
        var trained = CliRun.of("train", recipe.toString(), "--out", run.toString());
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("init: " + init), "init is recorded as written");
        float[][] before;
        var view = new float[3 * 16 * 16];
        view[5] = 1;
        try (var image = Encoders.load(run, "image", "cpu")) {
            before = image.embed(view);
        }
        Files.delete(init);

        var resumed = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 2"), resumed.out());
        try (var image = Encoders.load(run, "image", "cpu")) {
            var after = image.embed(view);
            for (int j = 0; j < before[0].length; j++) {
                assertEquals(before[0][j], after[0][j], 0f, "the checkpoint's weights, not a fresh start's");
            }
        }
        var embedded = CliRun.of("embed", run.toString(), "--view", "a", "--out", dir.resolve("z.npy").toString());
        assertEquals(0, embedded.exit(), embedded.err());

        // a fresh start needs the file, and is refused at init before anything runs
        var fresh = CliRun.of("validate", recipe.toString());
        assertEquals(Main.USER_ERROR, fresh.exit());
        assertEquals(recipe + ":8:69: encoders.image.init " + init + " does not exist — give the state dict of a torchvision"
                + " resnet18 (numpy.savez of its state_dict()), or the depth, width and stem it was trained with",
                fresh.err().lines().findFirst().orElseThrow());
    }
}
