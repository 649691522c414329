package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code ColorJitter}: brightness, contrast and saturation factors drawn uniformly from
 * [max(0, 1 − s), 1 + s] for strength s, a hue shift drawn from [−hue, hue] turns, the four applied in a
 * random order (a strength of 0 leaves that adjustment out). Brightness blends with black, contrast with
 * the mean luma, saturation with the luma image, hue rotates the HSV hue. Needs 8-bit RGB; results are
 * rounded and clipped to [0, 255].
 *
 * @param brightness strength ≥ 0
 * @param contrast strength ≥ 0
 * @param saturation strength ≥ 0
 * @param hue largest shift in turns, 0 to 0.5
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue) implements Op<Mat, Mat> {
    private static final int BRIGHTNESS = 0;
    private static final int CONTRAST = 1;
    private static final int SATURATION = 2;
    private static final int HUE = 3;

    public ColorJitter {
        if (brightness < 0 || contrast < 0 || saturation < 0) {
            throw new IllegalArgumentException("color_jitter: brightness, contrast and saturation must be ≥ 0, got "
                    + brightness + ", " + contrast + ", " + saturation);
        }
        if (hue < 0 || hue > 0.5) {
            throw new IllegalArgumentException("color_jitter: hue must be from 0 to 0.5 (turns of the colour wheel), got " + hue);
        }
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "color_jitter");
        Rng rng = ctx.rng();
        // draw order as torchvision does: the permutation, then each enabled factor
        int[] order = {BRIGHTNESS, CONTRAST, SATURATION, HUE};
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] factor = {
            brightness > 0 ? rng.uniform(Math.max(0, 1 - brightness), 1 + brightness) : Double.NaN,
            contrast > 0 ? rng.uniform(Math.max(0, 1 - contrast), 1 + contrast) : Double.NaN,
            saturation > 0 ? rng.uniform(Math.max(0, 1 - saturation), 1 + saturation) : Double.NaN,
            hue > 0 ? rng.uniform(-hue, hue) : Double.NaN,
        };
        Mat x = new Mat(image); // a second header on the input's pixels, never written to
        for (int which : order) {
            double f = factor[which];
            if (Double.isNaN(f)) {
                continue;
            }
            Mat next = switch (which) {
                case BRIGHTNESS -> brightness(x, f);
                case CONTRAST -> contrast(x, f);
                case SATURATION -> saturation(x, f);
                default -> hue(x, f);
            };
            x.close();
            x = next;
        }
        return x;
    }

    /** {@code clip(f · x)}: a blend with black. */
    static Mat brightness(Mat rgb, double f) {
        var out = new Mat();
        rgb.convertTo(out, -1, f, 0);
        return out;
    }

    /** {@code clip(f · x + (1 − f) · m)} with m the mean luma: a blend with the image's mean grey. */
    static Mat contrast(Mat rgb, double f) {
        double m;
        try (var gray = Images.luma(rgb); var s = mean(gray)) {
            m = s.get(0);
        }
        var out = new Mat();
        rgb.convertTo(out, -1, f, (1 - f) * m);
        return out;
    }

    /** {@code clip(f · x + (1 − f) · luma)}: a blend with the grey image. */
    static Mat saturation(Mat rgb, double f) {
        var out = new Mat();
        try (var gray = Images.luma(rgb); var gray3 = new Mat()) {
            cvtColor(gray, gray3, COLOR_GRAY2RGB);
            addWeighted(rgb, f, gray3, 1 - f, 0, out);
        }
        return out;
    }

    /** Rotates the HSV hue by {@code turns} (in float: 8-bit OpenCV hue would lose precision). */
    static Mat hue(Mat rgb, double turns) {
        double degrees = turns * 360 % 360;
        if (degrees < 0) {
            degrees += 360; // now H + degrees lies in [0, 720): one wrap suffices
        }
        var out = new Mat();
        try (var f = new Mat(); var hsv = new Mat(); var shifted = new Mat(); var over = new Mat();
                var shift = Images.perChannelAffine(new double[] {1, 1, 1}, new double[] {degrees, 0, 0})) {
            rgb.convertTo(f, CV_32F, 1 / 255.0, 0);
            cvtColor(f, hsv, COLOR_RGB2HSV); // H in [0, 360), S and V in [0, 1]
            transform(hsv, shifted, shift);
            // back into [0, 360), the documented input range of HSV2RGB: 360 where H ≥ 360 (S, V ≤ 1 never are)
            threshold(shifted, over, Math.nextDown(360f), 360, THRESH_BINARY);
            subtract(shifted, over, shifted);
            cvtColor(shifted, f, COLOR_HSV2RGB);
            f.convertTo(out, CV_8U, 255, 0);
        }
        return out;
    }
}
