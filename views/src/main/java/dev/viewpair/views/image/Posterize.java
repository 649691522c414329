package dev.viewpair.views.image;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code RandomPosterize} (its {@code p} the chain applies): keeps the {@code bits} highest
 * bits of every 8-bit value and zeroes the others. Needs 8-bit RGB.
 *
 * @param bits bits kept per channel, 0 to 8
 */
public record Posterize(int bits) implements Op<Mat, Mat> {
    public Posterize {
        if (bits < 0 || bits > 8) {
            throw new IllegalArgumentException("posterize: bits must be from 0 to 8, got " + bits);
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "posterize");
        int mask = ~((1 << (8 - bits)) - 1);
        var table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v & mask;
        }
        return Images.lut(image, table);
    }
}
