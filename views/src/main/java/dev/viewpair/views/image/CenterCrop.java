package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * torchvision's {@code CenterCrop}: the central {@code height × width} region; an image smaller than that
 * is first padded with black on every side. The result is a view (ROI) into the input's pixels when no
 * padding is needed: ops never write into their input, so sharing is safe.
 *
 * @param height output rows
 * @param width output columns
 */
public record CenterCrop(int height, int width) implements Op<Mat, Mat> {
    public CenterCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("center_crop: size must be at least 1×1, got " + height + "×" + width);
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        int padRows = Math.max(0, height - image.rows());
        int padCols = Math.max(0, width - image.cols());
        if (padRows == 0 && padCols == 0) {
            return crop(image);
        }
        try (var padded = new Mat(); var black = new Scalar(0, 0, 0, 0)) {
            copyMakeBorder(image, padded, padRows / 2, (padRows + 1) / 2, padCols / 2, (padCols + 1) / 2,
                    BORDER_CONSTANT, black);
            return crop(padded);
        }
    }

    private Mat crop(Mat image) {
        // torchvision rounds the offset half to even
        int top = (int) Math.rint((image.rows() - height) / 2.0);
        int left = (int) Math.rint((image.cols() - width) / 2.0);
        try (var rect = new Rect(left, top, width, height)) {
            return new Mat(image, rect);
        }
    }
}
