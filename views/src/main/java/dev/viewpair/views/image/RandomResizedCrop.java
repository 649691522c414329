package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * torchvision's {@code RandomResizedCrop}: a crop of random area (a fraction of the image drawn from
 * {@code scale}) and random aspect ratio (width / height, log-uniform over {@code ratio}), resized to
 * {@code height × width}. After ten draws that do not fit, the largest central crop whose ratio lies in
 * the range.
 *
 * @param height output rows
 * @param width output columns
 * @param minScale smallest crop area, as a fraction of the image's
 * @param maxScale largest crop area fraction
 * @param minRatio smallest width / height of the crop
 * @param maxRatio largest width / height
 * @param interpolation how the crop is resized
 * @param antialias whether shrinking averages (see {@link Interpolation#resize})
 */
public record RandomResizedCrop(int height, int width, double minScale, double maxScale, double minRatio,
        double maxRatio, Interpolation interpolation, boolean antialias) implements Op<Mat, Mat> {
    private static final int ATTEMPTS = 10;

    public RandomResizedCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("random_resized_crop: size must be at least 1×1, got " + height + "×" + width);
        }
        if (!(0 < minScale && minScale <= maxScale)) {
            throw new IllegalArgumentException("random_resized_crop: scale must be a [low, high] pair with 0 < low ≤ high, got ["
                    + minScale + ", " + maxScale + "]");
        }
        if (!(0 < minRatio && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("random_resized_crop: ratio must be a [low, high] pair with 0 < low ≤ high, got ["
                    + minRatio + ", " + maxRatio + "]");
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        return cropAndResize(image, cropBox(image.rows(), image.cols(), ctx.rng()));
    }

    /** The deterministic part, torchvision's {@code F.resized_crop(img, top, left, height, width, size)}. */
    Mat cropAndResize(Mat image, Box box) {
        try (var rect = new Rect(box.left(), box.top(), box.width(), box.height()); var crop = new Mat(image, rect)) {
            return interpolation.resize(crop, height, width, antialias);
        }
    }

    /** A crop rectangle in pixels. */
    record Box(int top, int left, int height, int width) {}

    /** Draws the crop of an image of {@code rows × cols}, as torchvision's {@code get_params} does. */
    Box cropBox(int rows, int cols, Rng rng) {
        double area = (double) rows * cols;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * rng.uniform(minScale, maxScale);
            double ratio = Math.exp(rng.uniform(logMin, logMax));
            // Math.rint rounds half to even, like Python's round()
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (0 < w && w <= cols && 0 < h && h <= rows) {
                int top = rng.nextInt(rows - h + 1);
                int left = rng.nextInt(cols - w + 1);
                return new Box(top, left, h, w);
            }
        }
        double inRatio = (double) cols / rows;
        int w = cols;
        int h = rows;
        if (inRatio < minRatio) {
            h = (int) Math.rint(w / minRatio);
        } else if (inRatio > maxRatio) {
            w = (int) Math.rint(h * maxRatio);
        }
        return new Box((rows - h) / 2, (cols - w) / 2, h, w);
    }
}
