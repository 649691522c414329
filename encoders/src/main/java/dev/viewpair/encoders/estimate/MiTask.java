package dev.viewpair.encoders.estimate;

import java.util.Random;

/**
 * A law of paired rows (X, Y) whose MI is known in closed form, that can be sampled.
 *
 * @param name unique, e.g. {@code student-t-1x1-nu2}
 * @param family what kind of task: gaussian-dense, gaussian-sparse, student-t, half-cube, asinh,
 *     uniform-noise, spiral
 * @param dimX X's coordinates
 * @param dimY Y's coordinates
 * @param trueMi the MI, nats
 * @param sampler draws rows
 */
public record MiTask(String name, String family, int dimX, int dimY, double trueMi, Sampler sampler) {
    /** Draws n paired rows {x, y} (x is n × dimX, y is n × dimY) from a random source. */
    @FunctionalInterface
    public interface Sampler {
        float[][][] sample(int n, Random random);
    }

    /** n paired rows {x, y}, the same for the same seed. */
    public float[][][] sample(int n, long seed) {
        return sampler.sample(n, new Random(seed));
    }

    /** {@code m×n}, the dimensions as the tables write them. */
    public String dims() {
        return dimX + "×" + dimY;
    }
}
