package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * torchvision's {@code RandomErasing} (its {@code p} the chain applies): a rectangle of random area (a
 * fraction of the image drawn from {@code scale}) and random aspect ratio (height / width, log-uniform over
 * {@code ratio}) set to {@code value}. After ten draws that do not fit strictly inside the image, the image
 * is left as it is. torchvision erases tensors, after {@code ToTensor}, so {@code value} is in [0, 1] units:
 * on an 8-bit image it is scaled by 255; on a float image (after {@code normalize}) it is used as is.
 */
public final class RandomErasing implements Op<Mat, Mat> {
    private static final int ATTEMPTS = 10;

    private final double minScale;
    private final double maxScale;
    private final double minRatio;
    private final double maxRatio;
    private final double[] value;

    /**
     * @param minScale smallest erased area, as a fraction of the image's
     * @param maxScale largest erased area fraction
     * @param minRatio smallest height / width of the rectangle
     * @param maxRatio largest height / width
     * @param value the erased pixels, one value for every channel or one per channel, [0, 1] units
     */
    public RandomErasing(double minScale, double maxScale, double minRatio, double maxRatio, double[] value) {
        if (!(0 <= minScale && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("random_erasing: scale must be a [low, high] pair with 0 ≤ low ≤ high ≤ 1, got ["
                    + minScale + ", " + maxScale + "]");
        }
        if (!(0 < minRatio && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("random_erasing: ratio must be a [low, high] pair with 0 < low ≤ high, got ["
                    + minRatio + ", " + maxRatio + "]");
        }
        if (value.length == 0 || value.length > 4) {
            throw new IllegalArgumentException("random_erasing: value needs one number, or one per channel, got "
                    + Arrays.toString(value));
        }
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
        this.value = value.clone();
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        var box = eraseBox(image.rows(), image.cols(), ctx.rng());
        if (box == null) {
            return image;
        }
        double unit = image.depth() == CV_8U ? 255 : 1;
        var v = new double[value.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value[i] * unit;
        }
        return erase(image, box.top(), box.left(), box.height(), box.width(), v);
    }

    /** Draws the rectangle as torchvision's {@code get_params} does; {@code null} when none fits. */
    RandomResizedCrop.Box eraseBox(int rows, int cols, Rng rng) {
        double area = (double) rows * cols;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * rng.uniform(minScale, maxScale);
            double ratio = Math.exp(rng.uniform(logMin, logMax));
            int h = (int) Math.rint(Math.sqrt(target * ratio));
            int w = (int) Math.rint(Math.sqrt(target / ratio));
            if (h < rows && w < cols) {
                int top = rng.nextInt(rows - h + 1);
                int left = rng.nextInt(cols - w + 1);
                return new RandomResizedCrop.Box(top, left, h, w);
            }
        }
        return null;
    }

    /**
     * The deterministic part, torchvision's {@code F.erase(img, top, left, height, width, value)}: a copy of
     * the image with the rectangle set to {@code value} (in the image's own units).
     */
    static Mat erase(Mat image, int top, int left, int height, int width, double[] value) {
        if (value.length != 1 && value.length != image.channels()) {
            throw new IllegalArgumentException("random_erasing: value has " + value.length + " numbers but the image has "
                    + image.channels() + " channels");
        }
        var out = image.clone();
        double[] v = value.length == 1 ? new double[] {value[0], value[0], value[0], value[0]} : Arrays.copyOf(value, 4);
        try (var rect = new Rect(left, top, width, height); var roi = new Mat(out, rect); var s = new Scalar(v[0], v[1], v[2], v[3])) {
            roi.put(s);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RandomErasing[scale=[" + minScale + ", " + maxScale + "], ratio=[" + minRatio + ", " + maxRatio
                + "], value=" + Arrays.toString(value) + "]";
    }
}
