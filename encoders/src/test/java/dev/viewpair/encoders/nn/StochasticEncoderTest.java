package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stochastic encoder ({@code stochastic: {type: gaussian}}): its projection is the head's output in inference and
 * a sample {@code μ + σε} with ε ~ N(0, I) in training; its posterior layer is [μ ; σ] with σ ≥ min_std, finite at
 * extreme pre-activations; a deterministic encoder's parameters keep their names, the stochastic one adds the
 * posterior's.
 */
class StochasticEncoderTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(4);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static Encoder deterministic() {
        return MlpEncoder.builder().hidden(16).dim(12).head(ProjectionHead.mlp(16, 8)).build();
    }

    @Test
    void theProjectionIsTheMeanInInferenceAndASampleInTraining() {
        Encoder encoder = deterministic().stochastic(new GaussianPosterior(8, 0.05));
        encoder.initialize(manager, DataType.FLOAT32, new Shape(4, 10));
        NDArray x = manager.randomNormal(new Shape(512, 10));
        NDArray mean = encoder.head().forward(new ParameterStore(manager, false), new NDList(encoder.embed(x)), false)
                .singletonOrThrow();
        assertArrayEquals(mean.toFloatArray(), encoder.project(x).toFloatArray(), 0f);
        var eval = encoder.layers(x, Set.of(EncoderLayer.PROJECTION, EncoderLayer.POSTERIOR));
        assertArrayEquals(mean.toFloatArray(), eval.get(EncoderLayer.PROJECTION).values().toFloatArray(), 0f);
        NDArray posterior = eval.get(EncoderLayer.POSTERIOR).values();
        assertEquals(new Shape(512, 16), posterior.getShape());
        assertArrayEquals(mean.toFloatArray(), posterior.get(":, :8").toFloatArray(), 0f);
        NDArray std = posterior.get(":, 8:");
        assertTrue(std.min().getFloat() >= 0.05f, "σ below its floor: " + std.min().getFloat());

        var trained = encoder.forwardLayers(new ParameterStore(manager, false), x, true,
                Set.of(EncoderLayer.PROJECTION, EncoderLayer.POSTERIOR));
        NDArray z = trained.get(EncoderLayer.PROJECTION).values();
        NDArray trainedPosterior = trained.get(EncoderLayer.POSTERIOR).values();
        NDArray noise = z.sub(trainedPosterior.get(":, :8")).div(trainedPosterior.get(":, 8:"));
        double m = noise.mean().getFloat();
        double variance = noise.sub((float) m).square().mean().getFloat();
        assertEquals(0, m, 4.0 / Math.sqrt(noise.size()), "ε's mean");
        assertEquals(1, variance, 0.05, "ε's variance");
        assertEquals(List.of("stage1", "embedding", "projection", "posterior"),
                encoder.layers().stream().map(EncoderLayer::name).toList());
    }

    @Test
    void theFloorHoldsAndNothingOverflowsAtExtremePreActivations() {
        var posterior = new GaussianPosterior(3, 1e-3);
        posterior.initialize(manager, DataType.FLOAT32, new Shape(2, 1));
        posterior.getParameters().forEach(p -> p.getValue().getArray().set(new NDIndex("..."), 1f));
        NDArray std = posterior.std(new ParameterStore(manager, false), manager.create(new float[] {-1e5f, 1e5f},
                new Shape(2, 1)), false);
        float[] values = std.toFloatArray();
        for (int j = 0; j < 3; j++) {
            assertEquals(1e-3, values[j], 1e-9, "σ at a pre-activation of −1e5");
            assertEquals(1e5, values[3 + j], 1, "σ at +1e5");
        }
    }

    @Test
    void aDeterministicEncoderKeepsItsParameterNamesAndTheStochasticOneAddsThePosteriors() {
        Encoder plain = deterministic();
        plain.initialize(manager, DataType.FLOAT32, new Shape(2, 10));
        Encoder stochastic = deterministic().stochastic(new GaussianPosterior(8, 0.01));
        stochastic.initialize(manager, DataType.FLOAT32, new Shape(2, 10));
        var plainNames = plain.getParameters().keys();
        var names = stochastic.getParameters().keys();
        assertEquals(plainNames, names.subList(0, plainNames.size()));
        assertTrue(names.subList(plainNames.size(), names.size()).stream().allMatch(n -> n.contains("posterior")),
                names.toString());
        assertEquals(plainNames.size() + 2, names.size());
        assertTrue(plain.posterior().isEmpty());
        assertEquals(0.01, stochastic.posterior().orElseThrow().minStd());
    }

    @Test
    void badPosteriorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> deterministic().stochastic(new GaussianPosterior(7, 0.01)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPosterior(8, 0));
        assertEquals(0.2, GaussianPosterior.of(Map.of("min_std", 0.2), 4).minStd());
        assertEquals(GaussianPosterior.DEFAULT_MIN_STD, GaussianPosterior.of(Map.of(), 4).minStd());
        Encoder stochastic = deterministic().stochastic(new GaussianPosterior(8, 0.01));
        assertThrows(IllegalStateException.class, () -> stochastic.stochastic(new GaussianPosterior(8, 0.01)));
    }
}
