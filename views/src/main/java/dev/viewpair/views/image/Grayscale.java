package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code Grayscale(num_output_channels=3)}: every channel becomes the luma
 * 0.299 R + 0.587 G + 0.114 B (ITU-R 601), so the image keeps three channels. Needs 8-bit RGB.
 */
public record Grayscale() implements Op<Mat, Mat> {
    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "grayscale");
        var out = new Mat();
        try (var gray = Images.luma(image)) {
            cvtColor(gray, out, COLOR_GRAY2RGB);
        }
        return out;
    }
}
