package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.encoders.nn.R2Plus1D;
import dev.viewpair.recipes.api.OnnxEncoderModel;
import dev.viewpair.recipes.api.TrainedRun;
import dev.viewpair.recipes.cli.CliRun;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-step runs on generated videos: a frame–sound pair with hard negatives (the sound one second later), a 32-px and
 * a 16-px frame view through one conv encoder, and clips through an r2plus1d and a per-frame resnet, which leave as ONNX
 * models that ONNX Runtime runs to the run's embeddings.
 */
class VideoRunTest {
    @TempDir
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void makeData() throws Exception {
        manifest = SynthVideo.generate(dir.resolve("data"), 24, 4); // about 19 train samples: two full batches of 8
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String name, String body) throws Exception {
        var file = Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                seed: 3
                dataset: {type: manifest, path: %s, split: {train: 0.8, test: 0.2}}
                %s
                train: {epochs: 1, batch: 8, workers: 1}
                """.formatted(name, manifest, body));
        var recipe = new RecipeLoader().load(file);
        var runDir = dir.resolve(name);
        var printed = new ByteArrayOutputStream();
        new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        var summary = new ObjectMapper().readValue(runDir.resolve("summary.json").toFile(), Map.class);
        assertEquals(2, ((Number) summary.get("steps")).intValue(), "two full batches");
        assertEquals(recipe, new RecipeLoader().load(runDir.resolve("recipe.yaml")), "the run's recipe reads back the same");
        return summary;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPairWithHardNegativesTrainsAndReportsItsLog2KCeiling() throws Exception {
        var summary = run("hard", """
                views:
                  frame: {from: video, ops: [frames: {n: 2, rate: 8, at: anchor, size: 16}]}
                  sound: {from: video, ops: [audio_window: {seconds: 0.5, at: anchor - 0.25s}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
                  shifted: {from: video, ops: [audio_window: {seconds: 0.5, at: anchor + 0.75s, jitter: 0.25}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
                encoders:
                  vision: {type: conv, widths: [4, 8], dim: 8, views: [frame]}
                  audio: {type: conv, widths: [4, 8], dim: 8, downsample: stride, views: [sound, shifted]}
                pairs:
                  - {name: frame-sound, views: [frame, sound], bound: {type: infonce, symmetric: true}, critic: cosine, negatives: {view: shifted}}
                eval: {sync: {pair: frame-sound, windows: 2, offsets: [1.0]}}""");
        var pair = ((Map<String, Map<String, Object>>) summary.get("pairs")).get("frame-sound");
        double ceiling = (Math.log(16) + Math.log(8)) / 2; // rows pick among 2K, columns among K
        assertEquals(ceiling, ((Number) pair.get("log_k")).doubleValue(), 1e-9);
        assertEquals("shifted", pair.get("hard_negatives"));
        double nats = ((Number) pair.get("final_nats")).doubleValue();
        assertTrue(Double.isFinite(nats) && nats <= ceiling + 1e-4, "final nats " + nats);
        // two anchors per test video, 1 s later and earlier; synth-video lists its onsets, which tell the ties
        var sync = ((Map<String, Map<String, Map<String, Object>>>) ((Map<String, Object>) summary.get("eval")).get("sync"))
                .get("frame-sound");
        assertEquals(java.util.List.of("+1s", "-1s"), java.util.List.copyOf(sync.keySet()));
        for (var offset : sync.values()) {
            assertEquals("onsets", offset.get("ties_by"));
            long trials = ((Number) offset.get("trials")).longValue();
            assertTrue(trials > 0 && trials % 2 == 0, "two anchors per test video: " + trials);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void clipsTrainAnR2plus1dAndAPerFrameResnet() throws Exception {
        var summary = run("clips", """
                views:
                  clip: {from: video, ops: [frames: {n: 4, rate: 8, at: anchor, size: 16}, hflip, normalize]}
                  later: {from: video, ops: [frames: {n: 2, rate: 8, at: anchor + 0.5s, size: 16}, normalize]}
                encoders:
                  video: {type: r2plus1d, width: 0.125, projection: 8, views: [clip]}
                  frames: {type: resnet, width: 0.125, stem: cifar, per_frame: max, projection: 8, views: [later]}
                pairs:
                  - {views: [clip, later], bound: infonce, critic: cosine}""");
        var pair = ((Map<String, Map<String, Object>>) summary.get("pairs")).get("clip-later");
        double nats = ((Number) pair.get("final_nats")).doubleValue();
        assertTrue(Double.isFinite(nats) && nats <= Math.log(8) + 1e-4, "final nats " + nats);
        // the trained encoders load from the run's checkpoint and embed clips of other lengths and sizes
        var clips = new float[2 * 6 * 24 * 24];
        var random = new Random(5);
        for (int i = 0; i < clips.length; i++) {
            clips[i] = (float) random.nextGaussian();
        }
        float[][] video;
        try (var trained = TrainedRun.open(dir.resolve("clips"), "cpu")) {
            video = trained.encode("video", clips, 2, 6, 24, 24);
            assertEquals(64, video[0].length, "8 · round(64 · 0.125) channels of layer4");
            var frames = trained.encode("frames", new float[3 * 12 * 16 * 16], 3, 12, 16, 16);
            assertEquals(64, frames[2].length);
        }
        // both leave as ONNX models, which ONNX Runtime runs to the run's embeddings of clips of the trained length
        exportsToOnnx("video", 2, 12, 24, 20);
        exportsToOnnx("frames", 3, 6, 16, 24);
        // the r2plus1d leaves as a torchvision state dict, which a fresh one of its width reads into the same embedding
        var npz = dir.resolve("video.npz");
        var export = CliRun.of("export", dir.resolve("clips").toString(), "--encoder", "video", "--format", "torchvision",
                "--out", npz.toString());
        assertEquals(0, export.exit(), export.err());
        try (var manager = NDManager.newBaseManager()) {
            var fresh = R2Plus1D.builder().width(0.125).init(npz).build();
            var x = manager.create(clips, new Shape(2, 6, 24, 24));
            fresh.initialize(manager, DataType.FLOAT32, x.getShape());
            var again = fresh.embed(x).toFloatArray();
            for (int i = 0; i < 64; i++) {
                assertEquals(video[1][i], again[64 + i], 1e-4, "feature " + i);
            }
        }
    }

    /**
     * {@code export … --format onnx} of an encoder of the clips run, and ONNX Runtime's embeddings of random frame stacks
     * of this shape against the run's (within 1e-4).
     */
    private static void exportsToOnnx(String encoder, long... shape) throws Exception {
        var file = dir.resolve(encoder + ".onnx");
        var export = CliRun.of("export", dir.resolve("clips").toString(), "--encoder", encoder, "--format", "onnx",
                "--out", file.toString());
        assertEquals(0, export.exit(), export.err());
        var values = new float[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        var random = new Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[][] expected;
        try (var trained = TrainedRun.open(dir.resolve("clips"), "cpu")) {
            expected = trained.encode(encoder, values, shape);
        }
        try (var model = OnnxEncoderModel.open(file)) {
            var actual = model.embedBatch(values, shape);
            assertEquals(expected.length, actual.length);
            double largest = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    largest = Math.max(largest, Math.abs(expected[i][j] - actual[i][j]));
                    scale = Math.max(scale, Math.abs(expected[i][j]));
                }
            }
            assertTrue(largest <= 1e-4 * Math.max(1, scale), encoder + ": largest difference " + largest);
            assertTrue(scale > 1e-3, encoder + ": all zeros, the comparison would prove nothing");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a32pxAnd16pxViewShareOneConvEncoder() throws Exception {
        var summary = run("sizes", """
                views:
                  big: {from: video, ops: [frames: {n: 1, at: anchor, size: 32}]}
                  small: {from: video, ops: [frames: {n: 1, at: anchor + 0.5s, size: 16}]}
                encoders:
                  vision: {type: conv, widths: [4, 8], dim: 8, views: [big, small]}
                pairs:
                  - {views: [big, small], bound: infonce, critic: cosine}""");
        var pair = ((Map<String, Map<String, Object>>) summary.get("pairs")).get("big-small");
        double nats = ((Number) pair.get("final_nats")).doubleValue();
        assertTrue(Double.isFinite(nats) && nats <= Math.log(8) + 1e-4, "final nats " + nats);
    }
}
