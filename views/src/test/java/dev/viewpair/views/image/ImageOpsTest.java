package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.clip;
import static dev.viewpair.views.image.TestImages.floats;
import static dev.viewpair.views.image.TestImages.luma;
import static dev.viewpair.views.image.TestImages.maxDiff;
import static dev.viewpair.views.image.TestImages.photo;
import static dev.viewpair.views.image.TestImages.pixel;
import static dev.viewpair.views.image.TestImages.pixels;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageOpsTest {
    private static final Mat PHOTO = photo(120, 160);

    private static ViewContext ctx(String view) {
        return new ViewContext(Rng.forView(7, 3, "sample-42", view), 0);
    }

    /** Makes an op the way a view chain does: through the standard catalogue, parameters checked. */
    @SuppressWarnings("unchecked")
    private static Op<Mat, Mat> op(String name, Map<String, Object> params) {
        var d = OpCatalog.standard().find(name, Stage.IMAGE).orElseThrow();
        assertEquals(List.of(), d.check(params), "parameters of " + name);
        return (Op<Mat, Mat>) d.factory().apply(d.params(params));
    }

    static Stream<Arguments> everyOp() {
        return Stream.of(
                Arguments.of("random_resized_crop", Map.of("size", 48), true),
                Arguments.of("center_crop", Map.of("size", List.of(50, 70)), false),
                Arguments.of("resize", Map.of("size", 60, "interpolation", "bicubic"), false),
                Arguments.of("hflip", Map.of(), false),
                Arguments.of("color_jitter", Map.of(), true),
                Arguments.of("grayscale", Map.of(), false),
                Arguments.of("gaussian_blur", Map.of("kernel", 9, "sigma", List.of(1.0, 3.0)), true),
                Arguments.of("normalize", Map.of(), false),
                Arguments.of("vflip", Map.of(), false),
                Arguments.of("rotate", Map.of("degrees", 30), true),
                Arguments.of("rotate", Map.of("degrees", List.of(-20, 40), "interpolation", "bilinear", "expand", true,
                        "fill", List.of(255, 0, 0)), true),
                Arguments.of("solarize", Map.of("threshold", 100), false),
                Arguments.of("posterize", Map.of("bits", 3), false),
                Arguments.of("equalize", Map.of(), false),
                Arguments.of("auto_contrast", Map.of(), false),
                Arguments.of("random_erasing", Map.of("value", List.of(0.1, 0.5, 0.9)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOp")
    void sameStreamSameViewAndTheInputIsUntouched(String name, Map<String, Object> params, boolean random) {
        try (var scope = new PointerScope()) {
            var before = pixels(PHOTO);
            var op = op(name, params);
            var a = op.apply(PHOTO, ctx("img_a"));
            var again = op.apply(PHOTO, ctx("img_a"));
            assertArrayEquals(before, pixels(PHOTO), name + " left its input as it was");
            assertEquals(a.type(), again.type());
            if (a.depth() == CV_8U) {
                assertArrayEquals(pixels(a), pixels(again), name + " is a function of (seed, epoch, sample, view)");
            } else {
                assertArrayEquals(floats(a), floats(again), name + " is a function of (seed, epoch, sample, view)");
            }
            if (random) {
                var other = op.apply(PHOTO, ctx("img_b"));
                assertFalse(Arrays.equals(pixels(a), pixels(other)), name + " differs for another view name");
            }
        }
    }

    // ---- geometry

    @Test
    void randomResizedCropGivesTheAskedSize() {
        var square = op("random_resized_crop", Map.of("size", 32)).apply(PHOTO, ctx("v"));
        assertEquals(32, square.rows());
        assertEquals(32, square.cols());
        var oblong = op("random_resized_crop", Map.of("size", List.of(24, 40), "interpolation", "nearest")).apply(PHOTO, ctx("v"));
        assertEquals(24, oblong.rows());
        assertEquals(40, oblong.cols());
        assertEquals(CV_8UC3, oblong.type());
    }

    @Test
    void randomResizedCropBoxesRespectScaleAndRatio() {
        var rrc = new RandomResizedCrop(32, 32, 0.2, 0.6, 0.5, 2.0, Interpolation.BILINEAR, true);
        var rng = Rng.of(11);
        double minScale = 1;
        double maxScale = 0;
        for (int i = 0; i < 500; i++) {
            var box = rrc.cropBox(120, 160, rng);
            assertTrue(box.top() >= 0 && box.left() >= 0 && box.top() + box.height() <= 120 && box.left() + box.width() <= 160, box.toString());
            double scale = (double) box.height() * box.width() / (120 * 160);
            double ratio = (double) box.width() / box.height();
            // whole-pixel rounding moves area and ratio slightly
            assertTrue(scale > 0.2 * 0.9 && scale < 0.6 * 1.1, "scale " + scale);
            assertTrue(ratio > 0.5 * 0.9 && ratio < 2.0 * 1.1, "ratio " + ratio);
            minScale = Math.min(minScale, scale);
            maxScale = Math.max(maxScale, scale);
        }
        assertTrue(minScale < 0.25 && maxScale > 0.55, "draws cover the scale range: " + minScale + "…" + maxScale);
    }

    @Test
    void randomResizedCropFallsBackToTheCentralCropClampedToTheRatioRange() {
        // a 10 × 1000 strip: no crop of ≥ 90 % of its area has a ratio within [3/4, 4/3]
        var rrc = new RandomResizedCrop(8, 8, 0.9, 1.0, 3 / 4.0, 4 / 3.0, Interpolation.BILINEAR, true);
        var box = rrc.cropBox(10, 1000, Rng.of(1));
        assertEquals(new RandomResizedCrop.Box(0, 493, 10, 13), box); // w = round(10 · 4/3) = 13, left = (1000 − 13) / 2
        var tall = rrc.cropBox(1000, 10, Rng.of(1));
        assertEquals(new RandomResizedCrop.Box(493, 0, 13, 10), tall); // h = round(10 / (3/4)) = 13
    }

    @Test
    void centerCropIsTheCentralRoi() {
        var image = photo(121, 160);
        var crop = op("center_crop", Map.of("size", List.of(40, 50))).apply(image, ctx("v"));
        // top = round((121 − 40) / 2) = round(40.5) = 40 (half to even, as torchvision), left = 55
        try (var roi = new Mat(image, new Rect(55, 40, 50, 40))) {
            assertArrayEquals(pixels(roi), pixels(crop));
        }
    }

    @Test
    void centerCropPadsASmallImageWithBlack() {
        var small = photo(10, 10);
        var crop = new CenterCrop(14, 13).apply(small, ctx("v"));
        assertEquals(14, crop.rows());
        assertEquals(13, crop.cols());
        // torchvision pads left (13 − 10) // 2 = 1, top (14 − 10) // 2 = 2
        assertArrayEquals(pixel(small, 0, 0), pixel(crop, 2, 1));
        assertArrayEquals(pixel(small, 9, 9), pixel(crop, 11, 10));
        assertArrayEquals(new int[] {0, 0, 0}, pixel(crop, 1, 1));
        assertArrayEquals(new int[] {0, 0, 0}, pixel(crop, 13, 12));
    }

    @Test
    void resizeSetsTheShorterSide() {
        var wide = op("resize", Map.of("size", 60)).apply(PHOTO, ctx("v"));
        assertEquals(60, wide.rows());
        assertEquals(80, wide.cols());
        var tall = new Resize(50, Interpolation.BILINEAR, false).apply(photo(160, 120), ctx("v"));
        assertEquals(50, tall.cols());
        assertEquals(66, tall.rows()); // int(50 · 160 / 120) = 66, truncated as torchvision does
    }

    @Test
    void downscalingAFlatImageKeepsItsColour() {
        var flat = new Mat(90, 90, CV_8UC3, new Scalar(200, 100, 50, 0));
        for (var interpolation : Interpolation.values()) {
            var small = interpolation.resize(flat, 30, 30, true);
            assertArrayEquals(new int[] {200, 100, 50}, pixel(small, 15, 15), interpolation.recipeName());
        }
    }

    @Test
    void antialiasedShrinkingFiltersEveryChannelCountAlike() {
        // the 3-channel path is exact against torchvision (TorchvisionAgreementTest); one and six channels,
        // and a crop that is a view into a wider image, must give the very same pixels
        var crop = new Mat(PHOTO, new Rect(7, 5, 130, 100));
        for (var interpolation : List.of(Interpolation.BILINEAR, Interpolation.BICUBIC)) {
            var rgb = interpolation.resize(crop, 37, 29, true);
            assertArrayEquals(pixels(interpolation.resize(crop.clone(), 37, 29, true)), pixels(rgb));
            var planes = new MatVector();
            split(crop, planes);
            var six = new Mat();
            merge(new MatVector(planes.get(0), planes.get(1), planes.get(2), planes.get(2), planes.get(1), planes.get(0)), six);
            int[] sixOut = pixels(interpolation.resize(six, 37, 29, true));
            int[] rgbOut = pixels(rgb);
            for (int c = 0; c < 3; c++) {
                int[] grey = pixels(interpolation.resize(planes.get(c), 37, 29, true));
                for (int i = 0; i < grey.length; i++) {
                    assertEquals(rgbOut[3 * i + c], grey[i], interpolation + " channel " + c + " alone, pixel " + i);
                    assertEquals(rgbOut[3 * i + c], sixOut[6 * i + c], interpolation + " channel " + c + " of six, pixel " + i);
                    assertEquals(rgbOut[3 * i + c], sixOut[6 * i + 5 - c], interpolation + " channel " + (5 - c) + " of six");
                }
            }
        }
    }

    @Test
    void hflipMirrorsAndTwiceIsIdentity() {
        var flip = new HorizontalFlip();
        var once = flip.apply(PHOTO, ctx("v"));
        assertArrayEquals(pixel(PHOTO, 30, 0), pixel(once, 30, 159));
        assertArrayEquals(pixel(PHOTO, 77, 41), pixel(once, 77, 118));
        assertArrayEquals(pixels(PHOTO), pixels(flip.apply(once, ctx("v"))));
    }

    // ---- colour, against recomputation in plain Java

    @Test
    void brightnessScalesAndClips() {
        var out = ColorJitter.brightness(PHOTO, 1.3);
        int[] in = pixels(PHOTO);
        int[] expected = Arrays.stream(in).map(v -> clip(1.3 * v)).toArray();
        assertTrue(maxDiff(expected, pixels(out)) <= 1);
    }

    @Test
    void colorJitterWithOnlyBrightnessDrawsItsFactorAsTorchvisionDoes() {
        var out = op("color_jitter", Map.of("brightness", 0.4, "contrast", 0, "saturation", 0, "hue", 0)).apply(PHOTO, ctx("v"));
        // the same stream: a permutation of four (three draws), then the brightness factor
        var rng = ctx("v").rng();
        rng.nextInt(4);
        rng.nextInt(3);
        rng.nextInt(2);
        double f = rng.uniform(0.6, 1.4);
        int[] expected = Arrays.stream(pixels(PHOTO)).map(v -> clip(f * v)).toArray();
        assertTrue(maxDiff(expected, pixels(out)) <= 1, "factor " + f);
    }

    @Test
    void contrastBlendsWithTheMeanLuma() {
        int[] in = pixels(PHOTO);
        double mean = 0;
        for (int i = 0; i < in.length; i += 3) {
            mean += luma(in[i], in[i + 1], in[i + 2]);
        }
        mean /= in.length / 3;
        double m = mean;
        for (double f : new double[] {0.5, 1.6}) {
            int[] expected = Arrays.stream(in).map(v -> clip(f * v + (1 - f) * m)).toArray();
            assertTrue(maxDiff(expected, pixels(ColorJitter.contrast(PHOTO, f))) <= 1, "contrast " + f);
        }
    }

    @Test
    void saturationBlendsWithTheLumaImage() {
        int[] in = pixels(PHOTO);
        for (double f : new double[] {0, 0.5, 1.7}) {
            var expected = new int[in.length];
            for (int i = 0; i < in.length; i += 3) {
                int y = luma(in[i], in[i + 1], in[i + 2]);
                for (int c = 0; c < 3; c++) {
                    expected[i + c] = clip(f * in[i + c] + (1 - f) * y);
                }
            }
            assertTrue(maxDiff(expected, pixels(ColorJitter.saturation(PHOTO, f))) <= 1, "saturation " + f);
        }
    }

    @Test
    void hueRotatesTheColourWheel() {
        int[] in = pixels(PHOTO);
        for (double turns : new double[] {1 / 3.0, -0.25, 0.1, 0.5}) {
            var expected = new int[in.length];
            var hsb = new float[3];
            for (int i = 0; i < in.length; i += 3) {
                Color.RGBtoHSB(in[i], in[i + 1], in[i + 2], hsb);
                float h = (float) ((hsb[0] + turns) % 1.0 + 1.0) % 1.0f;
                int rgb = Color.HSBtoRGB(h, hsb[1], hsb[2]);
                expected[i] = (rgb >> 16) & 0xff;
                expected[i + 1] = (rgb >> 8) & 0xff;
                expected[i + 2] = rgb & 0xff;
            }
            assertTrue(maxDiff(expected, pixels(ColorJitter.hue(PHOTO, turns))) <= 2, "hue " + turns);
        }
        var red = new Mat(4, 4, CV_8UC3, new Scalar(255, 0, 0, 0));
        assertArrayEquals(new int[] {0, 255, 0}, pixel(ColorJitter.hue(red, 1 / 3.0), 1, 1));
    }

    @Test
    void grayscaleUsesItu601Weights() {
        var out = op("grayscale", Map.of()).apply(PHOTO, ctx("v"));
        assertEquals(CV_8UC3, out.type());
        int[] in = pixels(PHOTO);
        var expected = new int[in.length];
        for (int i = 0; i < in.length; i += 3) {
            Arrays.fill(expected, i, i + 3, luma(in[i], in[i + 1], in[i + 2]));
        }
        assertTrue(maxDiff(expected, pixels(out)) <= 1);
    }

    @Test
    void gaussianBlurMatchesADirectConvolutionWithReflectedBorders() {
        int k = 7;
        double sigma = 1.5;
        var out = GaussianBlur.blur(PHOTO, k, sigma);
        var w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = Math.exp(-Math.pow(i - k / 2, 2) / (2 * sigma * sigma));
            sum += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        for (int[] at : new int[][] {{60, 80}, {0, 0}, {119, 3}, {37, 159}}) {
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        int y = reflect101(at[0] + dy - k / 2, 120);
                        int x = reflect101(at[1] + dx - k / 2, 160);
                        v += w[dy] * w[dx] * pixel(PHOTO, y, x)[c];
                    }
                }
                int got = pixel(out, at[0], at[1])[c];
                assertTrue(Math.abs(got - v) <= 1, "pixel " + Arrays.toString(at) + " channel " + c + ": " + got + " vs " + v);
            }
        }
    }

    private static int reflect101(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
    }

    @Test
    void gaussianBlurKeepsAFlatImageAndSmallImagesWork() {
        var flat = new Mat(8, 8, CV_8UC3, new Scalar(90, 180, 20, 0));
        var out = op("gaussian_blur", Map.of()).apply(flat, ctx("v")); // kernel 23 on an 8 × 8 image
        assertArrayEquals(pixels(flat), pixels(out));
    }

    @Test
    void normalizeMapsToUnitsThenStandardizesPerChannel() {
        var out = op("normalize", Map.of()).apply(PHOTO, ctx("v"));
        assertEquals(CV_32FC3, out.type());
        int[] in = pixels(PHOTO);
        float[] got = floats(out);
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        for (int i = 0; i < in.length; i++) {
            double expected = (in[i] / 255.0 - mean[i % 3]) / std[i % 3];
            assertEquals(expected, got[i], 1e-5);
        }
        // float input is taken as [0, 1] already
        var again = new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}).apply(out, ctx("v"));
        assertEquals(2 * got[5] - 1, floats(again)[5], 1e-5);
    }

    @Test
    void normalizeStandardizesEveryFrameOfAStack() {
        // four RGB frames interleaved in 12 channels, as the video op `frames` gives them
        var stack = new Mat(5, 7, org.bytedeco.opencv.global.opencv_core.CV_8UC(12));
        var bytes = new byte[5 * 7 * 12];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((i * 37) % 256);
        }
        stack.data().put(bytes);
        var out = Normalize.imageNet().apply(stack, ctx("v"));
        assertEquals(12, out.channels());
        var got = new float[bytes.length];
        ((java.nio.FloatBuffer) out.createBuffer()).get(got);
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        for (int i = 0; i < got.length; i++) {
            assertEquals(((bytes[i] & 0xff) / 255.0 - mean[i % 3]) / std[i % 3], got[i], 1e-5, "value " + i);
        }
        var odd = new Mat(2, 2, org.bytedeco.opencv.global.opencv_core.CV_8UC(4));
        assertThrows(IllegalArgumentException.class, () -> Normalize.imageNet().apply(odd, ctx("v")));
    }

    @Test
    void colourOpsAfterNormalizeSayWhatToDo() {
        var normalized = Normalize.imageNet().apply(PHOTO, ctx("v"));
        for (var name : List.of("color_jitter", "grayscale", "solarize", "equalize", "auto_contrast")) {
            var e = assertThrows(IllegalArgumentException.class, () -> op(name, Map.of()).apply(normalized, ctx("v")));
            assertTrue(e.getMessage().contains("CV_32FC3") && e.getMessage().contains("normalize"), e.getMessage());
        }
        // geometric ops work on float
        assertEquals(CV_32FC3, op("random_resized_crop", Map.of("size", 16)).apply(normalized, ctx("v")).type());
    }

    // ---- rotation and erasing

    @Test
    void rotationByQuarterTurnsMovesEveryPixelExactly() {
        var square = new Mat(PHOTO, new Rect(10, 0, 120, 120));
        var expected = new Mat();
        rotate(square, expected, ROTATE_90_COUNTERCLOCKWISE); // positive angles turn counter-clockwise
        var turned = RandomRotation.rotate(square, 90, Interpolation.NEAREST, false, new double[] {0});
        assertArrayEquals(pixels(expected), pixels(turned));
        // an oblong image keeps its size without expand, and swaps its sides with it
        var oblong = RandomRotation.rotate(PHOTO, -90, Interpolation.NEAREST, true, new double[] {0});
        rotate(PHOTO, expected, ROTATE_90_CLOCKWISE);
        assertEquals(160, oblong.rows());
        assertEquals(120, oblong.cols());
        assertArrayEquals(pixels(expected), pixels(oblong));
        assertArrayEquals(pixels(PHOTO), pixels(RandomRotation.rotate(PHOTO, 0, Interpolation.BILINEAR, false, new double[] {0})));
    }

    @Test
    void rotationFillsWhatItUncoversAndExpandHoldsTheWholeImage() {
        var flat = new Mat(40, 60, CV_8UC3, new Scalar(90, 180, 20, 0));
        var kept = RandomRotation.rotate(flat, 45, Interpolation.BILINEAR, false, new double[] {255, 0, 7});
        assertArrayEquals(new int[] {255, 0, 7}, pixel(kept, 0, 0), "the corner is uncovered");
        assertArrayEquals(new int[] {90, 180, 20}, pixel(kept, 20, 30), "the centre stays");
        var grown = RandomRotation.rotate(flat, 45, Interpolation.NEAREST, true, new double[] {0});
        // the rotated 60 × 40 box spans (60 + 40) / √2 ≈ 70.7 both ways: PIL rounds its corners out to 72
        assertEquals(72, grown.rows());
        assertEquals(72, grown.cols());
        // float images (after normalize) take the fill in their own units
        var normalized = Normalize.imageNet().apply(PHOTO, ctx("v"));
        var turned = RandomRotation.rotate(normalized, 30, Interpolation.BILINEAR, false, new double[] {-0.5});
        assertEquals(CV_32FC3, turned.type());
        assertEquals(-0.5f, floats(turned)[0]);
    }

    @Test
    void randomErasingBoxesRespectScaleAndRatioAndStayStrictlyInside() {
        var erasing = new RandomErasing(0.1, 0.3, 0.5, 2.0, new double[] {0});
        var rng = Rng.of(5);
        for (int i = 0; i < 300; i++) {
            var box = erasing.eraseBox(120, 160, rng);
            assertTrue(box.height() < 120 && box.width() < 160 && box.top() >= 0 && box.left() >= 0
                    && box.top() + box.height() <= 120 && box.left() + box.width() <= 160, box.toString());
            double scale = (double) box.height() * box.width() / (120 * 160);
            double ratio = (double) box.height() / box.width(); // torchvision's erasing ratio is height / width
            assertTrue(scale > 0.1 * 0.9 && scale < 0.3 * 1.1, "scale " + scale);
            assertTrue(ratio > 0.5 * 0.9 && ratio < 2.0 * 1.1, "ratio " + ratio);
        }
        // the whole image never fits strictly inside itself: the image is left as it is
        var whole = new RandomErasing(1, 1, 1, 1, new double[] {0});
        assertEquals(null, whole.eraseBox(120, 160, Rng.of(5)));
        assertArrayEquals(pixels(PHOTO), pixels(whole.apply(PHOTO, ctx("v"))));
    }

    @Test
    void randomErasingValueIsInUnitsOfToTensor() {
        var white = new RandomErasing(0.3, 0.3, 1, 1, new double[] {1.0, 0.5, 0});
        var erased = white.apply(PHOTO, ctx("v"));
        var box = white.eraseBox(120, 160, ctx("v").rng());
        assertArrayEquals(new int[] {255, 128, 0}, pixel(erased, box.top() + 1, box.left() + 1));
        int outside = box.top() > 0 ? 0 : 119;
        assertArrayEquals(pixel(PHOTO, outside, 0), pixel(erased, outside, 0));
        var normalized = Normalize.imageNet().apply(PHOTO, ctx("v"));
        var onFloat = new RandomErasing(0.3, 0.3, 1, 1, new double[] {0}).apply(normalized, ctx("v"));
        try (FloatIndexer px = onFloat.createIndexer()) {
            assertEquals(0f, px.get(box.top() + 1, box.left() + 1, 1), "after normalize, 0 is the mean colour");
        }
    }

    // ---- tonal ops

    @Test
    void solarizeAndPosterizeMapEveryValue() {
        int[] in = pixels(PHOTO);
        int[] solarized = pixels(new Solarize(100).apply(PHOTO, ctx("v")));
        int[] posterized = pixels(new Posterize(3).apply(PHOTO, ctx("v")));
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i] >= 100 ? 255 - in[i] : in[i], solarized[i]);
            assertEquals(in[i] & 0b1110_0000, posterized[i]);
        }
        assertArrayEquals(in, pixels(new Solarize(256).apply(PHOTO, ctx("v"))));
        assertArrayEquals(in, pixels(new Posterize(8).apply(PHOTO, ctx("v"))));
    }

    @Test
    void equalizeSpreadsTwoValuesToTheEnds() {
        // 1020 pixels, half 10 and half 200 in red: step = (1020 − 510) / 255 = 2, so 10 → ⌊1/2⌋ = 0 and
        // 200 → ⌊(1 + 510)/2⌋ = 255; green is flat (a single value is left as it is)
        var image = new Mat(30, 34, CV_8UC3, new Scalar(10, 77, 0, 0));
        try (var bottom = new Mat(image, new Rect(0, 15, 34, 15))) {
            bottom.put(new Scalar(200, 77, 255, 0));
        }
        var out = new Equalize().apply(image, ctx("v"));
        assertArrayEquals(new int[] {0, 77, 0}, pixel(out, 0, 0));
        assertArrayEquals(new int[] {255, 77, 255}, pixel(out, 29, 33));
    }

    @Test
    void autoContrastStretchesEachChannelToTheFullRange() {
        var image = new Mat(10, 10, CV_8UC3, new Scalar(50, 77, 0, 0));
        try (var right = new Mat(image, new Rect(5, 0, 5, 10))) {
            right.put(new Scalar(150, 77, 60, 0));
        }
        var out = new AutoContrast().apply(image, ctx("v"));
        assertArrayEquals(new int[] {0, 77, 0}, pixel(out, 0, 0));
        assertArrayEquals(new int[] {255, 77, 255}, pixel(out, 9, 9));
    }

    @Test
    void rotationRefusesWhatItCannotDo() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> op("rotate", Map.of("degrees", 10, "interpolation", "bicubic")));
        assertTrue(e.getMessage().contains("nearest or bilinear"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> op("rotate", Map.of("degrees", -10)));
        assertTrue(e.getMessage().contains("[-d, d]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> op("rotate", Map.of("degrees", 10, "fill", List.of(1, 2))).apply(PHOTO, ctx("v")));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }
}
