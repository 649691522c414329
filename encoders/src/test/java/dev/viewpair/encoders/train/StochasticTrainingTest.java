package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.EncoderPosterior;
import dev.viewpair.encoders.mi.GaussianConditional;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.mi.LeaveOneOut;
import dev.viewpair.encoders.mi.VariationalPrior;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.nn.GaussianPosterior;
import dev.viewpair.encoders.nn.ProjectionHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stochastic encoder trains through the shared trainer with the information bottleneck's pairs: InfoNCE between two
 * views plus β times the exact leave-one-out and VIB bounds on a view and its own representation, β warmed up; the
 * loss is exactly that sum at each step's warmed-up weight, the posterior's KL and variances are read out, the
 * posterior's weights train, and a checkpoint restores them.
 */
class StochasticTrainingTest {
    private static final double BETA = 0.1;
    private static final int WARMUP = 4;

    private static SharedTrainer trainer(long seed) {
        var encoder = ConvEncoder.builder().widths(4, 8).dim(12).head(ProjectionHead.mlp(16, 6)).build()
                .stochastic(new GaussianPosterior(6, 0.01));
        return SharedTrainer.builder()
                .encoder("enc", encoder, "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .pair(new PairSpec("loo", "a", "a", new EncoderPosterior(), new LeaveOneOut(), BETA, null,
                        EncoderLayer.POSTERIOR, EncoderLayer.PROJECTION, WARMUP))
                .pair(new PairSpec("vib", "b", "b", new EncoderPosterior(), new VariationalPrior(), BETA, null,
                        EncoderLayer.POSTERIOR, EncoderLayer.PROJECTION, WARMUP))
                .optimizer(OptimizerConfig.constant(1e-2, 0))
                .seed(seed)
                .device(Device.cpu())
                .build();
    }

    @Test
    void theLossIsInfoNceMinusTheWarmedUpBetaTimesTheUpperBoundsAndThePosteriorTrains() {
        var data = new PairedClusters(4, 3);
        try (var trainer = trainer(3)) {
            var steps = trainer.steps(0, data.batches(10, 16, "a", "b").iterator());
            var first = steps.next();
            var before = SharedTrainerTest.trainable(trainer.encoder("enc").posterior().orElseThrow());
            assertFalse(before.isEmpty());
            for (var m = first; ; m = steps.next()) {
                double weight = BETA * Math.min(1, (m.step() + 1) / (double) WARMUP);
                var nats = m.pairNats();
                assertTrue(nats.values().stream().allMatch(Double::isFinite), nats.toString());
                assertEquals(-nats.get("ab") + weight * (nats.get("loo") + nats.get("vib")), m.loss(), 1e-4,
                        "step " + m.step());
                for (String view : new String[] {"a", "b"}) {
                    assertTrue(m.viewKl().get(view) > 0, m.viewKl().toString());
                    assertEquals(6, m.viewVariance().get(view).size());
                    assertTrue(m.viewVariance().get(view).stream().allMatch(v -> v >= 1e-4), m.viewVariance().toString());
                }
                if (!steps.hasNext()) {
                    break;
                }
            }
            var after = SharedTrainerTest.trainable(trainer.encoder("enc").posterior().orElseThrow());
            before.forEach((name, values) -> assertFalse(Arrays.equals(values, after.get(name)), name + " did not move"));
        }
    }

    @Test
    void aCheckpointRestoresThePosterior(@TempDir Path dir) throws IOException {
        var data = new PairedClusters(4, 5);
        Map<String, float[]> trained;
        try (var trainer = trainer(5)) {
            trainer.trainEpoch(0, data.batches(3, 8, "a", "b").iterator());
            trainer.save(dir);
            trained = TrainerStateTest.values(trainer);
        }
        assertTrue(trained.keySet().stream().anyMatch(name -> name.contains("posterior")), trained.keySet().toString());
        try (var trainer = trainer(77)) {
            trainer.load(dir);
            var loaded = TrainerStateTest.values(trainer);
            assertEquals(trained.keySet(), loaded.keySet());
            trained.forEach((name, values) -> assertArrayEquals(values, loaded.get(name), name));
        }
    }

    @Test
    void pairsRefuseAPosteriorCriticWithOtherBoundsAndVibWithOtherCritics() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PairSpec("x", "a", "a", new EncoderPosterior(),
                new InfoNce(false), 1, null, EncoderLayer.POSTERIOR, EncoderLayer.PROJECTION));
        assertTrue(e.getMessage().contains("loo, club and vib"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PairSpec("x", "a", "b",
                new GaussianConditional(6, 6, new int[] {8}), new VariationalPrior(), 1));
        assertTrue(e.getMessage().contains("critic 'posterior'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PairSpec("x", "a", "b", new Cosine(0.1, false),
                new InfoNce(false), 1, null, EncoderLayer.PROJECTION, EncoderLayer.PROJECTION, -1));
        assertTrue(e.getMessage().contains("warm-up"), e.getMessage());
    }
}
