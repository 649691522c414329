package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code Resize} with an integer size: the shorter side becomes {@code size}, the longer
 * keeps the aspect ratio (truncated to whole pixels, as torchvision does).
 *
 * @param size the shorter side after resizing
 * @param interpolation how pixels are sampled
 * @param antialias whether shrinking averages (see {@link Interpolation#resize})
 */
public record Resize(int size, Interpolation interpolation, boolean antialias) implements Op<Mat, Mat> {
    public Resize {
        if (size < 1) {
            throw new IllegalArgumentException("resize: size must be at least 1, got " + size);
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        int[] hw = outputSize(image.rows(), image.cols(), size);
        return interpolation.resize(image, hw[0], hw[1], antialias);
    }

    /** [height, width] of a {@code rows × cols} image whose shorter side is scaled to {@code size}. */
    static int[] outputSize(int rows, int cols, int size) {
        int longer = (int) ((long) size * Math.max(rows, cols) / Math.min(rows, cols));
        return cols <= rows ? new int[] {longer, size} : new int[] {size, longer};
    }
}
