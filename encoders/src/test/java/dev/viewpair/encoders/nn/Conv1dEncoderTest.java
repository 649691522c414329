package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Conv1dEncoderTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void waveformsOfAnyLengthGiveEmbeddingAndProjection() {
        Encoder encoder = Conv1dEncoder.builder().widths(4, 8).kernel(5).stride(3).dim(12)
                .head(new ProjectionHead(ProjectionHead.Kind.SIMCLR, 16, 0, 6)).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 400));
        assertTrue(encoder.pooledOverSpace());
        for (int samples : new int[] {400, 1000, 1}) { // pooled over time: one sample still goes through
            var x = manager.randomNormal(new Shape(3, 1, samples));
            assertEquals(new Shape(3, 12), encoder.embed(x).getShape());
            assertEquals(new Shape(3, 6), encoder.project(x).getShape());
        }
        // convolutions c_in·k·w (no bias) + BatchNorm 2w per stage, then Linear(dim), then the head
        long backbone = 1 * 5 * 4 + 2 * 4 + 4 * 5 * 8 + 2 * 8 + 8 * 12 + 12;
        assertEquals(backbone + new ProjectionHead(ProjectionHead.Kind.SIMCLR, 16, 0, 6).parameterCount(12),
                ProjectionHeadTest.trainable(encoder));
    }

    @Test
    void theCatalogueBuildsItWithItsDefaults() {
        var encoder = EncoderTypes.standard().get("conv1d").create(Map.of("dim", 8));
        encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 16000));
        assertEquals(new Shape(2, 8), encoder.embed(manager.randomNormal(new Shape(2, 1, 16000))).getShape());
        assertEquals(8, encoder.projectionDim(), "no head: the projection is the embedding");
        // widths 32, 64, 128 with kernel 9: 1·9·32 + 32·9·64 + 64·9·128 weights, 2·(32 + 64 + 128) BatchNorm, 128·8 + 8
        assertEquals(9 * 32 + 32 * 9 * 64 + 64 * 9 * 128 + 2 * (32 + 64 + 128) + 128 * 8 + 8, ProjectionHeadTest.trainable(encoder));
    }

    @Test
    void theBackboneMatchesPyTorch(@TempDir Path dir) throws Exception {
        TorchBlocks.assumeTorch();
        var encoder = Conv1dEncoder.builder().widths(3, 4).kernel(4).stride(3).dim(5).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 50));
        TorchBlocks.assertSameAsTorch(dir, "\"kind\": \"conv1d\", \"channels\": 1, \"widths\": [3, 4], \"kernel\": 4, "
                + "\"stride\": 3, \"dim\": 5", encoder.backbone(), manager.randomNormal(new Shape(4, 1, 50)), manager);
    }

    @Test
    void badShapesAndSizesAreNamed() {
        Encoder encoder = Conv1dEncoder.builder().widths(4).dim(8).build();
        var rank = assertThrows(IllegalArgumentException.class,
                () -> encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 16, 16)));
        assertTrue(rank.getMessage().contains("B×C×T"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conv1dEncoder.builder().dim(8).build());
        var stride = assertThrows(IllegalArgumentException.class, () -> Conv1dEncoder.builder().widths(4).dim(8).stride(0).build());
        assertTrue(stride.getMessage().contains("stride=0"), stride.getMessage());
    }
}
