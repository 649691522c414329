package dev.viewpair.views;

import java.util.Arrays;

/**
 * A finished view: a dense float tensor in row-major order (images CHW, spectrograms 1×bins×frames).
 *
 * @param data the values, length = product of shape
 * @param shape the dimensions
 */
public record ViewTensor(float[] data, int[] shape) {
    public ViewTensor {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViewTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "ViewTensor" + Arrays.toString(shape);
    }
}
