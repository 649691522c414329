package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views of different spatial sizes through one conv encoder (multi-crop), refused for an MLP. */
class MixedSizesTest {

    /** The batch's 1×8×8 view "b" averaged over 2×2 blocks: a 1×4×4 view "small" beside the 8×8 "a". */
    private static BatchData globalAndLocal(BatchData batch) {
        int n = batch.size();
        float[] b = batch.view("b");
        float[] small = new float[n * 16];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    float sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += b[i * 64 + (2 * y + dy) * 8 + 2 * x + dx];
                        }
                    }
                    small[i * 16 + y * 4 + x] = sum / 4;
                }
            }
        }
        return new ArrayBatch(n, Map.of("a", batch.view("a"), "small", small),
                Map.of("a", batch.shape("a"), "small", new long[] {n, 1, 4, 4}));
    }

    private static SharedTrainer trainer(Encoder encoder) {
        return SharedTrainer.builder()
                .encoder("image", encoder, "a", "small")
                .pair(new PairSpec("global-local", "a", "small", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .seed(2)
                .device(Device.cpu())
                .build();
    }

    private static Encoder conv() {
        return ConvEncoder.builder().widths(8, 16).dim(16).projection(32, 16).downsampling(ConvEncoder.Downsampling.STRIDE).build();
    }

    @Test
    void aConvEncoderTakesA8pxAndA4pxViewAndItsCheckpointLoads(@TempDir Path folder) throws IOException {
        var data = new PairedClusters(4, 6);
        List<BatchData> evaluation = List.of(globalAndLocal(data.batch(8, "a", "b")));
        float[][] small;
        try (var trainer = trainer(conv())) {
            for (int step = 0; step < 2; step++) {
                StepMetrics m = trainer.trainStep(0, globalAndLocal(data.batch(16, "a", "b")), 0);
                assertTrue(Double.isFinite(m.loss()) && m.pairNats().get("global-local") <= Math.log(16) + 1e-5, m.toString());
            }
            assertEquals(2, trainer.step());
            small = trainer.embed("image", evaluation.iterator(), "small");
            trainer.save(folder);
        }
        try (var restored = trainer(conv())) {
            restored.load(folder);
            float[][] loaded = restored.embed("image", evaluation.iterator(), "small");
            for (int i = 0; i < small.length; i++) {
                assertArrayEquals(small[i], loaded[i], "row " + i);
            }
            assertEquals(16, restored.embed("image", evaluation.iterator(), "a")[0].length);
        }
    }

    @Test
    void differentChannelsOrAnMlpEncoderAreRefused() {
        var data = new PairedClusters(4, 7);
        try (var trainer = trainer(MlpEncoder.builder().hidden(32).dim(16).projection(32, 16).build())) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.trainStep(0, globalAndLocal(data.batch(8, "a", "b")), 0));
            assertTrue(e.getMessage().contains("must have the same shape") && e.getMessage().contains("'small'"),
                    e.getMessage());
        }
        try (var trainer = trainer(conv())) {
            var twoChannels = new ArrayBatch(4, Map.of("a", new float[4 * 64], "small", new float[4 * 2 * 16]),
                    Map.of("a", new long[] {4, 1, 8, 8}, "small", new long[] {4, 2, 4, 4}));
            var e = assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(0, twoChannels, 0));
            assertTrue(e.getMessage().contains("need the same channels") && e.getMessage().contains("[2, 4, 4]"),
                    e.getMessage());
        }
    }
}
