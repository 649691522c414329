package dev.viewpair.encoders.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.viewpair.encoders.FreedNativeMemory;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The constants of critics and bounds ({@link Constant}) live until the backward pass: the gradients are the same
 * when, between the forward and the backward pass, the garbage collector runs and the freed native memory is
 * handed out again and overwritten. (With DJL's {@code x.div(2f)} the backward pass read the constant from a
 * freed buffer: the mark showed up in the gradients.)
 */
class GraphConstantTest {
    private static final int K = 6;
    private static final int DIM = 4;
    private static final NDManager manager = NDManager.newBaseManager();

    @AfterAll
    static void close() {
        manager.close();
    }

    private record Case(String name, Critic critic, Bound bound) {}

    @Test
    void gradientsDoNotChangeWhenFreedMemoryIsReusedBeforeTheBackwardPass() throws InterruptedException {
        var random = new Random(3);
        float[] a = gaussian(random);
        float[] b = gaussian(random);
        var gaussian = new GaussianConditional(DIM, DIM, new int[] {8});
        gaussian.initialize(manager, DataType.FLOAT32, new Shape(2, DIM), new Shape(2, DIM));
        for (var c : List.of(
                new Case("cosine + symmetric infonce", new Cosine(0.3, false), new InfoNce(true)),
                new Case("dot + nwj", new Dot(), new Nwj()),
                new Case("dot + js", new Dot(), new JensenShannon()),
                new Case("gaussian + club", gaussian, new Club()))) {
            float[][] quiet = gradients(c, a, b, false);
            float[][] disturbed = gradients(c, a, b, true);
            assertArrayEquals(quiet[0], disturbed[0], c.name() + ": gradient of view A's embeddings");
            assertArrayEquals(quiet[1], disturbed[1], c.name() + ": gradient of view B's embeddings");
        }
    }

    private static float[][] gradients(Case c, float[] a, float[] b, boolean disturb) throws InterruptedException {
        try (NDManager step = manager.newSubManager()) {
            NDArray za = step.create(a, new Shape(K, DIM));
            NDArray zb = step.create(b, new Shape(K, DIM));
            za.setRequiresGradient(true);
            zb.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray estimate = c.bound().estimate(c.critic().scores(za, zb));
                // a float constant is a 4-byte buffer: take many of them back
                var reclaimed = disturb ? FreedNativeMemory.reclaim(4000, Float.BYTES) : List.of();
                collector.backward(estimate);
                Reference.reachabilityFence(reclaimed);
            }
            return new float[][] {za.getGradient().toFloatArray(), zb.getGradient().toFloatArray()};
        }
    }

    private static float[] gaussian(Random random) {
        float[] out = new float[K * DIM];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
