package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Bilinear;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data parallelism, run as two replicas on the one CPU device: the same step as on one device, the whole batch's
 * negatives in every bound, replicas in step with the parameters, checkpoints and flat memory.
 */
class DataParallelTest {
    private static final List<Device> ONE = List.of(Device.cpu());
    private static final List<Device> TWO = List.of(Device.cpu(), Device.cpu());

    private static Encoder mlp() {
        return MlpEncoder.builder().hidden(32).dim(16).projection(32, 16).build();
    }

    /** Two MLP encoders (no BatchNorm, so a shard's projections do not depend on the rest of the batch). */
    private static SharedTrainer trainer(List<Device> devices, UpdateRule rule, double lr) {
        return SharedTrainer.builder()
                .encoder("left", mlp(), "a")
                .encoder("right", mlp(), "b")
                .pair(new PairSpec("ab", "a", "b", new Bilinear(16), new InfoNce(false), 1))
                .optimizer(new OptimizerConfig(rule, lr, 1e-4, 0, 0, lr))
                .seed(11)
                .devices(devices)
                .build();
    }

    /** Every parameter of every encoder and critic, by name. */
    private static Map<String, float[]> values(SharedTrainer trainer) {
        var out = new LinkedHashMap<String, float[]>();
        trainer.namedParameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    private static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> {
            float[] got = actual.get(name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], got[i], 1e-5 * Math.max(1, Math.abs(values[i])), what + ": " + name + "[" + i + "]");
            }
        });
    }

    /** The encoders' parameters only (the critics are not initialized before the first step). */
    private static Map<String, float[]> encoderValues(SharedTrainer trainer) {
        var out = new LinkedHashMap<String, float[]>();
        trainer.namedParameters().forEach((name, p) -> {
            if (name.startsWith("encoder-")) {
                out.put(name, p.getArray().toFloatArray());
            }
        });
        return out;
    }

    private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (var entry : a.entrySet()) {
            float[] other = b.get(entry.getKey());
            for (int i = 0; i < other.length; i++) {
                max = Math.max(max, Math.abs(entry.getValue()[i] - other[i]));
            }
        }
        return max;
    }

    @Test
    void oneStepOnTwoReplicasIsTheStepOnTheWholeBatch() {
        var batch = new PairedClusters(4, 3).batch(16, "a", "b");
        // plain SGD: the update is the learning rate times the gradient, so it shows the gradient itself
        var sgd = new UpdateRule.Sgd(0, false);
        StepMetrics whole;
        Map<String, float[]> expected;
        try (var trainer = trainer(ONE, sgd, 0.05)) {
            whole = trainer.trainStep(0, batch, 0);
            expected = values(trainer);
        }
        try (var trainer = trainer(TWO, sgd, 0.05)) {
            trainer.embed("left", List.of(batch).iterator(), "a"); // initialize, to see the step's change
            trainer.embed("right", List.of(batch).iterator(), "b");
            var before = encoderValues(trainer);
            StepMetrics split = trainer.trainStep(0, batch, 0);
            assertEquals(whole.loss(), split.loss(), 1e-5 * Math.abs(whole.loss()));
            assertEquals(whole.pairNats().get("ab"), split.pairNats().get("ab"), 1e-5 * Math.abs(whole.pairNats().get("ab")));
            assertEquals(whole.gradNorm(), split.gradNorm(), 1e-5 * whole.gradNorm());
            var after = values(trainer);
            // the step moved the encoders (by lr × gradient: a wrong gradient would show)
            assertTrue(maxDifference(before, after) > 1e-3, "the step changed the encoders");
            assertClose(expected, after, "after one step on [cpu, cpu] versus [cpu]");
        }
    }

    @Test
    void everyBoundSeesTheWholeBatchAsNegatives() {
        int size = 16;
        var a = new PairedClusters(size, 5).batch(size, "a");
        float[] values = a.view("a");
        // view b is view a: one shared encoder gives equal projections, so a sharp cosine critic finds every
        // positive and InfoNCE nears log K; with only one shard's K/2 negatives it could not pass log(K/2)
        var batch = new ArrayBatch(size, Map.of("a", values, "b", values.clone()),
                Map.of("a", a.shape("a"), "b", a.shape("a")));
        try (var trainer = SharedTrainer.builder()
                .encoder("shared", mlp(), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.01, false), new InfoNce(false), 1))
                .optimizer(new OptimizerConfig(1e-3, 0, 0, 0, 1e-3))
                .seed(2)
                .devices(TWO)
                .build()) {
            var metrics = trainer.trainStep(0, batch, 0);
            double nats = metrics.pairNats().get("ab");
            assertEquals(Math.log(size), metrics.pairLogK().get("ab"), 1e-12);
            assertTrue(nats <= Math.log(size) + 1e-5, nats + " nats above log K = " + Math.log(size));
            assertTrue(nats > Math.log(size / 2.0) + 0.3, nats + " nats: not above log(K/2) = " + Math.log(size / 2.0));
        }
    }

    @Test
    void replicasHoldTheParametersAfterEveryStepBatchNormIncluded() {
        var data = new PairedClusters(4, 8);
        Encoder conv = ConvEncoder.builder().widths(8, 16).dim(16).projection(32, 16).build();
        try (var trainer = SharedTrainer.builder()
                .encoder("image", conv, "a", "b")
                .pair(new PairSpec("nce", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(new OptimizerConfig(3e-3, 1e-4, 0, 0, 3e-3))
                .seed(4)
                .devices(List.of(Device.cpu(), Device.cpu(), Device.cpu()))
                .build()) {
            for (int step = 0; step < 4; step++) {
                trainer.trainStep(0, data.batch(12, "a", "b"), 0);
                assertEquals(2, trainer.replicas().size());
                for (Replica replica : trainer.replicas()) {
                    trainer.namedParameters().forEach((name, parameter) -> {
                        if (name.startsWith("encoder-")) {
                            assertArrayEquals(parameter.getArray().toFloatArray(),
                                    replica.copyOf(parameter).toFloatArray(), name);
                            // a copy of its own, not the parameter's array under another name
                            assertFalse(replica.copyOf(parameter) == parameter.getArray(), name);
                        }
                    });
                }
            }
        }
    }

    @Test
    void aCheckpointOfTwoReplicasHoldsEachParameterOnceAndContinuesExactly(@TempDir Path dir) throws IOException {
        var data = new PairedClusters(4, 9);
        var batches = data.batches(4, 8, "a", "b");
        // SGD with momentum: state to checkpoint, and no division by tiny gradients (AdamW's first steps turn the
        // float noise of a gradient that is zero in exact arithmetic, as a bias the bound is blind to, into ±lr)
        var sgd = new UpdateRule.Sgd(0.9, false);
        Map<String, float[]> straight;
        try (var trainer = trainer(TWO, sgd, 0.01)) {
            batches.forEach(b -> trainer.trainStep(0, b, 0));
            straight = values(trainer);
        }
        Path checkpoint = dir.resolve("checkpoint");
        try (var trainer = trainer(TWO, sgd, 0.01)) {
            batches.subList(0, 2).forEach(b -> trainer.trainStep(0, b, 0));
            trainer.save(checkpoint);
        }
        try (var files = Files.list(checkpoint)) {
            var params = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".params")).sorted().toList();
            assertEquals(List.of("critic-ab.params", "encoder-left.params", "encoder-right.params"), params);
        }
        try (var trainer = trainer(TWO, sgd, 0.01)) {
            trainer.load(checkpoint);
            batches.subList(2, 4).forEach(b -> trainer.trainStep(0, b, 0));
            var resumed = values(trainer);
            straight.forEach((name, v) -> assertArrayEquals(v, resumed.get(name), name));
        }
        // the checkpoint does not remember the devices: one device continues it as well, to float tolerance
        try (var trainer = trainer(ONE, sgd, 0.01)) {
            trainer.load(checkpoint);
            batches.subList(2, 4).forEach(b -> trainer.trainStep(0, b, 0));
            assertClose(straight, values(trainer), "two replicas' checkpoint continued on one device");
        }
    }

    @Test
    void loadingIntoATrainerThatHasTrainedRefreshesItsReplicasAndAddsNoArrays(@TempDir Path dir) throws IOException {
        var data = new PairedClusters(4, 16);
        Path checkpoint = dir.resolve("checkpoint");
        try (var trainer = trainer(TWO, new UpdateRule.Sgd(0.9, false), 0.05)) {
            trainer.trainStep(0, data.batch(8, "a", "b"), 0);
            trainer.save(checkpoint);
            var saved = values(trainer);
            int live = trainer.liveArrays();
            for (int i = 0; i < 2; i++) {
                trainer.trainStep(0, data.batch(8, "a", "b"), 0);
            }
            for (int i = 0; i < 3; i++) {
                trainer.load(checkpoint);
                assertClose(saved, values(trainer), "load number " + (i + 1));
                for (Replica replica : trainer.replicas()) {
                    trainer.namedParameters().forEach((name, parameter) -> {
                        if (name.startsWith("encoder-")) {
                            assertArrayEquals(saved.get(name), replica.copyOf(parameter).toFloatArray(), name);
                        }
                    });
                }
                assertEquals(live, trainer.liveArrays(), "arrays alive after a step and after load number " + (i + 1));
            }
        }
    }

    @Test
    void nativeArraysStayFlatWithTwoReplicas() {
        var data = new PairedClusters(4, 10);
        try (var trainer = trainer(TWO, UpdateRule.AdamW.DEFAULT, 1e-3)) {
            for (int i = 0; i < 3; i++) {
                trainer.trainStep(0, data.batch(8, "a", "b"), 0);
            }
            int live = trainer.liveArrays();
            for (int i = 0; i < 10; i++) {
                trainer.trainStep(0, data.batch(8, "a", "b"), 0);
            }
            assertEquals(live, trainer.liveArrays(), "arrays alive after 3 and after 13 steps");
        }
    }

    @Test
    void aBatchThatDoesNotSplitEvenlyIsNamed() {
        var data = new PairedClusters(4, 12);
        try (var trainer = trainer(TWO, UpdateRule.AdamW.DEFAULT, 1e-3)) {
            var e = assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(0, data.batch(7, "a", "b"), 0));
            assertTrue(e.getMessage().contains("7 samples") && e.getMessage().contains("multiple of 2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder().devices(Collections.emptyList()));
    }
}
