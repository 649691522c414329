package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * torchvision's {@code RandomRotation} on a PIL image: an angle drawn uniformly from
 * [minDegrees, maxDegrees] (counter-clockwise), a rotation about the image centre, and {@code fill} where
 * the rotated image does not reach. With {@code expand} the output grows to hold the whole rotated image,
 * sized as PIL sizes it. Bilinear sampling treats the source as PIL does: a point inside the source
 * reads its nearest pixels with edges repeated, a point outside is filled (no blend with the fill
 * colour). Works on 8-bit and float images.
 */
public final class RandomRotation implements Op<Mat, Mat> {
    private final double minDegrees;
    private final double maxDegrees;
    private final Interpolation interpolation;
    private final boolean expand;
    private final double[] fill;

    /**
     * @param minDegrees smallest angle, degrees counter-clockwise
     * @param maxDegrees largest angle
     * @param interpolation {@link Interpolation#NEAREST} or {@link Interpolation#BILINEAR}
     * @param expand whether the output grows to hold the whole rotated image
     * @param fill the value of uncovered pixels in the image's own units (0–255 for 8-bit), one value
     *     for every channel or one per channel
     */
    public RandomRotation(double minDegrees, double maxDegrees, Interpolation interpolation, boolean expand, double[] fill) {
        if (!(minDegrees <= maxDegrees)) {
            throw new IllegalArgumentException("rotate: degrees must be a [low, high] pair with low ≤ high, got ["
                    + minDegrees + ", " + maxDegrees + "]");
        }
        if (interpolation != Interpolation.NEAREST && interpolation != Interpolation.BILINEAR) {
            throw new IllegalArgumentException("rotate: interpolation must be nearest or bilinear, got '"
                    + interpolation.recipeName() + "'");
        }
        if (fill.length == 0 || fill.length > 4) {
            throw new IllegalArgumentException("rotate: fill needs one value, or one per channel, got " + Arrays.toString(fill));
        }
        this.minDegrees = minDegrees;
        this.maxDegrees = maxDegrees;
        this.interpolation = interpolation;
        this.expand = expand;
        this.fill = fill.clone();
    }

    @Override
    public Mat apply(Mat image, ViewContext ctx) {
        return rotate(image, ctx.rng().uniform(minDegrees, maxDegrees), interpolation, expand, fill);
    }

    /** The deterministic part, torchvision's {@code F.rotate(img, degrees, interpolation, expand, fill=fill)}. */
    static Mat rotate(Mat image, double degrees, Interpolation interpolation, boolean expand, double[] fill) {
        if (fill.length != 1 && fill.length != image.channels()) {
            throw new IllegalArgumentException("rotate: fill has " + fill.length + " values but the image has "
                    + image.channels() + " channels");
        }
        int w = image.cols();
        int h = image.rows();
        double[] m = inverseMap(w, h, degrees);
        if (expand) {
            int[] size = expandedSize(h, w, degrees);
            int nh = size[0];
            int nw = size[1];
            double tx = -(nw - w) / 2.0;
            double ty = -(nh - h) / 2.0;
            double m2 = m[0] * tx + m[1] * ty + m[2];
            m[5] = m[3] * tx + m[4] * ty + m[5];
            m[2] = m2;
            w = nw;
            h = nh;
        }
        // PIL samples output pixel (x, y) at its centre (x + ½, y + ½) and reads source pixel ⌊u⌋; OpenCV
        // maps pixel centres to pixel centres and reads round(u − ½) = ⌊u⌋: shift by half a pixel each side
        double[] cv = {m[0], m[1], m[2] + (m[0] + m[1]) / 2 - 0.5, m[3], m[4], m[5] + (m[3] + m[4]) / 2 - 0.5};
        var out = new Mat();
        try (var column = new Mat(cv); var map = column.reshape(1, 2); var size = new Size(w, h); var fillValue = scalar(fill)) {
            int flags = WARP_INVERSE_MAP;
            if (interpolation == Interpolation.NEAREST) {
                warpAffine(image, out, map, size, flags | INTER_NEAREST, BORDER_CONSTANT, fillValue);
                return out;
            }
            // inside the source (a nearest read hits a pixel): interpolate with repeated edges; outside: fill
            try (var inside = new Mat(); var warped = new Mat(); var ones = new Mat(image.rows(), image.cols(), CV_8UC1, new Scalar(255));
                    var zero = new Scalar(0)) {
                warpAffine(ones, inside, map, size, flags | INTER_NEAREST, BORDER_CONSTANT, zero);
                warpAffine(image, warped, map, size, flags | interpolation.flag(), BORDER_REPLICATE, fillValue);
                out.create(h, w, image.type());
                out.put(fillValue);
                warped.copyTo(out, inside);
            }
        }
        return out;
    }

    /** PIL's inverse map from an output point to a source point of a {@code w × h} image, pixel corners at whole numbers. */
    private static double[] inverseMap(int w, int h, double degrees) {
        double a = -Math.toRadians(degrees);
        double[] m = {round15(Math.cos(a)), round15(Math.sin(a)), 0, round15(-Math.sin(a)), round15(Math.cos(a)), 0};
        double cx = w / 2.0;
        double cy = h / 2.0;
        m[2] = m[0] * -cx + m[1] * -cy + cx;
        m[5] = m[3] * -cx + m[4] * -cy + cy;
        return m;
    }

    /** [height, width] of an {@code h × w} image rotated by {@code degrees} with {@code expand}: it holds every corner. */
    static int[] expandedSize(int h, int w, double degrees) {
        double[] m = inverseMap(w, h, degrees);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] corner : new double[][] {{0, 0}, {w, 0}, {w, h}, {0, h}}) {
            double x = m[0] * corner[0] + m[1] * corner[1] + m[2];
            double y = m[3] * corner[0] + m[4] * corner[1] + m[5];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        return new int[] {(int) (Math.ceil(maxY) - Math.floor(minY)), (int) (Math.ceil(maxX) - Math.floor(minX))};
    }

    /** Python's {@code round(x, 15)}, as PIL applies it to the rotation matrix (it makes cos 90° exactly 0). */
    private static double round15(double x) {
        return Math.rint(x * 1e15) / 1e15;
    }

    private static Scalar scalar(double[] fill) {
        return fill.length == 1
                ? new Scalar(fill[0], fill[0], fill[0], fill[0])
                : new Scalar(fill[0], fill.length > 1 ? fill[1] : 0, fill.length > 2 ? fill[2] : 0, fill.length > 3 ? fill[3] : 0);
    }

    @Override
    public String toString() {
        return "RandomRotation[degrees=[" + minDegrees + ", " + maxDegrees + "], " + interpolation.recipeName()
                + ", expand=" + expand + ", fill=" + Arrays.toString(fill) + "]";
    }
}
