package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.ALGO_HINT_DEFAULT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * torchvision's {@code GaussianBlur}: a {@code kernel × kernel} Gaussian whose sigma is drawn uniformly
 * from [minSigma, maxSigma] per application; borders reflect without repeating the edge pixel (torch's
 * {@code reflect} padding). Works on 8-bit and float images.
 *
 * @param kernel the odd kernel side in pixels
 * @param minSigma smallest standard deviation, pixels
 * @param maxSigma largest standard deviation, pixels
 */
public record GaussianBlur(int kernel, double minSigma, double maxSigma) implements Op<Mat, Mat> {
    public GaussianBlur {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("gaussian_blur: kernel must be an odd whole number ≥ 1, got " + kernel
                    + " (SimCLR uses about a tenth of the image side, e.g. 23 for 224)");
        }
        if (!(0 < minSigma && minSigma <= maxSigma)) {
            throw new IllegalArgumentException("gaussian_blur: sigma must be a [low, high] pair with 0 < low ≤ high, got ["
                    + minSigma + ", " + maxSigma + "]");
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        return blur(image, kernel, ctx.rng().uniform(minSigma, maxSigma));
    }

    /** Blurs with a fixed sigma. */
    static Mat blur(Mat image, int kernel, double sigma) {
        var out = new Mat();
        try (var size = new Size(kernel, kernel)) {
            opencv_imgproc.GaussianBlur(image, out, size, sigma, sigma, BORDER_REFLECT_101, ALGO_HINT_DEFAULT);
        }
        return out;
    }
}
