package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * viewpair's {@link BatchNorm} is DJL's with its defaults: the same outputs in training (batch statistics) and in
 * inference (running statistics), the same running statistics after training steps, on batches of rank 2 to 5; the
 * same parameter names, types and initial values, so a checkpoint written with DJL's block loads.
 */
class BatchNormTest {
    @Test
    void computesWhatDjlsBatchNormComputesOnBatchesOfEveryRank() {
        for (var shape : List.of(new Shape(6, 4), new Shape(5, 3, 7), new Shape(4, 3, 5, 6), new Shape(3, 2, 4, 5, 6))) {
            try (var manager = NDManager.newBaseManager()) {
                var ours = new BatchNorm();
                var djl = ai.djl.nn.norm.BatchNorm.builder().build();
                ours.initialize(manager, DataType.FLOAT32, shape);
                djl.initialize(manager, DataType.FLOAT32, shape);
                assertEquals(djl.getParameters().keys(), ours.getParameters().keys());
                var store = new ParameterStore(manager, false);
                for (int step = 0; step < 3; step++) {
                    var x = manager.randomNormal(1, 2, shape, DataType.FLOAT32);
                    assertSame(djl.forward(store, new NDList(x), true), ours.forward(store, new NDList(x), true), shape);
                }
                for (var name : List.of("gamma", "beta", "runningMean", "runningVar")) {
                    var a = djl.getParameters().get(name);
                    var b = ours.getParameters().get(name);
                    assertEquals(a.getType(), b.getType(), name);
                    assertEquals(a.requiresGradient(), b.requiresGradient(), name);
                    assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray(), 1e-6f, name + " " + shape);
                }
                var x = manager.randomNormal(shape);
                assertSame(djl.forward(store, new NDList(x), false), ours.forward(store, new NDList(x), false), shape);
            }
        }
    }

    @Test
    void inASequentialBlockItsParametersHaveTheNamesOfDjlsBlock() {
        try (var manager = NDManager.newBaseManager()) {
            List<Block> norms = List.of(new BatchNorm(), ai.djl.nn.norm.BatchNorm.builder().build());
            var names = norms.stream().map(norm -> {
                var block = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(norm);
                block.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
                return block.getParameters().keys();
            }).toList();
            assertEquals(names.get(1), names.get(0));
            assertEquals("02BatchNorm_runningVar", names.get(0).get(names.get(0).size() - 1));
        }
    }

    private static void assertSame(NDList expected, NDList actual, Shape shape) {
        assertArrayEquals(expected.singletonOrThrow().toFloatArray(), actual.singletonOrThrow().toFloatArray(), 1e-6f,
                "on " + shape);
    }
}
