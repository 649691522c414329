package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.recipes.TinyRuns;
import dev.viewpair.recipes.api.OnnxEncoderModel;
import dev.viewpair.recipes.api.TrainedRun;
import dev.viewpair.recipes.run.TrainedModel;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viewpair export … --format onnx} writes a trained run's encoder as an ONNX model that ONNX Runtime runs to the
 * run's embeddings and projections (within 1e-4) on views of the run's own images; {@code viewpair encode MODEL.onnx}
 * and {@link OnnxEncoderModel} embed through it as {@code encode RUN_DIR} does.
 */
class OnnxExportCommandTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;
    private static Path runDir;
    /** Views of the run's images, as the recipe makes them: N × 3 × 32 × 32 in C order. */
    private static float[] views;
    private static int count;

    /** Two steps of a CIFAR-stem ResNet-18 (width 1/8, SimCLR head: BatchNorm) and a small ViT on generated images. */
    @BeforeAll
    static void train() throws Exception {
        runDir = TinyRuns.train(dir, "onnx", """
                name: onnx
                seed: 7
                dataset: {type: manifest, path: data/manifest.csv}
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 32}, normalize]}
                  img_b: {like: img_a}
                encoders:
                  image: {type: resnet, depth: 18, stem: cifar, width: 0.125, head: simclr, projection: 8, views: [img_a]}
                  vit: {type: vit, patch: 8, depth: 1, width: 16, heads: 2, head: linear, projection: 8, views: [img_b]}
                pairs:
                  - {views: [img_a, img_b], bound: infonce, critic: dot}
                train: {epochs: 1, batch: 4, workers: 1}
                """);
        try (var run = TrainedRun.open(runDir, "cpu")) {
            var tensors = run.views().stream(run.views().dataset(), 0).filter(v -> v.ok())
                    .map(v -> v.views().get("img_a")).toList();
            count = tensors.size();
            views = new float[count * 3 * 32 * 32];
            for (int i = 0; i < count; i++) {
                assertArrayEquals(new int[] {3, 32, 32}, tensors.get(i).shape());
                System.arraycopy(tensors.get(i).data(), 0, views, i * 3 * 32 * 32, 3 * 32 * 32);
            }
        }
        assertTrue(count >= 8, "views of " + count + " images");
    }

    @Test
    void onnxRuntimeGivesTheRunsEmbeddingsAndProjections() throws Exception {
        var file = dir.resolve("out/image.onnx");
        var r = CliRun.of("export", runDir.toString(), "--encoder", "image", "--format", "onnx", "--projection",
                "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote encoder 'image' (resnet) as an ONNX model (opset 17, input view, output "
                + "embedding and projection) to " + file), r.out());

        var recipe = new RecipeLoader().load(runDir.resolve("recipe.yaml"));
        var env = OrtEnvironment.getEnvironment();
        try (var manager = NDManager.newBaseManager();
                var model = TrainedModel.open(recipe, runDir, "cpu");
                var session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                var tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(views), new long[] {count, 3, 32, 32});
                var result = session.run(Map.of("view", tensor))) {
            var x = manager.create(views, new Shape(count, 3, 32, 32));
            var encoder = model.encoder("image");
            assertClose(encoder.embed(x).toFloatArray(), (float[][]) result.get("embedding").orElseThrow().getValue(), 64);
            assertClose(encoder.project(x).toFloatArray(), (float[][]) result.get("projection").orElseThrow().getValue(), 8);
        }
    }

    @Test
    void encodeRunsTheOnnxFileAsTheRunFolder() throws Exception {
        var file = dir.resolve("vit.onnx");
        var exported = CliRun.of("export", runDir.toString(), "--encoder", "vit", "--format", "onnx", "--out", file.toString());
        assertEquals(0, exported.exit(), exported.err());
        var x = TrainedEncoderCommandsTest.npy(dir.resolve("views.npy"), views, count, 3, 32, 32);

        var fromRun = CliRun.of("encode", runDir.toString(), "--encoder", "vit", "--input", x.toString(), "--out",
                dir.resolve("run-z.npy").toString());
        assertEquals(0, fromRun.exit(), fromRun.err());
        var fromOnnx = CliRun.of("encode", file.toString(), "--input", x.toString(), "--out", dir.resolve("onnx-z.npy").toString());
        assertEquals(0, fromOnnx.exit(), fromOnnx.err());
        assertTrue(fromOnnx.out().contains("wrote " + count + " × 16 embeddings (encoder 'vit') to "), fromOnnx.out());
        var expected = Npy.readMatrix(dir.resolve("run-z.npy"));
        var flat = new float[count * 16];
        for (int i = 0; i < count; i++) {
            System.arraycopy(expected[i], 0, flat, i * 16, 16);
        }
        assertClose(flat, Npy.readMatrix(dir.resolve("onnx-z.npy")), 16);

        try (var model = OnnxEncoderModel.open(file)) {
            assertEquals("vit", model.name());
            assertArrayEquals(new long[] {3, 32, 32}, model.viewShape());
            assertEquals(16, model.dim());
            var one = model.embed(new float[][] {Arrays.copyOfRange(views, 0, 3 * 32 * 32)});
            assertClose(Arrays.copyOfRange(flat, 0, 16), one, 16);
        }
    }

    @Test
    void misusesAreUsersErrors() throws Exception {
        var file = dir.resolve("image-only.onnx");
        assertEquals(0, CliRun.of("export", runDir.toString(), "--encoder", "image", "--format", "onnx", "--out",
                file.toString()).exit());
        var x = TrainedEncoderCommandsTest.npy(dir.resolve("small.npy"), new float[2 * 3 * 32 * 32], 2, 3, 32, 32);
        var named = CliRun.of("encode", file.toString(), "--encoder", "image", "--input", x.toString(), "--out",
                dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, named.exit());
        assertTrue(named.err().contains("holds one encoder: leave --encoder out"), named.err());
        var device = CliRun.of("encode", file.toString(), "--device", "gpu:0", "--input", x.toString(), "--out",
                dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, device.exit());
        assertTrue(device.err().contains("runs on the CPU through ONNX Runtime: leave --device out"), device.err());
        var rank = TrainedEncoderCommandsTest.npy(dir.resolve("flat.npy"), new float[2 * 3 * 32], 2, 3, 32);
        var wrong = CliRun.of("encode", file.toString(), "--input", rank.toString(), "--out", dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, wrong.exit());
        assertTrue(wrong.err().contains("encoder 'image' (" + file + ") cannot take tensors of shape [2, 3, 32]"), wrong.err());
        var missing = CliRun.of("encode", dir.resolve("nothing.onnx").toString(), "--input", x.toString(), "--out",
                dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("nothing.onnx does not exist"), missing.err());
        var projection = CliRun.of("export", runDir.toString(), "--encoder", "image", "--projection", "--out",
                dir.resolve("never.npz").toString());
        assertEquals(Main.USER_ERROR, projection.exit());
        assertTrue(projection.err().contains("--projection applies to --format onnx only"), projection.err());
        var noEncoder = CliRun.of("encode", runDir.toString(), "--input", x.toString(), "--out", dir.resolve("never.npy").toString());
        assertEquals(Main.USER_ERROR, noEncoder.exit());
        assertTrue(noEncoder.err().contains("give --encoder NAME: the run's encoders are image, vit"), noEncoder.err());
        assertTrue(Files.notExists(dir.resolve("never.npy")));
    }

    private static void assertClose(float[] expected, float[][] actual, int cols) {
        assertEquals(expected.length / cols, actual.length);
        double largest = 0;
        for (int i = 0; i < actual.length; i++) {
            assertEquals(cols, actual[i].length);
            for (int j = 0; j < cols; j++) {
                largest = Math.max(largest, Math.abs(expected[i * cols + j] - actual[i][j]));
            }
        }
        assertTrue(largest <= TOLERANCE, "largest difference " + largest);
        assertTrue(Arrays.stream(actual).flatMapToDouble(row -> {
            var d = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                d[j] = Math.abs(row[j]);
            }
            return Arrays.stream(d);
        }).max().orElse(0) > 1e-3, "all zeros: the comparison would prove nothing");
    }
}
