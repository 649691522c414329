package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.Conv1dEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A 1-D conv encoder trains through the shared trainer on short waveform views (1 × samples). */
class Conv1dTrainingTest {
    /** Two noisy copies of one random tone per sample, {@code 1 × samples} each. */
    private static List<BatchData> tones(int count, int size, int samples, long seed) {
        var random = new Random(seed);
        var batches = new ArrayList<BatchData>();
        for (int b = 0; b < count; b++) {
            float[] a = new float[size * samples];
            float[] c = new float[size * samples];
            for (int i = 0; i < size; i++) {
                double frequency = 0.02 + 0.3 * random.nextDouble();
                for (int t = 0; t < samples; t++) {
                    float x = (float) Math.sin(2 * Math.PI * frequency * t);
                    a[i * samples + t] = x + 0.1f * (float) random.nextGaussian();
                    c[i * samples + t] = x + 0.1f * (float) random.nextGaussian();
                }
            }
            long[] shape = {size, 1, samples};
            batches.add(new ArrayBatch(size, Map.of("a", a, "b", c), Map.of("a", shape, "b", shape)));
        }
        return batches;
    }

    private static float[] firstConvolution(SharedTrainer trainer) {
        return trainer.encoder("sound").backbone().getParameters().stream().filter(p -> p.getKey().contains("Conv1d"))
                .findFirst().orElseThrow().getValue().getArray().toFloatArray();
    }

    @Test
    void aStepMovesTheWeightsAndGivesAFiniteLoss() {
        var encoder = Conv1dEncoder.builder().widths(4, 8).kernel(5).stride(2).dim(8).build();
        try (var trainer = SharedTrainer.builder()
                .encoder("sound", encoder, "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-2, 0))
                .seed(4)
                .device(Device.cpu())
                .build()) {
            var steps = trainer.steps(0, tones(3, 6, 200, 1).iterator());
            steps.next();
            float[] before = firstConvolution(trainer);
            var summary = trainer.trainEpoch(1, tones(2, 6, 200, 2).iterator());
            assertEquals(2, summary.steps());
            assertTrue(Double.isFinite(summary.meanLoss()), summary.toString());
            float[] after = firstConvolution(trainer);
            assertFalse(Arrays.equals(before, after), "the first convolution's weights did not move");
        }
    }
}
