package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.encoders.nn.ResNet;
import dev.viewpair.encoders.nn.TorchvisionWeights;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.recipes.TinyRuns;
import dev.viewpair.recipes.api.TrainedRun;
import dev.viewpair.recipes.run.TrainedModel;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained encoder outside its run: {@code viewpair export} writes a resnet as a torchvision state dict that gives,
 * read into a fresh ResNet, the trained encoder's embeddings; {@code viewpair encode} (and {@link TrainedRun#encode})
 * embed view tensors from a {@code .npy} as the trained encoder does. Encoders torchvision does not define, unknown
 * names and tensors of the wrong shape are a user's error.
 */
class TrainedEncoderCommandsTest {
    @TempDir
    static Path dir;
    private static Path runDir;

    /** Two steps of a small CIFAR-stem ResNet-18 (width 1/8) beside a conv encoder, on generated images. */
    @BeforeAll
    static void train() throws Exception {
        runDir = TinyRuns.train(dir, "export", """
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

    /** Writes a C-order float32 array of any rank as NumPy's {@code numpy.save} does. */
    static Path npy(Path file, float[] values, long... shape) throws Exception {
        var data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        var header = Npy.header("<f4", shape);
        var bytes = new byte[header.length + data.capacity()];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(data.array(), 0, bytes, header.length, data.capacity());
        return Files.write(file, bytes);
    }

    @Test
    void encodeEmbedsTensorsFromANpyAsTheTrainedEncoderDoes() throws Exception {
        var random = new java.util.Random(11);
        var values = new float[5 * 3 * 32 * 32];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        var x = npy(dir.resolve("x.npy"), values, 5, 3, 32, 32);
        var z = dir.resolve("out/z.npy");
        var r = CliRun.of("encode", runDir.toString(), "--encoder", "image", "--input", x.toString(), "--out", z.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 5 × 64 embeddings (encoder 'image') to " + z), r.out());
        var rows = Npy.readMatrix(z);
        assertEquals(5, rows.length);

        var recipe = new RecipeLoader().load(runDir.resolve("recipe.yaml"));
        try (var manager = NDManager.newBaseManager();
                var model = TrainedModel.open(recipe, runDir, "cpu");
                var run = TrainedRun.open(runDir, "cpu")) {
            var expected = model.encoder("image").embed(manager.create(values, new Shape(5, 3, 32, 32))).toFloatArray();
            var api = run.encode("image", values, 5, 3, 32, 32);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 64; j++) {
                    assertEquals(expected[i * 64 + j], rows[i][j], 1e-6, "row " + i);
                    assertEquals(rows[i][j], api[i][j], 0, "row " + i + " through the Java API");
                }
            }
        }
    }

    @Test
    void tensorsOfAnotherRankAreAUsersErrorNamingTheShape() throws Exception {
        var x = npy(dir.resolve("flat.npy"), new float[2 * 3 * 32], 2, 3, 32);
        var r = CliRun.of("encode", runDir.toString(), "--encoder", "image", "--input", x.toString(), "--out",
                dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("encoder 'image' cannot take tensors of shape [2, 3, 32]"), r.err());
        assertTrue(Files.notExists(dir.resolve("never.npy")));
    }
}
