package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.encoders.train.Checkpoint;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.recipes.run.Training;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at a random step after a checkpoint, then resumed with {@code train
 * --resume}, writes the same metrics and results as the same recipe never interrupted. Both run in child JVMs
 * with one libtorch thread, so the numbers must agree exactly. Also the refusals of {@code --resume}.
 */
class ResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STEPS = 24; // 96 training samples / 16 per batch × 4 epochs
    private static final int EVERY = 5;
    private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    static Path dir;
    static Path recipe;
    /** The uninterrupted run, made once for every test. */
    static Path straight;

    @BeforeAll
    static void writeDataAndTrainOnce() throws Exception {
        var idx = Files.createDirectories(dir.resolve("idx"));
        int n = 128;
        int side = 16;
        var random = new Random(4);
        var images = ByteBuffer.allocate(16 + n * side * side).putInt(0x803).putInt(n).putInt(side).putInt(side);
        var labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = i % 4;
            labels.put((byte) label);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    // each class a stripe direction, plus noise
                    int stripe = switch (label) {
                        case 0 -> x;
                        case 1 -> y;
                        case 2 -> x + y;
                        default -> x - y + side;
                    };
                    int value = (stripe / 2) % 2 == 0 ? 200 : 40;
                    images.put((byte) Math.max(0, Math.min(255, value + random.nextInt(61) - 30)));
                }
            }
        }
        Files.write(idx.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(idx.resolve("train-labels-idx1-ubyte"), labels.array());
        recipe = dir.resolve("resume.yaml");
        Files.writeString(recipe, """
                name: resume
                seed: 5
                dataset: {type: idx, path: %s, split: {train: 0.75, test: 0.25}}
                views:
                  a: {from: image, ops: [random_resized_crop: {size: 12, scale: [0.5, 1]}, hflip, normalize]}
                  b: {like: a}
                encoders:
                  net: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [a, b]}
                pairs:
                  - {name: ab, views: [a, b], bound: infonce, critic: {type: cosine, temperature: 0.2}}
                train: {epochs: 4, batch: 16, optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: true},
                        schedule: cosine, warmup_steps: 3, clip_grad_norm: 2.0, checkpoint_every: %d, workers: 2}
                eval: {knn: {k: 3}}
                """.formatted(idx, EVERY));
        straight = dir.resolve("straight");
        var child = child("train", recipe.toString(), "--out", straight.toString());
        assertEquals(0, finish(child), () -> output(child));
    }

    /**
     * A child JVM running the CLI with the test's class path and surefire's flags, libtorch on one thread (one
     * thread makes its sums run in one order, so two runs agree to the bit).
     */
    private static Process child(String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-XX:MaxDirectMemorySize=1g", "-Xmx1g",
                Main.class.getName()));
        command.addAll(List.of(args));
        var log = dir.resolve("child-" + System.nanoTime() + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().put("OMP_NUM_THREADS", "1");
        var process = builder.start();
        LOGS.put(process, log);
        return process;
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** What the child printed, and how it ended, for failure messages. */
    private static String output(Process p) {
        try {
            return "exit " + (p.isAlive() ? "(running)" : p.exitValue()) + ", output:\n" + Files.readString(LOGS.get(p));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Path run) throws IOException {
        var out = new ArrayList<Map<String, Object>>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            try {
                out.add(JSON.readValue(line, Map.class));
            } catch (IOException e) {
                break; // a line the kill cut short
            }
        }
        return out;
    }

    private static long lastStep(Path run) throws IOException {
        if (!Files.exists(run.resolve("metrics.jsonl"))) {
            return -1;
        }
        return records(run).stream().filter(r -> "step".equals(r.get("type")))
                .mapToLong(r -> ((Number) r.get("step")).longValue()).max().orElse(-1);
    }

    /** A record without its timings, which no two runs share. */
    private static Map<String, Object> withoutTimings(Map<String, Object> record) {
        var copy = new java.util.LinkedHashMap<>(record);
        copy.remove("data_wait_s");
        copy.remove("step_s");
        return copy;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunKilledAfterACheckpointResumesToTheSameNumbers() throws Exception {
        long seed = System.nanoTime();
        int target = EVERY + 1 + new Random(seed).nextInt(STEPS - EVERY - 6); // a step after the first checkpoint
        var killed = dir.resolve("killed-" + target);
        var child = child("train", recipe.toString(), "--out", killed.toString());
        long seen = -1;
        while (child.isAlive() && (seen = lastStep(killed)) < target) {
            Thread.sleep(2);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        child.waitFor();
        assertTrue(seen >= target, "the child ended before step " + target + " (seed " + seed + "): " + output(child));
        assertFalse(Files.exists(killed.resolve("summary.json")), "killed before the end of the run");
        assertTrue(Files.exists(killed.resolve("checkpoint/checkpoint.properties"))
                || Files.exists(killed.resolve("checkpoint.old/checkpoint.properties")), "a checkpoint was kept");

        var resumed = child("train", "--resume", killed.toString());
        assertEquals(0, finish(resumed), () -> output(resumed));

        var expected = records(straight).stream().map(ResumeTest::withoutTimings).toList();
        var actual = records(killed).stream().map(ResumeTest::withoutTimings).toList();
        assertEquals(expected.size(), actual.size(), "records (killed at step " + seen + ", seed " + seed + ")");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "record " + i + " (killed at step " + seen + ")");
        }
        assertEquals(STEPS, expected.stream().filter(r -> "step".equals(r.get("type"))).count());

        var a = JSON.readValue(straight.resolve("summary.json").toFile(), Map.class);
        var b = JSON.readValue(killed.resolve("summary.json").toFile(), Map.class);
        for (var key : List.of("recipe_hash", "steps", "skipped_batches", "epochs", "pairs", "eval", "warnings")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        for (var f : List.of("report.html", "mi.png", "loss.png", "checkpoint/optimizer.state")) {
            assertTrue(Files.size(killed.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(killed.resolve("checkpoint.tmp")) || Files.exists(killed.resolve("checkpoint.old")));
    }

    private static Path copyOfStraight(String name) throws IOException {
        var copy = dir.resolve(name);
        try (var files = Files.walk(straight)) {
            for (var f : files.toList()) {
                var target = copy.resolve(straight.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunStoppedDuringItsFinalEvaluationResumesFromTheFinalCheckpoint() throws IOException {
        var run = copyOfStraight("evaluating");
        for (var f : List.of("summary.json", "report.html", "mi.png")) {
            Files.delete(run.resolve(f));
        }
        var r = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resuming at step " + STEPS), r.out());
        var help = CliRun.of("train", "--help");
        assertTrue(help.out().contains("--resume=RUN_DIR") && help.out().contains("clip_grad_norm")
                && help.out().contains("trust_coefficient") && help.out().contains("on_nonfinite"),
                help.exit() + " " + help.out() + help.err());
        // no step is trained again: the last epoch's record comes back from the checkpoint's sums, timings included
        assertEquals(records(straight), records(run));
        var a = JSON.readValue(straight.resolve("summary.json").toFile(), Map.class);
        var b = JSON.readValue(run.resolve("summary.json").toFile(), Map.class);
        for (var key : List.of("recipe_hash", "steps", "epochs", "pairs")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertTrue(Files.size(run.resolve("report.html")) > 0);
    }

    /** The test recipe with plain SGD at a rate that makes the critic's scores overflow within a few steps. */
    private static Path diverging(String name, String onNonFinite) throws IOException {
        var text = Files.readString(recipe)
                .replace("name: resume", "name: " + name)
                .replace("{type: cosine, temperature: 0.2}", "dot")
                .replace("optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: true}",
                        "optimizer: {type: sgd, lr: 1e12, momentum: 0}, on_nonfinite: " + onNonFinite)
                .replace("clip_grad_norm: 2.0, checkpoint_every: " + EVERY, "checkpoint_every: 1");
        var file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheLastGoodCheckpoint() throws IOException {
        var run = dir.resolve("diverged");
        var r = CliRun.of("train", diverging("diverged", "stop").toString(), "--out", run.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        var steps = records(run).stream().filter(x -> "step".equals(x.get("type"))).count();
        assertTrue(steps >= 1 && steps < STEPS, "steps before the stop: " + steps);
        assertTrue(r.err().contains("training stopped: pair 'ab' gave a non-finite estimate")
                && r.err().contains("at step " + steps)
                && r.err().contains("the last good checkpoint, " + run.resolve("checkpoint") + " (step " + steps + ")")
                && r.err().contains("--resume " + run), r.err());
        assertEquals(steps, Checkpoint.read(run.resolve("checkpoint")).step());
    }

    @Test
    void skippedBatchesAreCountedAndTooManyInARowStop() throws IOException {
        var run = dir.resolve("skipping");
        var r = CliRun.of("train", diverging("skipping", "skip").toString(), "--out", run.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        var skipped = records(run).stream().filter(x -> "skipped".equals(x.get("type"))).toList();
        // five skipped and reported, the sixth in a row stops the run before its record
        assertEquals(SharedTrainer.MAX_CONSECUTIVE_SKIPS, skipped.size());
        assertTrue(String.valueOf(skipped.get(0).get("reason")).contains("non-finite"), skipped.get(0).toString());
        assertTrue(r.out().contains("skipped step " + skipped.get(0).get("step")), r.out());
        assertTrue(r.err().contains("6 batches in a row gave non-finite values") && r.err().contains("--resume " + run),
                r.err());
    }

    @Test
    void aGpuTheEngineDoesNotSeeIsRefusedNamingTheFlagAndChangesNothing() throws IOException {
        var run = copyOfStraight("no-gpu");
        var before = Files.readString(run.resolve("metrics.jsonl"));
        var r = CliRun.of("train", "--resume", run.toString(), "--devices", "gpu:0,gpu:1");
        assertEquals(Main.USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("--devices: 'gpu:0' needs GPU 0") && r.err().contains("sees 0 GPUs")
                && r.err().contains("docs/devices.md"), r.err());
        assertEquals(before, Files.readString(run.resolve("metrics.jsonl")), "nothing was changed");
        var odd = CliRun.of("train", recipe.toString(), "--out", dir.resolve("odd").toString(), "--devices", "cpu,cpu,cpu");
        assertEquals(Main.USER_ERROR, odd.exit(), odd.err());
        assertTrue(odd.err().contains("--devices: 3 devices cannot split train.batch 16 evenly"), odd.err());
        assertFalse(Files.exists(dir.resolve("odd")), "nothing was written");
    }

    @Test
    void twoReplicasTrainTheRecipeUnderItsOwnHash() throws IOException {
        var two = dir.resolve("two-replicas");
        var r = CliRun.of("train", recipe.toString(), "--out", two.toString(), "--devices", "cpu,cpu");
        assertEquals(0, r.exit(), r.err());
        var steps = records(two).stream().filter(m -> "step".equals(m.get("type"))).toList();
        assertEquals(STEPS, steps.size());
        steps.forEach(m -> assertTrue(Double.isFinite(((Number) m.get("loss")).doubleValue()), m.toString()));
        var a = JSON.readValue(straight.resolve("summary.json").toFile(), Map.class);
        var b = JSON.readValue(two.resolve("summary.json").toFile(), Map.class);
        assertEquals(a.get("recipe_hash"), b.get("recipe_hash"));
        // the recipe's own devices stay in the run folder: --devices is where this run computed, not the recipe
        assertEquals(Files.readString(straight.resolve("recipe.yaml")), Files.readString(two.resolve("recipe.yaml")));
    }

    /**
     * A crash while a checkpoint was being swapped in leaves only {@code checkpoint.old/} whole: {@code embed} loads
     * it, as {@code train --resume} would, and writes the embeddings the intact run gives; with no checkpoint at all
     * it says what the folder lacks.
     */
    @Test
    void embedLoadsTheCheckpointKeptAsOldWhenTheSwapWasCutShort() throws IOException {
        var expected = dir.resolve("emb/straight.npy");
        var intact = CliRun.of("embed", straight.toString(), "--out", expected.toString(), "--split", "test");
        assertEquals(0, intact.exit(), intact.err());
        var crashed = copyOfStraight("crashed-mid-swap");
        // the crash came between the two moves: the old checkpoint moved aside, the new one not yet moved in
        Files.move(crashed.resolve("checkpoint"), crashed.resolve("checkpoint.old"));
        Files.createDirectories(crashed.resolve("checkpoint.tmp"));
        Files.copy(crashed.resolve("checkpoint.old/encoder-net.params"), crashed.resolve("checkpoint.tmp/encoder-net.params"));
        assertEquals(java.util.Optional.of(crashed.resolve("checkpoint.old")), Training.lastCheckpoint(crashed));
        for (var state : List.of("missing", "partial")) {
            if (state.equals("partial")) {
                Files.createDirectories(crashed.resolve("checkpoint")); // a folder without checkpoint.properties
            }
            var actual = dir.resolve("emb/crashed-" + state + ".npy");
            var r = CliRun.of("embed", crashed.toString(), "--out", actual.toString(), "--split", "test");
            assertEquals(0, r.exit(), state + " checkpoint/: " + r.err());
            assertTrue(r.out().contains(" × 16 embeddings of view 'a'"), r.out());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual)),
                    "with checkpoint/ " + state + ", the embeddings from checkpoint.old/ equal the intact run's");
        }

        try (var files = Files.walk(crashed.resolve("checkpoint.old"))) {
            for (var f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        var none = CliRun.of("embed", crashed.toString(), "--out", dir.resolve("emb/none.npy").toString());
        assertEquals(Main.USER_ERROR, none.exit(), none.err());
        assertTrue(none.err().contains("is not a finished run folder"), none.err());
        assertFalse(Files.exists(dir.resolve("emb/none.npy")));
    }

    /**
     * A run trained on GPUs is embedded on a machine without them: by default {@code embed} names the run's device
     * and says how to choose another; {@code --device cpu} gives the embeddings the checkpoint holds.
     */
    @Test
    void embedRunsOnTheDeviceAskedForWhateverTheRunTrainedOn() throws IOException {
        var expected = dir.resolve("emb/on-cpu.npy");
        assertEquals(0, CliRun.of("embed", straight.toString(), "--out", expected.toString(), "--split", "test").exit());
        var gpuRun = copyOfStraight("trained-on-gpu");
        var recipe = gpuRun.resolve("recipe.yaml");
        var text = Files.readString(recipe);
        var onGpu = text.replaceFirst("(devices:[\\s\\[\\-\"']*)cpu", "$1gpu:0");
        assertNotEquals(text, onGpu, text);
        Files.writeString(recipe, onGpu);
        var refused = CliRun.of("embed", gpuRun.toString(), "--out", dir.resolve("emb/gpu.npy").toString(), "--split", "test");
        assertEquals(Main.USER_ERROR, refused.exit(), refused.err());
        assertTrue(refused.err().contains("the run's train.devices (choose another with --device cpu): 'gpu:0' needs GPU 0"), refused.err());
        var actual = dir.resolve("emb/gpu-run-on-cpu.npy");
        var r = CliRun.of("embed", gpuRun.toString(), "--out", actual.toString(), "--split", "test", "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual)));
        var unknown = CliRun.of("embed", straight.toString(), "--out", dir.resolve("emb/x.npy").toString(), "--device", "tpu");
        assertEquals(Main.USER_ERROR, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--device"), unknown.err());
    }

    @Test
    void resumeRefusesAFolderWithoutACheckpoint() throws IOException {
        var run = copyOfStraight("no-checkpoint");
        for (var name : List.of("optimizer.state", "checkpoint.properties", "encoder-net.params", "critic-ab.params")) {
            Files.delete(run.resolve("checkpoint").resolve(name));
        }
        var r = CliRun.of("train", "--resume", run.toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("has no checkpoint") && r.err().contains("checkpoint.properties")
                && r.err().contains("--out " + run), r.err());
    }

    @Test
    void resumeRefusesACheckpointOfAnotherRecipeSayingWhichIsWhich() throws IOException {
        var run = copyOfStraight("edited");
        var before = Files.readString(run.resolve("metrics.jsonl"));
        var yaml = run.resolve("recipe.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("lr: 0.05", "lr: 0.06"));
        var r = CliRun.of("train", "--resume", run.toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("the checkpoint " + run.resolve("checkpoint") + " was written by the recipe with hash")
                && r.err().contains(yaml + " (the run's recipe) now has hash"), r.err());
        assertEquals(before, Files.readString(run.resolve("metrics.jsonl")), "nothing was changed");

        var other = CliRun.of("train", recipe.toString().replace("resume.yaml", "absent.yaml"), "--resume", run.toString());
        assertEquals(Main.USER_ERROR, other.exit(), other.err());
    }

    @Test
    void resumeRefusesADamagedCheckpointAndChangesNothing() throws IOException {
        var run = copyOfStraight("damaged");
        var before = Files.readString(run.resolve("metrics.jsonl"));
        var state = run.resolve("checkpoint/optimizer.state");
        var bytes = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var r = CliRun.of("train", "--resume", run.toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("cannot resume") && r.err().contains("optimizer.state")
                && r.err().contains("damaged"), r.err());
        assertEquals(before, Files.readString(run.resolve("metrics.jsonl")), "nothing was changed");
    }
}
