package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code RandomEqualize} (its {@code p} the chain applies): histogram equalization of each
 * channel on its own, with the mapping of PIL's {@code ImageOps.equalize} that torchvision uses for PIL
 * images and copies for tensors. With {@code step = (pixels − count of the highest value present) / 255}
 * (integer division), value v maps to {@code (step / 2 + pixels below v) / step}; a channel with a
 * single value or a zero step is left as it is. (OpenCV's {@code equalizeHist} normalizes differently.)
 * Needs 8-bit RGB.
 */
public record Equalize() implements Op<Mat, Mat> {
    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "equalize");
        long[][] counts = Images.histograms(image);
        var table = new int[256 * counts.length];
        for (int c = 0; c < counts.length; c++) {
            long[] h = counts[c];
            long total = 0;
            int highest = -1;
            for (int v = 0; v < 256; v++) {
                total += h[v];
                if (h[v] > 0) {
                    highest = v;
                }
            }
            long step = highest < 0 ? 0 : (total - h[highest]) / 255;
            long below = step / 2;
            for (int v = 0; v < 256; v++) {
                table[256 * c + v] = step == 0 ? v : (int) Math.min(255, below / step);
                below += h[v];
            }
        }
        return Images.lut(image, table);
    }
}
