package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.flip;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/** Mirrors the image top to bottom (torchvision's {@code RandomVerticalFlip}, whose {@code p} the chain applies). */
public record VerticalFlip() implements Op<Mat, Mat> {
    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        var out = new Mat();
        flip(image, out, 0);
        return out;
    }
}
