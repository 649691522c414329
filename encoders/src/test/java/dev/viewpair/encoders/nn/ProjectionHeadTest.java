package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.Params;
import dev.viewpair.encoders.nn.ProjectionHead.Kind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectionHeadTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static Params values(Map<String, Object> given) {
        return ParamChecks.values("encoder type 'test'", ProjectionHead.PARAMS, given);
    }

    private static NDArray forward(Block head, NDArray x, boolean training) {
        return head.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    /** The number of trainable parameters (BatchNorm's running statistics are not). */
    static long trainable(Block block) {
        return block.getParameters().stream().filter(p -> p.getValue().requiresGradient())
                .mapToLong(p -> p.getValue().getArray().size()).sum();
    }

    @Test
    void everyKindGivesItsOutputShapeAndTheParameterCountOfItsFormula() {
        int d = 12;
        var heads = new ProjectionHead[] {ProjectionHead.mlp(20, 6), new ProjectionHead(Kind.LINEAR, 0, 0, 6),
                new ProjectionHead(Kind.SIMCLR, 20, 0, 6), new ProjectionHead(Kind.BYOL, 20, 0, 6),
                new ProjectionHead(Kind.DINO, 20, 5, 6)};
        // d·h + h + h·o + o; d·o + o; d·h + 2h (BN) + h·o + o; d·h + h + 2h + h·o + o;
        // d·h + h + h·h + h + h·b + b + b·o (the last layer has no bias)
        long[] expected = {12 * 20 + 20 + 20 * 6 + 6, 12 * 6 + 6, 12 * 20 + 40 + 20 * 6 + 6, 12 * 20 + 20 + 40 + 20 * 6 + 6,
                12 * 20 + 20 + 20 * 20 + 20 + 20 * 5 + 5 + 5 * 6};
        for (int i = 0; i < heads.length; i++) {
            var block = heads[i].block();
            block.initialize(manager, DataType.FLOAT32, new Shape(4, d));
            assertEquals(new Shape(7, 6), forward(block, manager.randomNormal(new Shape(7, d)), true).getShape(), heads[i].toString());
            assertEquals(new Shape(3, 6), block.getOutputShapes(new Shape[] {new Shape(3, d)})[0], heads[i].toString());
            assertEquals(expected[i], heads[i].parameterCount(d), heads[i].toString());
            assertEquals(expected[i], trainable(block), heads[i].toString());
        }
    }

    @Test
    void defaultsAreThoseOfThePapersAndProjectionAloneIsTodaysHead() {
        assertNull(ProjectionHead.of(values(Map.of()), 64));
        assertNull(ProjectionHead.of(values(Map.of("projection", 0)), 64));
        assertEquals(ProjectionHead.mlp(64, 32), ProjectionHead.of(values(Map.of("projection", 32)), 64));
        assertEquals(new ProjectionHead(Kind.SIMCLR, 512, 0, 128), ProjectionHead.of(values(Map.of("head", "simclr")), 512));
        assertEquals(new ProjectionHead(Kind.BYOL, 4096, 0, 256), ProjectionHead.of(values(Map.of("head", "byol")), 512));
        assertEquals(new ProjectionHead(Kind.DINO, 2048, 256, 65536), ProjectionHead.of(values(Map.of("head", "dino")), 384));
        assertEquals(new ProjectionHead(Kind.DINO, 64, 16, 100),
                ProjectionHead.of(values(Map.of("head", "dino", "head_hidden", 64, "head_bottleneck", 16, "projection", 100)), 384));
        assertEquals(new ProjectionHead(Kind.LINEAR, 0, 0, 128), ProjectionHead.of(values(Map.of("head", "linear")), 512));
        assertEquals(new ProjectionHead(Kind.MLP, 30, 0, 8),
                ProjectionHead.of(values(Map.of("projection", 8, "head_hidden", 30)), 512));
    }

    @Test
    void batchNormUsesTheBatchInTrainingAndTheRunningStatisticsInInference() {
        for (var kind : new Kind[] {Kind.SIMCLR, Kind.BYOL}) {
            var block = new ProjectionHead(kind, 16, 0, 4).block();
            block.initialize(manager, DataType.FLOAT32, new Shape(3, 8));
            var x = manager.randomNormal(new Shape(1, 8));
            var withA = x.concat(manager.randomNormal(new Shape(3, 8)));
            var withB = x.concat(manager.randomNormal(new Shape(3, 8)).mul(5).add(2));
            // inference: a sample's projection does not depend on the rest of its batch
            var alone = forward(block, x, false);
            assertTrue(alone.allClose(forward(block, withA, false).get("0:1"), 1e-5, 1e-5, false), kind.key());
            assertTrue(alone.allClose(forward(block, withB, false).get("0:1"), 1e-5, 1e-5, false), kind.key());
            // training: it does, through the batch's mean and variance
            assertFalse(forward(block, withA, true).get("0:1").allClose(forward(block, withB, true).get("0:1"), 1e-3, 1e-3, false), kind.key());
            // and training batches move the running statistics that inference then uses
            assertFalse(alone.allClose(forward(block, x, false), 1e-5, 1e-5, false), kind.key());
        }
    }

    @Test
    void dinoProjectsTheNormalizedBottleneckOntoUnitWeightRows() {
        var block = new ProjectionHead(Kind.DINO, 16, 6, 10).block();
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 8));
        var y = forward(block, manager.randomNormal(new Shape(32, 8)).mul(10), true);
        // each output is the cosine between the normalized bottleneck and a weight row: within [-1, 1], and some not near 0
        float[] values = y.toFloatArray();
        for (float v : values) {
            assertTrue(Math.abs(v) <= 1 + 1e-5, "cosine " + v);
        }
        assertTrue(y.abs().max().getFloat() > 0.1f);
        // scaling the last layer's weight leaves the output unchanged: only its direction counts
        var x = manager.randomNormal(new Shape(4, 8));
        var before = forward(block, x, false);
        var weight = block.getParameters().stream().filter(p -> p.getKey().endsWith("weight")).reduce((a, b) -> b).orElseThrow().getValue();
        assertEquals(new Shape(10, 6), weight.getArray().getShape());
        weight.getArray().muli(7);
        assertTrue(before.allClose(forward(block, x, false), 1e-5, 1e-5, false));
    }

    @Test
    void headsWithMissingSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProjectionHead.mlp(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionHead(Kind.SIMCLR, 8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProjectionHead(Kind.LINEAR, 8, 0, 4));
        var dino = assertThrows(IllegalArgumentException.class, () -> new ProjectionHead(Kind.DINO, 8, 0, 4));
        assertTrue(dino.getMessage().contains("bottleneck"), dino.getMessage());
    }

    @Test
    void theRulesRefuseSizesTheHeadDoesNotHave() {
        assertEquals(1, problems(Map.of("head_hidden", 8)), "no head");
        assertEquals(1, problems(Map.of("head", "linear", "head_hidden", 8)), "linear has no hidden layer");
        assertEquals(1, problems(Map.of("head", "simclr", "head_bottleneck", 8)), "only dino has a bottleneck");
        assertEquals(1, problems(Map.of("projection", 8, "head_bottleneck", 8)), "nor has projection's mlp");
        assertEquals(0, problems(Map.of("head", "dino", "head_bottleneck", 8, "head_hidden", 8)));
        assertEquals(0, problems(Map.of("projection", 8, "head_hidden", 8)));
    }

    private static long problems(Map<String, Object> given) {
        return ParamChecks.constraintProblems(values(given), ProjectionHead.RULES).size();
    }
}
