package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import dev.viewpair.encoders.mi.Bilinear;
import dev.viewpair.encoders.mi.Club;
import dev.viewpair.encoders.mi.GaussianConditional;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.Dot;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedTrainerTest {

    private static Encoder conv() {
        return ConvEncoder.builder().widths(8, 16).dim(16).projection(32, 16).build();
    }

    private static Encoder mlp() {
        return MlpEncoder.builder().hidden(32).dim(16).projection(32, 16).build();
    }

    /** Parameter values by name, for the ones the optimizer trains. */
    static Map<String, float[]> trainable(Block block) {
        var values = new HashMap<String, float[]>();
        block.getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        });
        return values;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void lossFallsOnPairedClusters() {
        var data = new PairedClusters(8, 1);
        var metrics = new ArrayList<StepMetrics>();
        var config = new OptimizerConfig(3e-3, 1e-4, 10, 100, 3e-4);
        try (var trainer = SharedTrainer.builder()
                .encoder("image", conv(), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(config)
                .seed(7)
                .device(Device.cpu())
                .listener(metrics::add)
                .build()) {
            EpochSummary first = trainer.trainEpoch(0, data.batches(50, 32, "a", "b").iterator());
            EpochSummary second = trainer.trainEpoch(1, data.batches(50, 32, "a", "b").iterator());
            assertEquals(50, first.steps());
            assertEquals(100, trainer.step());
            assertTrue(second.meanLoss() < first.meanLoss(), first + " then " + second);
        }
        assertEquals(100, metrics.size());
        var losses = metrics.stream().map(StepMetrics::loss).toList();
        double start = mean(losses.subList(0, 10));
        double end = mean(losses.subList(90, 100));
        assertTrue(end < start - 1.0, "loss went from " + start + " to " + end);
        var schedule = config.learningRateTracker();
        for (int i = 0; i < metrics.size(); i++) {
            StepMetrics m = metrics.get(i);
            assertEquals(i, m.step());
            assertEquals(i < 50 ? 0 : 1, m.epoch());
            assertEquals(schedule.getNewValue(i + 1), m.learningRate(), 1e-9);
            assertEquals(Math.log(32), m.pairLogK().get("ab"), 1e-12);
            assertTrue(m.pairNats().get("ab") <= Math.log(32) + 1e-5);
            assertEquals(-m.pairNats().get("ab"), m.loss(), 1e-5);
        }
    }

    @Test
    void alignedScoresAreTheDiagonalOfPairScoresAlsoForAnotherViewOfTheSecondEncoder() {
        var data = new PairedClusters(4, 5);
        try (var trainer = SharedTrainer.builder()
                .encoder("left", mlp(), "a")
                .encoder("right", mlp(), "b", "c")
                .pair(new PairSpec("ab", "a", "b", new Bilinear(16), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .seed(5)
                .device(Device.cpu())
                .build()) {
            trainer.trainEpoch(0, data.batches(2, 8, "a", "b").iterator());
            var eval = data.batches(3, 5, "a", "b", "c"); // 15 samples in three batches
            float[][] full = trainer.pairScores("ab", eval.iterator());
            float[] aligned = trainer.alignedScores("ab", "a", "b", eval.iterator());
            // the same batches with view c in b's place: pairScores then scores a against c
            var swapped = eval.stream().<BatchData>map(batch -> new ArrayBatch(batch.size(),
                    Map.of("a", batch.view("a"), "b", batch.view("c")), Map.of("a", batch.shape("a"), "b", batch.shape("c"))))
                    .toList();
            float[][] fullShifted = trainer.pairScores("ab", swapped.iterator());
            float[] alignedShifted = trainer.alignedScores("ab", "a", "c", eval.iterator());
            assertEquals(15, aligned.length);
            for (int i = 0; i < 15; i++) {
                assertEquals(full[i][i], aligned[i], 1e-4f * Math.max(1, Math.abs(full[i][i])));
                assertEquals(fullShifted[i][i], alignedShifted[i], 1e-4f * Math.max(1, Math.abs(fullShifted[i][i])));
            }
            assertFalse(Arrays.equals(aligned, alignedShifted), "views b and c differ, so their scores do");
        }
    }

    @Test
    void pairScoresAreTheCriticOnTheProjectionsOfTheWholeSet() {
        var data = new PairedClusters(4, 3);
        double temperature = 0.5;
        try (var trainer = SharedTrainer.builder()
                .encoder("enc", mlp(), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(temperature, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .seed(3)
                .device(Device.cpu())
                .build()) {
            trainer.trainEpoch(0, data.batches(3, 8, "a", "b").iterator());
            var eval = data.batches(3, 5, "a", "b"); // 15 samples in three batches
            float[][] scores = trainer.pairScores("ab", eval.iterator());
            assertEquals(15, scores.length);
            assertEquals(15, scores[0].length);
            // recompute from each batch's projections: cosine similarity over the temperature
            var pa = new ArrayList<float[]>();
            var pb = new ArrayList<float[]>();
            var encoder = trainer.encoder("enc");
            for (var batch : eval) {
                try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
                    for (var entry : List.of(Map.entry("a", pa), Map.entry("b", pb))) {
                        var x = m.create(batch.view(entry.getKey()), new ai.djl.ndarray.types.Shape(batch.shape(entry.getKey())));
                        float[] flat = encoder.project(x).toFloatArray();
                        int d = encoder.projectionDim();
                        for (int i = 0; i < batch.size(); i++) {
                            entry.getValue().add(Arrays.copyOfRange(flat, i * d, (i + 1) * d));
                        }
                    }
                }
            }
            for (int i = 0; i < 15; i++) {
                for (int j = 0; j < 15; j++) {
                    double dot = 0;
                    double na = 0;
                    double nb = 0;
                    for (int k = 0; k < pa.get(i).length; k++) {
                        dot += pa.get(i)[k] * pb.get(j)[k];
                        na += pa.get(i)[k] * pa.get(i)[k];
                        nb += pb.get(j)[k] * pb.get(j)[k];
                    }
                    assertEquals(dot / Math.sqrt(na * nb) / temperature, scores[i][j], 1e-4);
                }
            }
        }
    }

    @Test
    void scheduleWarmsUpThenFollowsTheCosineToTheFinalRate() {
        var schedule = new OptimizerConfig(1e-2, 0, 10, 110, 1e-4).learningRateTracker();
        assertEquals(5e-3, schedule.getNewValue(5), 1e-9);
        assertEquals(1e-2, schedule.getNewValue(10), 1e-9);
        assertEquals((1e-2 + 1e-4) / 2, schedule.getNewValue(60), 1e-8);
        assertEquals(1e-4, schedule.getNewValue(110), 1e-9);
        assertEquals(1e-4, schedule.getNewValue(500), 1e-9);
        assertEquals(2e-3, OptimizerConfig.constant(2e-3, 0).learningRateTracker().getNewValue(1000), 1e-9);
    }

    @Test
    void oneStepUpdatesEveryEncoderAndCriticOfEveryPair() {
        var data = new PairedClusters(4, 2);
        Encoder shared = conv();
        Encoder other = mlp();
        var cosine = new Cosine(0.1, true);
        var bilinear = new Bilinear(16);
        try (var trainer = SharedTrainer.builder()
                .encoder("image", shared, "a", "b")
                .encoder("other", other, "c")
                .pair(new PairSpec("ab", "a", "b", cosine, new InfoNce(true), 1))
                .pair(new PairSpec("ac", "a", "c", bilinear, new InfoNce(false), 0.5))
                .optimizer(OptimizerConfig.constant(1e-3, 0.05))
                .seed(3)
                .device(Device.cpu())
                .build()) {
            trainer.trainStep(0, data.batch(16, "a", "b", "c"), 0); // initializes
            var before = new ArrayList<Map<String, float[]>>();
            List<Block> blocks = List.of(shared, other, cosine, bilinear);
            blocks.forEach(block -> before.add(trainable(block)));
            StepMetrics metrics = trainer.trainStep(0, data.batch(16, "a", "b", "c"), 0);
            for (int b = 0; b < blocks.size(); b++) {
                var after = trainable(blocks.get(b));
                assertFalse(after.isEmpty());
                for (var entry : before.get(b).entrySet()) {
                    assertFalse(Arrays.equals(entry.getValue(), after.get(entry.getKey())),
                            "parameter " + entry.getKey() + " of block " + b + " did not change");
                }
            }
            double expectedLoss = -metrics.pairNats().get("ab") - 0.5 * metrics.pairNats().get("ac");
            assertEquals(expectedLoss, metrics.loss(), 1e-5);
            // the geometry read-outs: one per pair and per view, within their ranges on the unit sphere
            assertEquals(Set.of("ab", "ac"), metrics.pairAlignment().keySet());
            assertEquals(Set.of("ab", "ac"), metrics.pairUniformity().keySet());
            assertEquals(Set.of("a", "b", "c"), metrics.viewStd().keySet());
            metrics.pairAlignment().values().forEach(v -> assertTrue(v > 0 && v <= 4, "alignment " + v));
            metrics.pairUniformity().values().forEach(v -> assertTrue(v >= -8 && v < 0, "uniformity " + v));
            metrics.viewStd().values().forEach(v -> assertTrue(v > 0 && v <= 1, "std " + v));
        }
    }

    @Test
    void nonFiniteEstimateNamesThePairAndSkipsTheUpdate() {
        var data = new PairedClusters(4, 3);
        Encoder encoder = mlp();
        try (var trainer = SharedTrainer.builder()
                .encoder("vec", encoder, "a", "b")
                .pair(new PairSpec("clean", "b", "b", new Dot(), new InfoNce(false), 1))
                .pair(new PairSpec("poisoned", "a", "b", new Dot(), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .device(Device.cpu())
                .build()) {
            trainer.trainStep(0, data.batch(8, "a", "b"), 0);
            var before = trainable(encoder);
            var batch = (ArrayBatch) data.batch(8, "a", "b");
            batch.views().get("a")[5] = Float.NaN;
            var e = assertThrows(NonFiniteLossException.class, () -> trainer.trainStep(0, batch, 0));
            assertEquals("poisoned", e.pair());
            assertEquals(1, e.step());
            assertTrue(e.getMessage().contains("'poisoned'") && e.getMessage().contains("step 1"), e.getMessage());
            var after = trainable(encoder);
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
            assertEquals(1, trainer.step());
            trainer.trainStep(0, data.batch(8, "a", "b"), 0); // still usable
            assertEquals(2, trainer.step());
        }
    }

    @Test
    void checkpointRoundTripGivesIdenticalEmbeddings(@TempDir Path folder) throws IOException {
        var data = new PairedClusters(4, 4);
        List<BatchData> evaluation = data.batches(2, 8, "a", "b");
        float[][] trained;
        try (var trainer = trainerFor(conv(), new Bilinear(16), 1)) {
            trainer.trainEpoch(0, data.batches(5, 16, "a", "b").iterator());
            trained = trainer.embed("image", evaluation.iterator(), "a");
            trainer.save(folder);
        }
        assertEquals(16, trained.length);
        assertEquals(16, trained[0].length);
        assertTrue(Files.exists(folder.resolve("encoder-image.params")));
        try (var restored = trainerFor(conv(), new Bilinear(16), 99)) {
            float[][] fresh = restored.embed("image", evaluation.iterator(), "a");
            assertFalse(Arrays.deepEquals(trained, fresh), "a differently seeded encoder should differ");
            restored.load(folder);
            assertEquals(5, restored.step());
            float[][] loaded = restored.embed("image", evaluation.iterator(), "a");
            for (int i = 0; i < trained.length; i++) {
                assertArrayEquals(trained[i], loaded[i], "row " + i);
            }
            restored.trainStep(0, data.batch(16, "a", "b"), 0); // training resumes
            assertEquals(6, restored.step());
        }
        try (var other = trainerFor(ConvEncoder.builder().widths(8).dim(16).projection(32, 16).build(), new Bilinear(16), 1)) {
            var e = assertThrows(IOException.class, () -> other.load(folder));
            assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
        }
    }

    private static SharedTrainer trainerFor(Encoder encoder, Bilinear critic, long seed) {
        return SharedTrainer.builder()
                .encoder("image", encoder, "a", "b")
                .pair(new PairSpec("ab", "a", "b", critic, new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 1e-4))
                .seed(seed)
                .device(Device.cpu())
                .build();
    }

    @Test
    void wiringMistakesAreNamedAtBuild() {
        var unknownView = assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder()
                .encoder("image", conv(), "a", "b")
                .pair(new PairSpec("ab", "a", "x", new Dot(), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .build());
        assertTrue(unknownView.getMessage().contains("'x'"), unknownView.getMessage());
        var unused = assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder()
                .encoder("image", conv(), "a", "b")
                .encoder("idle", mlp(), "c")
                .pair(new PairSpec("ab", "a", "b", new Dot(), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .build());
        assertTrue(unused.getMessage().contains("'idle'"), unused.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder()
                .encoder("image", conv(), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Bilinear(8), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .build());
        assertTrue(width.getMessage().contains("widths 8 × 8"), width.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PairSpec("a/b", "a", "b", new Dot(), new InfoNce(false), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PairSpec("ab", "a", "b", new Dot(), new InfoNce(false), 0));
    }

    @Test
    void aVariationalCriticFitsItselfByItsOwnLoss() {
        var rejected = assertThrows(IllegalArgumentException.class,
                () -> new PairSpec("ab", "a", "b", new Dot(), new Club(), 1));
        assertTrue(rejected.getMessage().contains("'gaussian'"), rejected.getMessage());
        // parameter-free encoders (flattened pixels): only q can learn, and only through its fit loss
        var data = new PairedClusters(4, 3);
        var metrics = new ArrayList<StepMetrics>();
        try (var trainer = SharedTrainer.builder()
                .encoder("a", new Encoder(Blocks.batchFlattenBlock(), 64, Blocks.identityBlock(), 64), "a")
                .encoder("b", new Encoder(Blocks.batchFlattenBlock(), 64, Blocks.identityBlock(), 64), "b")
                .pair(new PairSpec("club", "a", "b", new GaussianConditional(64, 64, new int[] {32}), new Club(), 1))
                .optimizer(OptimizerConfig.constant(3e-3, 0))
                .seed(5)
                .listener(metrics::add)
                .build()) {
            trainer.trainEpoch(0, data.batches(80, 32, "a", "b").iterator());
        }
        // loss = +CLUB (nothing for it to move) + the fit −mean log q(b|a); the fit falls as q learns, and
        // CLUB, read through a better q, rises towards the views' real dependence
        var fit = metrics.stream().map(m -> m.loss() - m.pairNats().get("club")).toList();
        var club = metrics.stream().map(m -> m.pairNats().get("club")).toList();
        assertTrue(mean(fit.subList(75, 80)) < mean(fit.subList(0, 5)) - 20, "fit loss " + fit);
        assertTrue(mean(club.subList(75, 80)) > mean(club.subList(0, 5)) + 5, "CLUB " + club);
    }

    @Test
    void malformedBatchIsNamed() {
        try (var trainer = trainerFor(conv(), new Bilinear(16), 1)) {
            var batch = new ArrayBatch(4, Map.of("a", new float[4 * 64], "b", new float[3 * 64]),
                    Map.of("a", new long[] {4, 1, 8, 8}, "b", new long[] {4, 1, 8, 8}));
            var e = assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(0, batch, 0));
            assertTrue(e.getMessage().contains("view 'b'"), e.getMessage());
        }
    }
}
