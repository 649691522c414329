package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes into an array's own native memory, as an indexed assignment ({@code target[...] = value}) does.
 *
 * <p>Use these, never DJL's {@code NDArray.copyTo} or {@code set(Buffer)}, on arrays that another handle can reach
 * (parameters, their running statistics, gradients): on the PyTorch engine those calls do not copy into the
 * target's storage but swap it for a fresh Java direct buffer that only that one Java object keeps alive. Every
 * other handle on the same tensor (a parameter's gradient is fetched as a new handle each step, the tensor itself
 * outlives it) is then left on memory the garbage collector frees, and the next backward pass or update writes
 * into freed native memory: wrong numbers, then a glibc abort.
 */
final class InPlace {
    private InPlace() {}

    /** Copies {@code source} (same shape and device) into {@code target}'s memory. */
    static void copy(NDArray source, NDArray target) {
        target.set(new NDIndex("..."), source);
    }

    /** Sets every element of {@code target} to 0, NaN and infinities included (a multiplication by 0 keeps NaN). */
    static void zero(NDArray target) {
        target.set(new NDIndex("..."), 0f);
    }
}
