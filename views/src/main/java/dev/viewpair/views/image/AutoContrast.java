package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code RandomAutocontrast} (its {@code p} the chain applies): stretches each channel so
 * that its darkest value becomes 0 and its brightest 255, truncating as PIL's {@code ImageOps.autocontrast}
 * does ({@code int(v · 255 / (hi − lo) − lo · 255 / (hi − lo))}); a flat channel is left as it is.
 * Needs 8-bit RGB.
 */
public record AutoContrast() implements Op<Mat, Mat> {
    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "auto_contrast");
        long[][] counts = Images.histograms(image);
        var table = new int[256 * counts.length];
        for (int c = 0; c < counts.length; c++) {
            int lo = 0;
            while (lo < 255 && counts[c][lo] == 0) {
                lo++;
            }
            int hi = 255;
            while (hi > 0 && counts[c][hi] == 0) {
                hi--;
            }
            double scale = hi > lo ? 255.0 / (hi - lo) : 1;
            double offset = hi > lo ? -lo * scale : 0;
            for (int v = 0; v < 256; v++) {
                table[256 * c + v] = (int) (v * scale + offset); // Images.lut clips to [0, 255]
            }
        }
        return Images.lut(image, table);
    }
}
