package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.viewpair.encoders.FreedNativeMemory;
import dev.viewpair.encoders.mi.Bilinear;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.mi.Mine;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints that continue exactly, gradient clipping, skipped batches and flat native memory. */
class TrainerStateTest {

    private static Encoder conv() {
        return ConvEncoder.builder().widths(8, 16).dim(16).projection(32, 16).build();
    }

    private static SharedTrainer.Builder twoPairs(long seed, OptimizerConfig config) {
        return SharedTrainer.builder()
                .encoder("image", conv(), "a", "b")
                .pair(new PairSpec("nce", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .pair(new PairSpec("mine", "a", "b", new Bilinear(16), new Mine(0.1), 0.5))
                .optimizer(config)
                .seed(seed)
                .device(Device.cpu());
    }

    /** Every parameter of every encoder and critic (running statistics included), by name. */
    static Map<String, float[]> values(SharedTrainer trainer) {
        var out = new LinkedHashMap<String, float[]>();
        trainer.namedParameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), name));
    }

    @Test
    void aCheckpointTakenMidEpochContinuesExactly(@TempDir Path dir) throws IOException {
        var data = new PairedClusters(4, 11);
        List<BatchData> epoch0 = data.batches(4, 16, "a", "b");
        List<BatchData> epoch1 = data.batches(4, 16, "a", "b");
        var config = new OptimizerConfig(UpdateRule.AdamW.DEFAULT, 3e-3, 1e-2, 2, 8, 3e-4);
        Path checkpoint = dir.resolve("checkpoint");
        var straight = new ArrayList<StepMetrics>();
        EpochSummary straightSummary;
        Map<String, float[]> straightValues;
        try (var trainer = twoPairs(5, config).clipGradNorm(0.5).listener(straight::add).build()) {
            trainer.trainEpoch(0, epoch0.iterator());
            trainer.save(checkpoint);
            var steps = trainer.steps(1, epoch1.iterator());
            while (steps.hasNext()) {
                if (steps.next().step() == 5) { // epoch 1, after its second batch; an earlier checkpoint is replaced
                    trainer.save(checkpoint, Map.of("note", "mid-epoch"));
                }
            }
            straightSummary = steps.summary();
            straightValues = values(trainer);
        }
        assertTrue(Files.exists(checkpoint.resolve("optimizer.state")));
        assertFalse(Files.exists(dir.resolve("checkpoint.tmp")) || Files.exists(dir.resolve("checkpoint.old")));
        assertEquals(new Checkpoint.Info(6, 1, 2, Map.of("note", "mid-epoch")),
                Checkpoint.read(checkpoint));

        var resumed = new ArrayList<StepMetrics>();
        try (var trainer = twoPairs(99, config).clipGradNorm(0.5).listener(resumed::add).build()) {
            trainer.load(checkpoint);
            assertEquals(6, trainer.step());
            assertEquals(1, trainer.epoch());
            assertEquals(2, trainer.batchesInEpoch());
            EpochSummary summary = trainer.trainEpoch(1, epoch1.subList(2, 4).iterator());
            assertSameValues(straightValues, values(trainer));
            assertEquals(straightSummary.steps(), summary.steps());
            assertEquals(straightSummary.meanLoss(), summary.meanLoss());
            assertEquals(straightSummary.meanPairNats(), summary.meanPairNats());
        }
        assertEquals(2, resumed.size());
        for (int i = 0; i < 2; i++) {
            StepMetrics a = straight.get(6 + i);
            StepMetrics b = resumed.get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.loss(), b.loss(), "loss at step " + a.step());
            assertEquals(a.pairNats(), b.pairNats(), "estimates at step " + a.step());
            assertEquals(a.learningRate(), b.learningRate());
            assertEquals(a.gradNorm(), b.gradNorm());
        }
    }

    /** The change one step made to every trained parameter (running statistics left out), by name. */
    private static Map<String, float[]> delta(Map<String, float[]> before, SharedTrainer trainer) {
        var out = new LinkedHashMap<String, float[]>();
        trainer.namedParameters().forEach((name, p) -> {
            if (p.requiresGradient()) {
                float[] after = p.getArray().toFloatArray();
                float[] d = new float[after.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = after[i] - before.get(name)[i];
                }
                out.put(name, d);
            }
        });
        return out;
    }

    @Test
    void clippingScalesEveryGradientByLimitOverTheGlobalNorm() {
        var data = new PairedClusters(4, 12);
        BatchData first = data.batch(16, "a", "b");
        BatchData second = data.batch(16, "a", "b");
        double lr = 0.5;
        // plain SGD: a step moves each parameter by −lr·g exactly, which exposes the (clipped) gradients
        var config = new OptimizerConfig(new UpdateRule.Sgd(0, false), lr, 0, 0, 0, lr);
        Map<String, float[]> free;
        double norm;
        try (var trainer = twoPairs(8, config).build()) {
            trainer.trainStep(0, first, 0);
            var before = values(trainer);
            norm = trainer.trainStep(0, second, 0).gradNorm();
            free = delta(before, trainer);
        }
        double recomputed = Math.sqrt(free.values().stream()
                .mapToDouble(d -> {
                    double sum = 0;
                    for (float x : d) {
                        sum += (x / lr) * (x / lr);
                    }
                    return sum;
                })
                .sum());
        assertEquals(recomputed, norm, 1e-3 * norm, "the reported norm is the global norm of the gradients");
        double limit = norm / 4;
        try (var trainer = twoPairs(8, config).clipGradNorm(limit).build()) {
            trainer.trainStep(0, first, 0);
            var before = values(trainer);
            assertEquals(norm, trainer.trainStep(0, second, 0).gradNorm(), 1e-6 * norm, "reported before clipping");
            var clipped = delta(before, trainer);
            double scale = limit / (norm + 1e-6);
            free.forEach((name, d) -> {
                float[] c = clipped.get(name);
                for (int i = 0; i < d.length; i++) {
                    assertEquals(d[i] * scale, c[i], 1e-6 + 1e-3 * Math.abs(d[i] * scale), name + "[" + i + "]");
                }
            });
        }
    }

    @Test
    void aSkippedBatchLeavesNoTraceAndTooManyInARowStop() {
        var data = new PairedClusters(4, 13);
        var seen = new ArrayList<StepMetrics>();
        try (var trainer = twoPairs(9, OptimizerConfig.constant(1e-3, 1e-4)).onNonFinite(NonFinitePolicy.SKIP)
                .listener(seen::add).build()) {
            trainer.trainStep(0, data.batch(16, "a", "b"), 0);
            var before = values(trainer); // BatchNorm running statistics included
            var poisoned = (ArrayBatch) data.batch(16, "a", "b");
            poisoned.views().get("a")[7] = Float.NaN;
            StepMetrics skipped = trainer.trainStep(0, poisoned, 0);
            assertTrue(skipped.skipped());
            assertTrue(skipped.skipReason().contains("step 1"), skipped.skipReason());
            assertTrue(Double.isNaN(skipped.loss()));
            assertSameValues(before, values(trainer));
            assertEquals(2, trainer.step());
            assertEquals(1, trainer.skippedBatches());

            // an epoch with a poisoned batch in the middle: counted, left out of the means
            seen.clear();
            var huge = (ArrayBatch) data.batch(16, "a", "b");
            java.util.Arrays.fill(huge.views().get("b"), 3e38f); // BatchNorm's variance of these overflows
            EpochSummary summary = trainer.trainEpoch(1,
                    List.of(data.batch(16, "a", "b"), huge, data.batch(16, "a", "b")).iterator());
            assertEquals(3, summary.steps());
            assertEquals(1, summary.skipped());
            assertTrue(seen.get(1).skipped());
            assertEquals((seen.get(0).loss() + seen.get(2).loss()) / 2, summary.meanLoss(), 1e-12);
            assertEquals(2, trainer.skippedBatches());

            for (int i = 0; i < SharedTrainer.MAX_CONSECUTIVE_SKIPS; i++) {
                assertTrue(trainer.trainStep(2, poisoned, 0).skipped());
            }
            var e = assertThrows(NonFiniteLossException.class, () -> trainer.trainStep(2, poisoned, 0));
            assertTrue(e.getMessage().contains((SharedTrainer.MAX_CONSECUTIVE_SKIPS + 1) + " batches in a row"), e.getMessage());
        }
    }

    /**
     * After a skipped batch the gradients, zeroed for the next step, must still be memory their parameters own:
     * zeroing them by copying a new array in once left them on a Java buffer that the garbage collector freed
     * with the step, so the next backward pass wrote into freed native memory (wrong gradients, then a glibc
     * abort). Here the freed memory is collected and handed out again, marked, before the gradients are read.
     */
    @Test
    void gradientsZeroedAfterASkippedBatchStayInTheirOwnMemory() throws InterruptedException {
        var data = new PairedClusters(4, 15);
        try (var trainer = twoPairs(5, OptimizerConfig.constant(1e-3, 1e-4)).onNonFinite(NonFinitePolicy.SKIP).build()) {
            trainer.trainStep(0, data.batch(16, "a", "b"), 0);
            int live = trainer.liveArrays();
            var poisoned = (ArrayBatch) data.batch(16, "a", "b");
            poisoned.views().get("a")[5] = Float.NaN;
            assertTrue(trainer.trainStep(0, poisoned, 0).skipped());
            assertEquals(live, trainer.liveArrays(), "arrays alive before and after a skipped step");

            var sizes = trainer.namedParameters().values().stream().filter(Parameter::requiresGradient)
                    .mapToLong(p -> p.getArray().size() * Float.BYTES).toArray();
            for (int round = 0; round < 3; round++) {
                var reclaimed = FreedNativeMemory.reclaim(16, sizes);
                for (var entry : trainer.namedParameters().entrySet()) {
                    if (entry.getValue().requiresGradient()) {
                        try (NDArray gradient = entry.getValue().getArray().getGradient()) {
                            for (float g : gradient.toFloatArray()) {
                                assertEquals(0f, g, entry.getKey() + ": the zeroed gradient of a skipped step");
                            }
                        }
                    }
                }
                Reference.reachabilityFence(reclaimed);
            }
            // training goes on from there, finite, memory flat
            for (int i = 0; i < 3; i++) {
                assertTrue(Double.isFinite(trainer.trainStep(0, data.batch(16, "a", "b"), 0).loss()));
            }
            assertEquals(live, trainer.liveArrays(), "arrays alive after steps that followed the skipped one");
        }
    }

    @Test
    void nativeArraysStayFlatOverStepsForEveryRule() {
        var data = new PairedClusters(4, 14);
        for (UpdateRule rule : List.of(UpdateRule.AdamW.DEFAULT, new UpdateRule.Sgd(0.9, true), UpdateRule.Lars.DEFAULT)) {
            var config = new OptimizerConfig(rule, 1e-3, 1e-4, 0, 0, 1e-3);
            try (var trainer = twoPairs(3, config).clipGradNorm(1).build()) {
                for (int i = 0; i < 3; i++) {
                    trainer.trainStep(0, data.batch(16, "a", "b"), 0);
                }
                int live = trainer.liveArrays();
                var slots = trainer.optimizer().slots("encoder-image/" + trainer.encoder("image").getParameters().keys().get(0));
                for (int i = 0; i < 10; i++) {
                    trainer.trainStep(0, data.batch(16, "a", "b"), 0);
                }
                assertEquals(live, trainer.liveArrays(), rule + ": arrays alive after 3 and after 13 steps");
                // the state arrays are updated in place, never replaced
                assertTrue(slots == trainer.optimizer().slots("encoder-image/" + trainer.encoder("image").getParameters().keys().get(0)));
            }
        }
    }
}
