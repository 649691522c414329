package dev.viewpair.datasets.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;

import dev.viewpair.views.Rng;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws one image of a category: a filled shape at a random place, size and angle, in a hue of its colour
 * family, over a tinted background with clutter in hues of both families, plus pixel noise.
 *
 * <p>The clutter is what keeps the class out of plain pixel statistics: its strokes and blobs take hues from
 * both families in random amounts, so the mean colour of an image says little about the shape's family, and
 * the shape's position, size and angle are random, so no fixed pixel says anything about its form.
 */
final class ShapePainter {
    /** Drawing coordinates carry this many fractional bits (OpenCV's {@code shift}), for smooth edges. */
    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;

    private final int size;

    ShapePainter(int size) {
        this.size = size;
    }

    /** A new BGR image of {@code size × size} pixels; the caller closes it. */
    Mat paint(Category category, Rng rng) {
        var image = new Mat(size, size, CV_8UC3, hsv(rng.uniform(0, 360), rng.uniform(0, 0.35), rng.uniform(0.35, 0.85)));
        paintWashes(image, rng);
        // clutter lies under the shape: it hides colour statistics, not the shape's outline
        int clutter = 4 + rng.nextInt(7);
        for (int i = 0; i < clutter; i++) {
            paintClutter(image, rng);
        }
        paintShape(image, category, rng);
        addNoise(image, rng.uniform(3, 10), rng.nextLong());
        return image;
    }

    /** Two or three large, faint blobs of any hue, so the background is not flat. */
    private void paintWashes(Mat image, Rng rng) {
        try (var overlay = image.clone()) {
            int washes = 2 + rng.nextInt(2);
            for (int i = 0; i < washes; i++) {
                try (var centre = point(rng.uniform(0, size), rng.uniform(0, size));
                        var axes = new Size((int) (rng.uniform(0.2, 0.5) * size * ONE), (int) (rng.uniform(0.2, 0.5) * size * ONE));
                        var colour = hsv(rng.uniform(0, 360), rng.uniform(0.2, 0.8), rng.uniform(0.3, 1))) {
                    ellipse(overlay, centre, axes, rng.uniform(0, 180), 0, 360, colour, FILLED, LINE_AA, SHIFT);
                }
            }
            addWeighted(overlay, 0.4, image, 0.6, 0, image);
        }
    }

    /** One distractor: a stroke or a small blob in a hue drawn from either family. */
    private void paintClutter(Mat image, Rng rng) {
        var family = rng.bernoulli(0.5) ? Category.Family.WARM : Category.Family.COOL;
        try (var colour = familyColour(family, rng);
                var a = point(rng.uniform(0, size), rng.uniform(0, size))) {
            if (rng.bernoulli(0.6)) {
                double angle = rng.uniform(0, 2 * Math.PI);
                double length = rng.uniform(0.12, 0.5) * size;
                try (var b = point(rng.uniform(0, size) + length * Math.cos(angle), rng.uniform(0, size) + length * Math.sin(angle))) {
                    line(image, a, b, colour, 1 + rng.nextInt(2), LINE_AA, SHIFT);
                }
            } else {
                double radius = rng.uniform(0.03, 0.09) * size;
                try (var axes = new Size((int) (radius * ONE), (int) (radius * rng.uniform(0.5, 1) * ONE))) {
                    ellipse(image, a, axes, rng.uniform(0, 180), 0, 360, colour, FILLED, LINE_AA, SHIFT);
                }
            }
        }
    }

    private void paintShape(Mat image, Category category, Rng rng) {
        double radius = rng.uniform(0.24, 0.34) * size;
        double margin = radius + 2;
        double cx = rng.uniform(margin, size - margin);
        double cy = rng.uniform(margin, size - margin);
        double turn = rng.uniform(0, 2 * Math.PI);
        try (var colour = familyColour(category.family(), rng);
                var outline = scaled(colour, rng.bernoulli(0.5) ? 0.55 : 1.35)) {
            if (category.shape() == Category.Shape.CIRCLE) {
                try (var centre = point(cx, cy)) {
                    int r = (int) (0.85 * radius * ONE);
                    circle(image, centre, r, colour, FILLED, LINE_AA, SHIFT);
                    circle(image, centre, r, outline, 2, LINE_AA, SHIFT);
                }
                return;
            }
            double[] radii = switch (category.shape()) {
                case SQUARE -> new double[] {radius, radius, radius, radius};
                case TRIANGLE -> new double[] {1.15 * radius, 1.15 * radius, 1.15 * radius};
                case STAR -> new double[] {1.15 * radius, 0.5 * radius, 1.15 * radius, 0.5 * radius, 1.15 * radius,
                    0.5 * radius, 1.15 * radius, 0.5 * radius, 1.15 * radius, 0.5 * radius};
                case CIRCLE -> throw new AssertionError("drawn above");
            };
            try (var polygon = new Point(radii.length)) {
                for (int k = 0; k < radii.length; k++) {
                    double angle = turn + 2 * Math.PI * k / radii.length;
                    polygon.position(k).x((int) Math.round((cx + radii[k] * Math.cos(angle)) * ONE))
                            .y((int) Math.round((cy + radii[k] * Math.sin(angle)) * ONE));
                }
                polygon.position(0);
                int[] counts = {radii.length};
                try (var offset = new Point(0, 0)) {
                    fillPoly(image, polygon, counts, 1, colour, LINE_AA, SHIFT, offset);
                }
                polylines(image, polygon, counts, 1, true, outline, 2, LINE_AA, SHIFT);
            }
        }
    }

    /** Adds Gaussian pixel noise drawn from OpenCV's own generator, seeded so the image is reproducible. */
    private static void addNoise(Mat image, double sigma, long seed) {
        try (var generator = new RNG(seed);
                var noisy = new Mat();
                var noise = new Mat(image.rows(), image.cols(), CV_32FC3);
                var mean = new Mat(1, 1, CV_64F, new Scalar(0.0));
                var deviation = new Mat(1, 1, CV_64F, new Scalar(sigma))) {
            generator._fill(noise, RNG.NORMAL, mean, deviation);
            image.convertTo(noisy, CV_32F);
            add(noisy, noise, noisy);
            noisy.convertTo(image, CV_8U);
        }
    }

    /** A colour of the family: hue in the family's range, saturation and brightness from a wide range. */
    static Scalar familyColour(Category.Family family, Rng rng) {
        double hue = switch (family) {
            case WARM -> rng.uniform(-35, 60);
            case COOL -> rng.uniform(140, 270);
        };
        return hsv(hue, rng.uniform(0.5, 1), rng.uniform(0.45, 1));
    }

    /** A BGR scalar (0–255) for a hue in degrees, saturation and value in [0, 1]. */
    static Scalar hsv(double hue, double saturation, double value) {
        double h = ((hue % 360) + 360) % 360 / 60;
        double c = value * saturation;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double m = value - c;
        double r, g, b;
        switch ((int) h) {
            case 0 -> { r = c; g = x; b = 0; }
            case 1 -> { r = x; g = c; b = 0; }
            case 2 -> { r = 0; g = c; b = x; }
            case 3 -> { r = 0; g = x; b = c; }
            case 4 -> { r = x; g = 0; b = c; }
            default -> { r = c; g = 0; b = x; }
        }
        return new Scalar(255 * (b + m), 255 * (g + m), 255 * (r + m), 0);
    }

    private static Scalar scaled(Scalar colour, double factor) {
        return new Scalar(Math.min(255, colour.get(0) * factor), Math.min(255, colour.get(1) * factor),
                Math.min(255, colour.get(2) * factor), 0);
    }

    private static Point point(double x, double y) {
        return new Point((int) Math.round(x * ONE), (int) Math.round(y * ONE));
    }
}
