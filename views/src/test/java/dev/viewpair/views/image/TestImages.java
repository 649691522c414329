package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Photo-like test images drawn with OpenCV, and plain-Java readers of Mat pixels for checking results. */
final class TestImages {
    private TestImages() {}

    /**
     * An RGB image with smooth gradients in every channel, a saturated disc, a rectangle and antialiased
     * lines: edges, flat areas and all hues, like a small photo.
     */
    static Mat photo(int rows, int cols) {
        var m = new Mat(rows, cols, CV_8UC3);
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    px.put(y, x, 0, 255 * x / Math.max(1, cols - 1));
                    px.put(y, x, 1, 255 * y / Math.max(1, rows - 1));
                    px.put(y, x, 2, (int) (128 + 100 * Math.sin((x + 2.0 * y) / 9.0)));
                }
            }
        }
        circle(m, new Point(cols / 3, rows / 2), Math.min(rows, cols) / 5, new Scalar(230, 40, 60, 0), FILLED, LINE_AA, 0);
        rectangle(m, new Point(cols / 2, rows / 5), new Point(cols * 5 / 6, rows * 2 / 3), new Scalar(30, 200, 90, 0), FILLED, 8, 0);
        line(m, new Point(0, rows - 1), new Point(cols - 1, 0), new Scalar(250, 250, 250, 0), 2, LINE_AA, 0);
        return m;
    }

    /** Every 8-bit value in row-major HWC order (works on ROIs). */
    static int[] pixels(Mat m) {
        int c = m.channels();
        var out = new int[m.rows() * m.cols() * c];
        try (UByteIndexer px = m.createIndexer()) {
            int i = 0;
            for (int y = 0; y < m.rows(); y++) {
                for (int x = 0; x < m.cols(); x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[i++] = px.get(y, x, ch);
                    }
                }
            }
        }
        return out;
    }

    /** Every float value in row-major HWC order. */
    static float[] floats(Mat m) {
        int c = m.channels();
        var out = new float[m.rows() * m.cols() * c];
        try (FloatIndexer px = m.createIndexer()) {
            int i = 0;
            for (int y = 0; y < m.rows(); y++) {
                for (int x = 0; x < m.cols(); x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[i++] = px.get(y, x, ch);
                    }
                }
            }
        }
        return out;
    }

    /** One pixel's channels. */
    static int[] pixel(Mat m, int y, int x) {
        var out = new int[m.channels()];
        try (UByteIndexer px = m.createIndexer()) {
            for (int ch = 0; ch < out.length; ch++) {
                out[ch] = px.get(y, x, ch);
            }
        }
        return out;
    }

    /** The largest absolute difference between two equally long value arrays. */
    static int maxDiff(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** ITU-R 601 luma of one RGB pixel, rounded. */
    static int luma(int r, int g, int b) {
        return (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }

    static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
