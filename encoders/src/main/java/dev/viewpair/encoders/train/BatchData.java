package dev.viewpair.encoders.train;

/**
 * One batch of views as plain Java arrays, as data-loading threads produce it. The trainer turns
 * it into NDArrays on its own thread.
 */
public interface BatchData {

    /** The number of samples B. */
    int size();

    /**
     * The named view's values for the whole batch in row-major order (sample-major, then e.g.
     * CHW); length = product of {@link #shape(String)}.
     *
     * @throws IllegalArgumentException if the batch has no such view
     */
    float[] view(String name);

    /** The named view's shape, batch dimension first (e.g. {@code [B, C, H, W]}). */
    long[] shape(String name);
}
