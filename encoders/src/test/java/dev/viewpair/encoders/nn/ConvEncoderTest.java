package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConvEncoderTest {
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
    void imageBatchGivesEmbeddingAndProjection() {
        Encoder encoder = ConvEncoder.builder().widths(4, 8).dim(12).projection(16, 6).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(3, 3, 16, 16));
        var x = manager.randomNormal(new Shape(5, 3, 16, 16)); // any batch size after initialization
        assertEquals(new Shape(5, 12), encoder.embed(x).getShape());
        assertEquals(new Shape(5, 6), encoder.project(x).getShape());
        assertEquals(12, encoder.dim());
        assertEquals(6, encoder.projectionDim());
        // inference is deterministic (BatchNorm on running statistics)
        assertTrue(encoder.embed(x).allClose(encoder.embed(x)));
    }

    @Test
    void spectrogramBatchWithMaxPoolAndNoHead() {
        Encoder encoder = ConvEncoder.builder()
                .widths(4, 4, 8)
                .dim(10)
                .downsampling(ConvEncoder.Downsampling.MAX_POOL)
                .build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 16, 20));
        var x = manager.randomNormal(new Shape(2, 1, 16, 20));
        assertEquals(10, encoder.projectionDim());
        assertTrue(encoder.project(x).allClose(encoder.embed(x)), "without a head the projection is the embedding");
    }

    @Test
    void badShapesAreNamed() {
        Encoder encoder = ConvEncoder.builder().widths(4).dim(8).build();
        var rank = assertThrows(IllegalArgumentException.class,
                () -> encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 16)));
        assertTrue(rank.getMessage().contains("B×C×H×W"), rank.getMessage());
        Encoder pooled = ConvEncoder.builder().widths(4, 4, 4).dim(8).downsampling(ConvEncoder.Downsampling.MAX_POOL).build();
        var small = assertThrows(IllegalArgumentException.class,
                () -> pooled.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 4, 4)));
        assertTrue(small.getMessage().contains("at least 8"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvEncoder.builder().dim(8).build());
        assertThrows(IllegalStateException.class,
                () -> ConvEncoder.builder().widths(4).dim(8).build().embed(manager.zeros(new Shape(1, 1, 8, 8))));
    }

    @Test
    void mlpEncoderFlattensSamples() {
        Encoder encoder = MlpEncoder.builder().hidden(16).dim(8).projection(8, 4).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 4, 4));
        assertEquals(new Shape(3, 8), encoder.embed(manager.ones(new Shape(3, 1, 4, 4))).getShape());
        assertEquals(new Shape(3, 4), encoder.project(manager.ones(new Shape(3, 1, 4, 4))).getShape());
    }
}
