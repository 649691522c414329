package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code RandomSolarize} (its {@code p} the chain applies): every value at or above the
 * threshold is inverted, {@code v ≥ t ? 255 − v : v}. Needs 8-bit RGB.
 *
 * @param threshold in 8-bit levels; 256 or more leaves the image as it is
 */
public record Solarize(double threshold) implements Op<Mat, Mat> {
    public Solarize {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("solarize: threshold must be ≥ 0 (8-bit levels), got " + threshold);
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "solarize");
        var table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v >= threshold ? 255 - v : v;
        }
        return Images.lut(image, table);
    }
}
