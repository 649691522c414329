package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.LUT;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.calcHist;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

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

    /**
     * Maps every 8-bit value through a table: {@code table[v]} for all channels (256 entries), or
     * {@code table[256 · c + v]} for channel c (256 per channel). Entries are clipped to [0, 255].
     */
    static Mat lut(Mat image, int[] table) {
        int channels = table.length / 256;
        var bytes = new byte[table.length];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                // cv::LUT wants one interleaved row of 256 pixels with the table's channel count
                bytes[v * channels + c] = (byte) Math.max(0, Math.min(255, table[256 * c + v]));
            }
        }
        var out = new Mat();
        try (var lut = new Mat(1, 256, CV_8UC(channels))) {
            lut.data().put(bytes);
            LUT(image, lut, out);
        }
        return out;
    }

    /**
     * How many pixels of an 8-bit image have each value, per channel: {@code counts[c][v]}. OpenCV counts
     * in float, exact up to 2^24 pixels of one value.
     */
    static long[][] histograms(Mat image) {
        int channels = image.channels();
        var counts = new long[channels][256];
        try (var images = new MatVector(image); var range = new FloatPointer(0f, 256f);
                var bins = new IntPointer(new int[] {256}); var none = new Mat()) {
            for (int c = 0; c < channels; c++) {
                try (var which = new IntPointer(new int[] {c}); var hist = new Mat()) {
                    calcHist(images, which, none, hist, bins, range);
                    FloatBuffer h = hist.createBuffer();
                    for (int v = 0; v < 256; v++) {
                        counts[c][v] = Math.round(h.get(v));
                    }
                }
            }
        }
        return counts;
    }
}
