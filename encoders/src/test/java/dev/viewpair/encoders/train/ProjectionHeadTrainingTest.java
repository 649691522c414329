package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import dev.viewpair.encoders.nn.ProjectionHead;
import dev.viewpair.encoders.nn.ProjectionHead.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SimCLR, BYOL and DINO heads train through the shared trainer: finite losses, every head parameter moves, and a
 * checkpoint restores them (BatchNorm's running statistics and DINO's weight-normalized layer included).
 */
class ProjectionHeadTrainingTest {
    private static final ProjectionHead[] HEADS = {new ProjectionHead(Kind.SIMCLR, 24, 0, 8),
            new ProjectionHead(Kind.BYOL, 24, 0, 8), new ProjectionHead(Kind.DINO, 24, 6, 16)};

    private static Encoder encoder(ProjectionHead head) {
        return head.kind() == Kind.DINO ? MlpEncoder.builder().hidden(16).dim(12).head(head).build()
                : ConvEncoder.builder().widths(4, 8).dim(12).head(head).build();
    }

    private static SharedTrainer trainer(ProjectionHead head, long seed) {
        return SharedTrainer.builder()
                .encoder("enc", encoder(head), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-2, 0))
                .seed(seed)
                .device(Device.cpu())
                .build();
    }

    @Test
    void stepsTrainEveryHeadParameter() {
        for (var head : HEADS) {
            var data = new PairedClusters(4, 3);
            try (var trainer = trainer(head, 3)) {
                var steps = trainer.steps(0, data.batches(3, 8, "a", "b").iterator());
                steps.next(); // initializes the parameters from the first batch
                var before = SharedTrainerTest.trainable(trainer.encoder("enc").head());
                assertEquals(head.parameterCount(12), before.values().stream().mapToLong(v -> v.length).sum(), head.toString());
                var summary = trainer.trainEpoch(1, data.batches(3, 8, "a", "b").iterator());
                assertTrue(Double.isFinite(summary.meanLoss()), head + ": " + summary);
                var after = SharedTrainerTest.trainable(trainer.encoder("enc").head());
                assertEquals(before.keySet(), after.keySet());
                before.forEach((name, values) -> assertFalse(Arrays.equals(values, after.get(name)), head + " " + name + " did not move"));
                assertEquals(head.out(), trainer.encoder("enc").projectionDim());
            }
        }
    }

    @Test
    void aCheckpointRestoresEveryHeadParameter(@TempDir Path dir) throws IOException {
        for (var head : HEADS) {
            var data = new PairedClusters(4, 5);
            var checkpoint = dir.resolve(head.kind().key());
            Map<String, float[]> trained;
            try (var trainer = trainer(head, 5)) {
                trainer.trainEpoch(0, data.batches(2, 8, "a", "b").iterator());
                trainer.save(checkpoint);
                trained = TrainerStateTest.values(trainer);
            }
            try (var trainer = trainer(head, 77)) {
                trainer.load(checkpoint);
                var loaded = TrainerStateTest.values(trainer);
                assertEquals(trained.keySet(), loaded.keySet());
                trained.forEach((name, values) -> assertArrayEquals(values, loaded.get(name), head + " " + name));
            }
        }
    }
}
