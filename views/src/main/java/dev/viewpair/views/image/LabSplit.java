package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewFamily;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * The colour split of Contrastive Multiview Coding (Tian et al. 2019): an 8-bit RGB image (sRGB, D65) in
 * CIE L*a*b* by OpenCV, split into the members {@code L} (one channel) and {@code ab} (two channels).
 * Each channel is mapped linearly to [-1, 1] over its range on the sRGB gamut, as CMC scales its
 * inputs: L* from [0, 100], a* from [{@value #A_MIN}, {@value #A_MAX}], b* from
 * [{@value #B_MIN}, {@value #B_MAX}]. The members are float: only geometric ops (flips, crops, resizing)
 * may follow, and no {@code normalize}.
 */
public record LabSplit() implements ViewFamily<Mat> {
    /** The smallest a* of an sRGB colour (about that of pure green). */
    public static final double A_MIN = -86.183;
    /** The largest a* of an sRGB colour (about that of magenta). */
    public static final double A_MAX = 98.233;
    /** The smallest b* of an sRGB colour (about that of pure blue). */
    public static final double B_MIN = -107.857;
    /** The largest b* of an sRGB colour (about that of yellow). */
    public static final double B_MAX = 94.478;

    @Override
    public List<String> members() {
        return List.of("L", "ab");
    }

    @Override
    public List<Mat> apply(Mat image, ViewContext ctx) {
        Images.requireRgb8(image, "lab_split");
        try (var rgb = new Mat(); var lab = new Mat(); var planes = new MatVector()) {
            // on float input in [0, 1] OpenCV gives L* in [0, 100] and a*, b* unscaled (8-bit output would round them)
            image.convertTo(rgb, CV_32F, 1 / 255.0, 0);
            cvtColor(rgb, lab, COLOR_RGB2Lab);
            split(lab, planes);
            var l = scaled(planes.get(0), 0, 100);
            try (var a = scaled(planes.get(1), A_MIN, A_MAX); var b = scaled(planes.get(2), B_MIN, B_MAX);
                    var ab = new MatVector(a, b)) {
                var out = new Mat();
                merge(ab, out);
                return List.of(l, out);
            }
        }
    }

    /** {@code plane} mapped linearly from [lo, hi] to [-1, 1]. */
    private static Mat scaled(Mat plane, double lo, double hi) {
        var out = new Mat();
        double scale = 2 / (hi - lo);
        plane.convertTo(out, CV_32F, scale, -1 - lo * scale);
        return out;
    }
}
