package dev.viewpair.recipes.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.recipes.TinyRuns;
import dev.viewpair.recipes.cli.CliRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained encoder outside its recipe: {@link Encoders#load} of a run folder embeds the views the recipe makes as
 * {@link TrainedRun#embed} does, view tensors from a {@code .npy} as {@code ./viewpair encode} does, and
 * {@code examples/EncodeExample.java} prints its embeddings; a wrong name, folder or view is an error that says
 * what there is.
 */
class EncodersTest {
    @TempDir
    static Path dir;
    private static Path runDir;

    /** One epoch of a small conv encoder, fed a random crop and a plain (deterministic) view of generated images. */
    @BeforeAll
    static void train() throws Exception {
        runDir = TinyRuns.train(dir, "encoders", """
                name: encoders
                seed: 3
                dataset: {type: manifest, path: data/manifest.csv}
                views:
                  crop: {from: image, ops: [random_resized_crop: {size: 16}, normalize]}
                  plain: {from: image, ops: [resize: {size: 16}, center_crop: {size: 16}, normalize]}
                encoders:
                  image: {type: conv, widths: [4, 8], dim: 24, views: [crop, plain]}
                pairs:
                  - {views: [crop, plain], bound: infonce, critic: dot}
                train: {epochs: 1, batch: 4, workers: 1}
                """);
    }

    /** The plain view of every sample, flat, in source order. */
    private static List<float[]> plainViews(TrainedRun run) throws Exception {
        var views = new ArrayList<float[]>();
        for (var v : run.views().iterate(run.views().dataset(), 0)) {
            assertTrue(v.ok(), v.problem());
            views.add(v.views().get("plain").data());
        }
        return views;
    }

    @Test
    void theEncoderEmbedsTheRecipesViewsAsTheRunDoes() throws Exception {
        try (var run = TrainedRun.open(runDir, "cpu");
                var image = Encoders.load(runDir, "image", "cpu")) {
            assertEquals("image", image.name());
            assertArrayEquals(new long[] {3, 16, 16}, image.viewShape());
            assertEquals(24, image.dim());
            var views = plainViews(run);
            var rows = image.embed(views.toArray(float[][]::new));
            var expected = run.embed("plain", run.views().dataset());
            assertEquals(8, rows.length);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(24, rows[i].length);
                assertArrayEquals(expected[i], rows[i], 1e-5f, "sample " + i);
            }
            // one view alone gives its row (inference mode: no batch statistics)
            assertArrayEquals(rows[3], image.embed(views.get(3))[0], 1e-5f);
            assertEquals(0, image.embed().length);
        }
    }

    @Test
    void encodeOnTheCommandLineGivesTheJavaApisRows() throws Exception {
        var random = new Random(7);
        var values = new float[5 * 3 * 16 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        var x = writeNpy(dir.resolve("x.npy"), values, 5, 3, 16, 16);
        var z = dir.resolve("z.npy");
        var r = CliRun.of("encode", runDir.toString(), "--encoder", "image", "--device", "cpu", "--input", x.toString(),
                "--out", z.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 5 × 24 embeddings (encoder 'image') to " + z), r.out());
        var written = Npy.readMatrix(z);
        try (var image = Encoders.load(runDir, "image", "cpu");
                var run = TrainedRun.open(runDir, "cpu")) {
            var api = image.embedBatch(values, 5, 3, 16, 16);
            var viewByView = new float[5][];
            for (int i = 0; i < 5; i++) {
                viewByView[i] = Arrays.copyOfRange(values, i * 768, (i + 1) * 768);
            }
            var rows = image.embed(viewByView);
            var trainedRun = run.encode("image", values, 5, 3, 16, 16);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(written[i], api[i], 0f, "row " + i);
                assertArrayEquals(api[i], rows[i], 0f, "row " + i + ", views given one by one");
                assertArrayEquals(api[i], trainedRun[i], 0f, "row " + i + " through TrainedRun");
            }
        }
    }

    @Test
    void aWrongNameFolderOrViewSaysWhatThereIs() throws Exception {
        var typo = assertThrows(IllegalArgumentException.class, () -> Encoders.load(runDir, "imgae", "cpu"));
        assertEquals(runDir + ": the run has no encoder 'imgae' — did you mean 'image'? (its encoders: image)", typo.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Encoders.load(dir.resolve("data"), "image"));
        assertTrue(none.getMessage().startsWith(dir.resolve("data") + " is not a finished run folder: it needs recipe.yaml"
                + " and checkpoint/ (written by ./viewpair train RECIPE --out "), none.getMessage());
        try (var image = Encoders.load(runDir, "image", "cpu")) {
            var shortView = assertThrows(IllegalArgumentException.class, () -> image.embed(new float[768], new float[700]));
            assertEquals("encoder 'image' takes views of shape [3, 16, 16] (768 values each), but view 1 holds 700 values: "
                    + "give each view flat, in C order, or call embedBatch(values, shape) with its shape", shortView.getMessage());
            var flat = assertThrows(IllegalArgumentException.class, () -> image.embedBatch(new float[2 * 768], 2, 768));
            assertTrue(flat.getMessage().contains("encoder 'image' cannot take tensors of shape [2, 768]"), flat.getMessage());
        }
        var cli = CliRun.of("encode", runDir.toString(), "--encoder", "imgae", "--input", "x.npy", "--out", "z.npy");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("the run has no encoder 'imgae' — did you mean 'image'? (its encoders: image)"), cli.err());
    }

    @Test
    void theExamplePrintsTheEmbeddingsOfViewsMadeInCode() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var example = Path.of("..", "examples", "EncodeExample.java").toAbsolutePath().normalize();
        var process = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp",
                System.getProperty("java.class.path"), example.toString(), runDir.toString(), "image")
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        // the same lines, computed here
        try (var image = Encoders.load(runDir, "image")) {
            var ones = new float[768];
            Arrays.fill(ones, 1);
            var noise = new float[768];
            var random = new Random(0);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            var rows = image.embed(new float[768], ones, noise);
            var expected = new ArrayList<String>();
            expected.add("encoder 'image': views [3, 16, 16], embeddings of 24");
            String[] names = {"zeros", "ones", "noise"};
            for (int v = 0; v < 3; v++) {
                double norm = 0;
                for (float x : rows[v]) {
                    norm += x * x;
                }
                expected.add(String.format("%s: norm %.5f, first %.5f %.5f %.5f", names[v], Math.sqrt(norm), rows[v][0],
                        rows[v][1], rows[v][2]));
            }
            assertEquals(expected, output.lines().filter(l -> !l.isBlank()).toList());
        }
    }

    /** Writes a C-order float32 array of any rank as NumPy's {@code numpy.save} does. */
    private static Path writeNpy(Path file, float[] values, long... shape) throws Exception {
        var data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        var header = Npy.header("<f4", shape);
        var bytes = new byte[header.length + data.capacity()];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(data.array(), 0, bytes, header.length, data.capacity());
        return Files.write(file, bytes);
    }
}
