package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.api.TrainedRun;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run of a small audio-visual recipe on generated files: every stage real, every output checked. */
class TrainingRunTest {
    @TempDir
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void makeData() throws Exception {
        manifest = SynthAv.generate(dir.resolve("data"), 96, 5, 2, done -> {});
        // one unreadable file: the run must skip it, name it, and go on
        var lines = Files.readAllLines(manifest);
        var broken = lines.get(1).split(",")[1];
        Files.writeString(manifest.getParent().resolve(broken), "not an image");
    }

    private static Path recipe(String name, int epochs) throws Exception {
        var text = """
                name: %s
                seed: 3
                dataset: {type: manifest, path: %s, split: {train: 0.75, test: 0.25}}
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 24, scale: [0.6, 1]}, hflip, normalize]}
                  img_b: {like: img_a}
                  sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
                  later: {from: audio, ops: [clip: {seconds: 0.5, at: anchor + 0.25s}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
                encoders:
                  image: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [img_a, img_b]}
                  audio: {type: conv, widths: [8, 16], dim: 16, projection: 16, downsample: stride, views: [sound, later]}
                pairs:
                  - {name: image-image, views: [img_a, img_b], bound: infonce, critic: {type: cosine, temperature: 0.2}, weight: 0.5}
                  - {name: image-audio, views: [img_a, sound], bound: infonce, critic: bilinear}
                  - {name: audio-later, views: [sound, later], bound: infonce, critic: cosine, weight: 0.5}
                train: {epochs: %d, batch: 16, optimizer: {type: adamw, lr: 3e-3}, schedule: cosine, warmup_steps: 2, workers: 2, checkpoint_every: 4}
                eval: {linear_probe: {label: label}, knn: {k: 5}, retrieval: [[img_a, sound]]}
                """.formatted(name, manifest, epochs);
        var file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    @SuppressWarnings("unchecked")
    void runWritesEveryOutputAndTheSummaryContract() throws Exception {
        var recipe = new RecipeLoader().load(recipe("tiny", 3));
        var runDir = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        var summary = new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        for (var f : List.of("recipe.yaml", "metrics.jsonl", "summary.json", "mi.png", "loss.png", "lr.png",
                "geometry.png", "tsne-image.png", "tsne-audio.png", "report.html", "bad_inputs.jsonl",
                "checkpoint/checkpoint.properties")) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f + " is written");
        }
        var json = new ObjectMapper().readValue(runDir.resolve("summary.json").toFile(), Map.class);
        assertEquals(recipe.hash(), json.get("recipe_hash"));
        assertTrue(((Number) json.get("wall_seconds")).doubleValue() > 0);
        // 95 readable samples, about 71 in train: 4 batches of 16 per epoch
        long steps = ((Number) json.get("steps")).longValue();
        assertTrue(steps >= 3 * 3 && steps <= 3 * 5, "steps " + steps);
        var pairs = (Map<String, Map<String, Object>>) json.get("pairs");
        assertEquals(List.of("image-image", "image-audio", "audio-later"), List.copyOf(pairs.keySet()));
        for (var p : pairs.values()) {
            assertEquals("infonce", p.get("bound"));
            assertEquals(Math.log(16), ((Number) p.get("log_k")).doubleValue(), 1e-9);
            assertTrue(((Number) p.get("final_nats")).doubleValue() <= Math.log(16) + 1e-4);
        }
        var eval = (Map<String, Object>) json.get("eval");
        var probe = (Map<String, Map<String, Object>>) eval.get("linear_probe");
        assertEquals(List.of("image", "audio"), List.copyOf(probe.keySet()));
        for (var p : probe.values()) {
            for (var k : List.of("trained", "random_init")) {
                double acc = ((Number) p.get(k)).doubleValue();
                assertTrue(acc >= 0 && acc <= 1, k + " accuracy " + acc);
            }
            // the penalty was chosen on a validation split, and the protocol says so
            assertTrue(String.valueOf(p.get("protocol")).contains("held-out rows"), String.valueOf(p.get("protocol")));
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("protocol: multinomial logistic regression"));
        var knn = (Map<String, Map<String, Number>>) eval.get("knn");
        assertEquals(List.of("image", "audio"), List.copyOf(knn.keySet()));
        for (var p : knn.values()) {
            double acc = p.get("trained").doubleValue();
            assertTrue(acc >= 0 && acc <= 1, "kNN accuracy " + acc);
        }
        var retrieval = (Map<String, Map<String, Number>>) eval.get("retrieval");
        var r = retrieval.get("img_a->sound");
        assertTrue(r.get("r1").doubleValue() <= r.get("r5").doubleValue());
        assertTrue(r.get("r5").doubleValue() <= r.get("r10").doubleValue());
        assertTrue(r.get("queries").intValue() > 10);

        // a checkpoint every 4 steps, replaced atomically: only the final one is left, nothing half-written
        var all = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        long checkpoints = all.stream().filter(l -> l.contains("\"checkpoint\"")).count();
        assertEquals(steps / 4, checkpoints);
        assertTrue(Files.isDirectory(runDir.resolve("checkpoint")));
        assertTrue(Files.notExists(runDir.resolve("checkpoint.tmp")) && Files.notExists(runDir.resolve("checkpoint.old")));

        // the broken image is skipped, counted once, and named
        var bad = Files.readAllLines(runDir.resolve("bad_inputs.jsonl"));
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).contains("s00000"), bad.get(0));
        assertEquals(1, ((Number) ((Map<String, Object>) json.get("data")).get("bad_inputs")).intValue());

        // one step record per step, each within its ceiling
        var records = Files.readAllLines(runDir.resolve("metrics.jsonl")).stream()
                .map(l -> {
                    try {
                        return new ObjectMapper().readValue(l, Map.class);
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                }).filter(m -> "step".equals(m.get("type"))).toList();
        assertEquals(steps, records.size());
        // every step record carries each pair's alignment and uniformity, each view's std, in range
        for (var record : records) {
            var stepPairs = (Map<String, Map<String, Number>>) record.get("pairs");
            assertEquals(pairs.keySet(), stepPairs.keySet());
            for (var p : stepPairs.values()) {
                double alignment = p.get("alignment").doubleValue();
                double uniformity = p.get("uniformity").doubleValue();
                assertTrue(alignment >= 0 && alignment <= 4, "alignment " + alignment);
                assertTrue(uniformity >= -8 && uniformity <= 0, "uniformity " + uniformity);
            }
            var stepViews = (Map<String, Map<String, Number>>) record.get("views");
            assertEquals(java.util.Set.of("img_a", "img_b", "sound", "later"), stepViews.keySet());
            stepViews.values().forEach(v -> assertTrue(v.get("std").doubleValue() > 0, "std " + v));
        }
        assertTrue(json.get("warnings") instanceof List, "summary.json lists its warnings");

        // the report: one page with every pair, every plot and the recipe
        var html = Files.readString(runDir.resolve("report.html"));
        for (var pair : pairs.keySet()) {
            assertTrue(html.contains(">" + pair + "<"), pair + " in the report");
        }
        for (var plot : List.of("mi.png", "loss.png", "lr.png", "geometry.png", "tsne-image.png", "tsne-audio.png")) {
            assertTrue(html.contains("<img src=\"" + plot + "\""), plot + " in the report");
        }
        assertTrue(html.contains("img_a-&gt;sound") && html.contains("name: tiny"), "retrieval and recipe in the report");
        assertTrue(html.trim().endsWith("</html>"));
        // the embeddings leave as NumPy: one row per readable test sample, ids beside them, reproducible
        var npy = dir.resolve("emb/image.npy");
        var written = Embedding.write(recipe, runDir, "img_a", "test", npy, null);
        float[][] rows = dev.viewpair.datasets.npy.Npy.readMatrix(npy);
        assertEquals(written.rows(), rows.length);
        assertEquals(16, rows[0].length);
        assertEquals(rows.length + 1, Files.readAllLines(written.ids()).size());
        var again = Embedding.write(recipe, runDir, "img_a", "test", dir.resolve("emb/again.npy"), "cpu");
        assertEquals(written.rows(), again.rows());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(npy), Files.readAllBytes(dir.resolve("emb/again.npy"))));
        // the Java API reads the same model through the same Inference: the same rows, and the pairs' scores
        try (var run = TrainedRun.open(runDir, "cpu")) {
            var test = run.views().dataset("test");
            float[][] viaApi = run.embed("img_a", test);
            assertEquals(rows.length, viaApi.length);
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(rows[i], viaApi[i], "row " + i);
            }
            float[][] scores = run.pairScores("image-audio", test);
            assertEquals(rows.length, scores.length);
            assertEquals(rows.length, scores[0].length);
            var unknown = assertThrows(IllegalArgumentException.class, () -> run.pairScores("image-sound", test));
            assertTrue(unknown.getMessage().contains("image-image, image-audio, audio-later"), unknown.getMessage());
        }

        var table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("linear probe") && table.contains("img_a->sound"), table);
        assertEquals(((Number) summary.get("steps")).longValue(), steps);
    }

    @Test
    void aViewWhoseStdStaysUnderATenthOfUniformIsWarnedAboutOnce() throws Exception {
        var recipe = new RecipeLoader().load(recipe("watch", 1));
        var printed = new java.util.ArrayList<String>();
        CollapseWatch watch;
        try (var trainer = RecipeTrainer.build(recipe, List.of(Device.cpu()), 1)) {
            watch = new CollapseWatch(recipe, trainer::encoder, printed::add);
        }
        double limit = 0.1 / Math.sqrt(16); // projection 16
        // img_a collapses; sound dips below for a while, recovers, never for 20 steps in a row
        for (int step = 0; step < 3 * CollapseWatch.STEPS; step++) {
            double sound = step % 15 == 14 ? 0.2 : limit / 2;
            watch.accept(new dev.viewpair.encoders.train.StepMetrics(0, step, 0, 0, Map.of(), Map.of(), Map.of(),
                    Map.of(), Map.of("img_a", limit / 3, "sound", sound), 0, 0));
            assertEquals(step < CollapseWatch.STEPS - 1 ? 0 : 1, printed.size(), "step " + step);
        }
        assertEquals(printed, watch.warnings());
        assertTrue(printed.get(0).contains("'img_a'") && printed.get(0).contains("'image'"), printed.get(0));
    }

    @Test
    void sameSeedGivesTheSameRun() throws Exception {
        var recipe = new RecipeLoader().load(recipe("again", 1));
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // libtorch with two threads sums in a load-dependent order, and AdamW turns the sign of a near-zero
        // gradient into a full step, so two-thread runs drift apart within a few steps on a busy machine; one
        // thread is exact
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch, whose thread count is set below
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            new Training(recipe, dir.resolve("a"), quiet).run();
            new Training(recipe, dir.resolve("b"), quiet).run();
        } finally {
            JniUtils.setNumThreads(threads);
        }
        var a = losses(dir.resolve("a"));
        var b = losses(dir.resolve("b"));
        assertEquals(a.size(), b.size());
        // same views, same initialization, same order: the same losses
        assertEquals(a, b);
    }

    private static List<Double> losses(Path run) throws Exception {
        var mapper = new ObjectMapper();
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> {
            try {
                return mapper.readValue(l, Map.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(m -> "step".equals(m.get("type"))).map(m -> ((Number) m.get("loss")).doubleValue()).toList();
    }
}
