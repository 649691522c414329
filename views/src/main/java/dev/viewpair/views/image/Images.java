package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/** What the colour ops share. */
final class Images {
    private Images() {}

    /** Fails with a clear message unless the image is 8-bit RGB (colour ops come before {@code normalize}). */
    static void requireRgb8(Mat image, String op) {
        if (image.type() != CV_8UC3) {
            throw new IllegalArgumentException("op '" + op + "' needs an 8-bit RGB image, got "
                    + describe(image) + ": put 'normalize' last in the view");
        }
    }

    /** The element type as OpenCV spells it, {@code CV_32FC3}. */
    static String describe(Mat image) {
        String[] depths = {"8U", "8S", "16U", "16S", "32S", "32F", "64F", "16F"};
        return "CV_" + depths[image.depth()] + "C" + image.channels();
    }

    /**
     * The matrix for {@code cv::transform} that maps each channel c of a pixel to
     * {@code scale[c] · x[c] + offset[c]}: {@code channels × (channels + 1)}, float.
     */
    static Mat perChannelAffine(double[] scale, double[] offset) {
        int c = scale.length;
        var m = new float[c * (c + 1)];
        for (int i = 0; i < c; i++) {
            m[i * (c + 1) + i] = (float) scale[i];
            m[i * (c + 1) + c] = (float) offset[i];
        }
        try (var column = new Mat(m); var rows = column.reshape(1, c)) {
            return rows.clone();
        }
    }

    /** The luma of an RGB image (ITU-R 601: 0.299 R + 0.587 G + 0.114 B), one channel. */
    static Mat luma(Mat rgb) {
        var gray = new Mat();
        cvtColor(rgb, gray, COLOR_RGB2GRAY);
        return gray;
    }
}
