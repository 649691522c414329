package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.transform;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code ToTensor} + {@code Normalize}: 8-bit values are scaled to [0, 1] (float images are
 * taken to be in [0, 1] already), then each channel becomes {@code (x − mean) / std}. The output is
 * {@code CV_32F} with the input's channel count. Colour ops need 8-bit input, so put this last in a view.
 * A stack of frames (3n channels, from {@code frames}) is normalized frame by frame with the 3 values.
 */
public final class Normalize implements Op<Mat, Mat> {
    private final double[] mean;
    private final double[] std;

    /**
     * @param mean per-channel mean, in [0, 1] units
     * @param std per-channel standard deviation, each > 0
     */
    public Normalize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalize: mean and std need one value per channel each, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalize: every std must be > 0, got " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** ImageNet's statistics, torchvision's usual choice. */
    public static Normalize imageNet() {
        return new Normalize(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        int c = image.channels();
        int groups = c / mean.length;
        if (c % mean.length != 0) {
            throw new IllegalArgumentException("normalize: the image has " + c + " channel(s) but mean and std give "
                    + mean.length + " values");
        }
        double toUnit = switch (image.depth()) {
            case CV_8U -> 1 / 255.0;
            case CV_32F -> 1;
            default -> throw new IllegalArgumentException("normalize: needs an 8-bit or float image, got " + Images.describe(image));
        };
        int k = mean.length;
        var scale = new double[k];
        var offset = new double[k];
        for (int i = 0; i < k; i++) {
            scale[i] = 1 / std[i];
            offset[i] = -mean[i] / std[i];
        }
        var out = new Mat();
        try (var unit = new Mat(); var affine = Images.perChannelAffine(scale, offset)) {
            image.convertTo(unit, CV_32F, toUnit, 0);
            if (groups == 1) {
                transform(unit, out, affine);
            } else {
                // interleaved frames: the same memory seen as k-channel pixels, n times as many per row
                try (var asPixels = unit.reshape(k, unit.rows()); var normalized = new Mat()) {
                    transform(asPixels, normalized, affine);
                    normalized.reshape(c, unit.rows()).copyTo(out);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Normalize[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
