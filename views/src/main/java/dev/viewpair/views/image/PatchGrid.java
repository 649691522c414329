package dev.viewpair.views.image;

import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewFamily;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The overlapping patch grid of Contrastive Predictive Coding (van den Oord et al. 2018; Hénaff et al. 2019):
 * {@code grid × grid} square patches of side {@code patch}, {@code stride} pixels apart (CPC: a 7×7 grid of
 * 64-pixel patches with stride 32, i.e. 32 pixels of overlap, from a 256-pixel image). The grid spans
 * {@code (grid − 1) · stride + patch} pixels and sits in the image's centre; an image smaller than that is
 * first scaled up (bilinear, aspect kept) until it fits. Members {@code r0c0 … r(g-1)c(g-1)}, row by row;
 * each patch is a view (ROI) into the image's pixels, which ops never modify.
 *
 * @param grid patches per row and per column, ≥ 1
 * @param patch the side of a patch in pixels, ≥ 1
 * @param stride the distance between neighbouring patches in pixels, ≥ 1 (patch − stride pixels overlap)
 */
public record PatchGrid(int grid, int patch, int stride) implements ViewFamily<Mat> {
    public PatchGrid {
        if (grid < 1 || patch < 1 || stride < 1) {
            throw new IllegalArgumentException("patch_grid: grid, patch and stride must be ≥ 1, got " + grid + ", " + patch + ", " + stride);
        }
    }

    /** The side of the square the grid covers, in pixels. */
    public int extent() {
        return (grid - 1) * stride + patch;
    }

    @Override
    public List<String> members() {
        var names = new ArrayList<String>();
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                names.add("r" + r + "c" + c);
            }
        }
        return names;
    }

    @Override
    public List<Mat> apply(Mat image, ViewContext ctx) {
        int extent = extent();
        var source = image;
        if (image.rows() < extent || image.cols() < extent) {
            double scale = Math.max((double) extent / image.rows(), (double) extent / image.cols());
            source = Interpolation.BILINEAR.resize(image, Math.max(extent, (int) Math.ceil(image.rows() * scale)),
                    Math.max(extent, (int) Math.ceil(image.cols() * scale)), false);
        }
        int top = (source.rows() - extent) / 2;
        int left = (source.cols() - extent) / 2;
        var patches = new ArrayList<Mat>();
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                try (var rect = new Rect(left + c * stride, top + r * stride, patch, patch)) {
                    patches.add(new Mat(source, rect));
                }
            }
        }
        return patches;
    }
}
