package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.EncoderTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reduced-width ResNet from the encoder catalogue trains through the shared trainer on 1-channel 8×8 views. */
class ResNetTrainingTest {
    private static SharedTrainer trainer() {
        var resnet = EncoderTypes.standard().get("resnet")
                .create(Map.of("depth", 18, "stem", "cifar", "width", 0.125, "projection", 16));
        return SharedTrainer.builder()
                .encoder("image", resnet, "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .seed(5)
                .device(Device.cpu())
                .build();
    }

    @Test
    void aResNetFromTheCatalogueTakesTrainingStepsAndItsCheckpointLoads(@TempDir Path folder) throws IOException {
        var data = new PairedClusters(4, 3);
        var evaluation = List.of(data.batch(8, "a", "b"));
        float[][] after;
        try (var trainer = trainer()) {
            float before = trainer.embed("image", evaluation.iterator(), "a")[0][0];
            for (int step = 0; step < 2; step++) {
                StepMetrics m = trainer.trainStep(0, data.batch(8, "a", "b"), 0);
                assertTrue(Double.isFinite(m.loss()) && m.pairNats().get("ab") <= Math.log(8) + 1e-5, m.toString());
            }
            assertEquals(2, trainer.step());
            after = trainer.embed("image", evaluation.iterator(), "a");
            assertEquals(64, after[0].length, "512 · 0.125 channels pooled");
            assertNotEquals(before, after[0][0], "the steps changed the weights");
            trainer.save(folder);
        }
        try (var restored = trainer()) {
            restored.load(folder);
            var loaded = restored.embed("image", evaluation.iterator(), "a");
            for (int i = 0; i < after.length; i++) {
                assertArrayEquals(after[i], loaded[i], "row " + i);
            }
        }
    }
}
