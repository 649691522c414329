package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static dev.viewpair.views.image.TestImages.pixel;
import static dev.viewpair.views.image.TestImages.pixels;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacpp.indexer.UShortIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    @TempDir
    Path dir;

    /** Writes with OpenCV (which expects BGR for colour) and reads the file's bytes back. */
    private byte[] write(String name, Mat image, int... params) throws IOException {
        var file = dir.resolve(name);
        assertTrue(imwrite(file.toString(), image, params), "OpenCV wrote " + name);
        return Files.readAllBytes(file);
    }

    private static Mat bgr(Mat rgb) {
        var out = new Mat();
        cvtColor(rgb, out, COLOR_RGB2BGR);
        return out;
    }

    @Test
    void pngDecodesToTheSameRgbPixels() throws IOException {
        var rgb = photo(60, 80);
        var decoded = ImageDecoder.decode(write("photo.png", bgr(rgb)), "photo.png");
        assertEquals(CV_8UC3, decoded.type());
        assertEquals(60, decoded.rows());
        assertEquals(80, decoded.cols());
        assertArrayEquals(pixels(rgb), pixels(decoded));
    }

    /** Encodes in memory with OpenCV's own encoder for the extension (BGR in, as OpenCV expects). */
    private static byte[] encode(String extension, Mat image, int... params) {
        try (var buffer = new BytePointer(); var flags = new IntPointer(params)) {
            assertTrue(imencode(extension, image, buffer, flags), "OpenCV encodes " + extension);
            var bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /** Lossless formats give back exactly the pixels that were written, in RGB order. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".bmp", ".tiff", ".webp"})
    void losslessFormatsDecodeToTheSameRgbPixels(String extension) {
        var rgb = photo(45, 70);
        // WebP is lossless above quality 100; BMP and TIFF are always lossless
        int[] params = extension.equals(".webp") ? new int[] {IMWRITE_WEBP_QUALITY, 101} : new int[0];
        byte[] bytes = encode(extension, bgr(rgb), params);
        var decoded = ImageDecoder.decode(bytes, "photo" + extension);
        assertEquals(CV_8UC3, decoded.type());
        assertEquals(45, decoded.rows());
        assertEquals(70, decoded.cols());
        assertArrayEquals(pixels(rgb), pixels(decoded));
    }

    @Test
    void jpegDecodesCloseToTheOriginalInRgbOrder() throws IOException {
        var rgb = photo(64, 96);
        rectangle(rgb, new Rect(4, 4, 16, 16), 250, 10, 10);
        var decoded = ImageDecoder.decode(write("photo.jpg", bgr(rgb),
                IMWRITE_JPEG_QUALITY, 95, IMWRITE_JPEG_SAMPLING_FACTOR, IMWRITE_JPEG_SAMPLING_FACTOR_444), "photo.jpg");
        assertEquals(CV_8UC3, decoded.type());
        int[] a = pixels(rgb);
        int[] b = pixels(decoded);
        double meanAbs = 0;
        for (int i = 0; i < a.length; i++) {
            meanAbs += Math.abs(a[i] - b[i]);
        }
        meanAbs /= a.length;
        assertTrue(meanAbs < 2, "mean abs error of a quality-95 4:4:4 JPEG, got " + meanAbs);
        int[] red = pixel(decoded, 12, 12);
        assertTrue(red[0] > 220 && red[1] < 40 && red[2] < 40, "red block stays red in RGB order: " + Arrays.toString(red));
    }

    private static void rectangle(Mat rgb, Rect r, int red, int green, int blue) {
        try (var roi = new Mat(rgb, r)) {
            roi.put(new Scalar(red, green, blue, 0));
        }
    }

    @Test
    void grayscalePngBecomesThreeEqualChannels() throws IOException {
        var gray = new Mat(20, 30, CV_8UC1);
        try (UByteIndexer px = gray.createIndexer()) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 30; x++) {
                    px.put(y, x, (x * 8 + y * 3) % 256);
                }
            }
        }
        var decoded = ImageDecoder.decode(write("gray.png", gray), "gray.png");
        assertEquals(CV_8UC3, decoded.type());
        int[] g = pixels(gray);
        int[] d = pixels(decoded);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], d[3 * i]);
            assertEquals(g[i], d[3 * i + 1]);
            assertEquals(g[i], d[3 * i + 2]);
        }
    }

    @Test
    void sixteenBitPngIsReducedToEightBits() throws IOException {
        // written as BGR: blue 1000, green 30000, red 65535
        var deep = new Mat(10, 12, CV_16UC3, new Scalar(1000, 30000, 65535, 0));
        try (UShortIndexer px = deep.createIndexer()) {
            px.put(0, 0, 0, 51400); // one pixel with a different blue
        }
        var decoded = ImageDecoder.decode(write("deep.png", deep), "deep.png");
        assertEquals(CV_8UC3, decoded.type());
        int[] p = pixel(decoded, 5, 5);
        // 16 → 8 bits divides by 256 or 257 depending on the codec's rounding: allow one level
        assertTrue(Math.abs(p[0] - 255) <= 1 && Math.abs(p[1] - 30000 / 257) <= 1 && Math.abs(p[2] - 1000 / 257) <= 1,
                "RGB of (65535, 30000, 1000) in 8 bits, got " + Arrays.toString(p));
        assertTrue(Math.abs(pixel(decoded, 0, 0)[2] - 51400 / 257) <= 1);
    }

    @Test
    void alphaIsDroppedKeepingTheColour() throws IOException {
        // BGRA: left half opaque, right half fully transparent, same colour
        var bgra = new Mat(8, 16, CV_8UC4, new Scalar(30, 120, 210, 255));
        try (var right = new Mat(bgra, new Rect(8, 0, 8, 8))) {
            right.put(new Scalar(30, 120, 210, 0));
        }
        var decoded = ImageDecoder.decode(write("alpha.png", bgra), "alpha.png");
        assertEquals(CV_8UC3, decoded.type());
        assertArrayEquals(new int[] {210, 120, 30}, pixel(decoded, 4, 2));
        assertArrayEquals(new int[] {210, 120, 30}, pixel(decoded, 4, 12));
    }

    @Test
    void corruptBytesNameTheFile() {
        var e = assertThrows(MediaException.class,
                () -> ImageDecoder.decode("this is not an image at all".getBytes(), "cats/0001.jpg"));
        assertTrue(e.getMessage().contains("cats/0001.jpg"), e.getMessage());
        assertTrue(e.getMessage().contains("re-encode it or remove it"), e.getMessage());
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        byte[] png = write("cut.png", bgr(photo(40, 40)));
        var e = assertThrows(MediaException.class,
                () -> ImageDecoder.decode(Arrays.copyOf(png, 60), "cut.png"));
        assertTrue(e.getMessage().contains("cut.png"), e.getMessage());
    }

    @Test
    void emptyBytesNameTheFile() {
        var e = assertThrows(MediaException.class, () -> ImageDecoder.decode(new byte[0], "empty.png"));
        assertTrue(e.getMessage().contains("empty.png") && e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void headersDeclareTheRealSize() throws IOException {
        var rgb = bgr(photo(37, 53));
        assertEquals(37 * 53, ImageDecoder.declaredPixels(write("a.png", rgb)));
        assertEquals(37 * 53, ImageDecoder.declaredPixels(write("a.jpg", rgb)));
        assertEquals(37 * 53, ImageDecoder.declaredPixels(write("a.bmp", rgb)));
        assertEquals(37 * 53, ImageDecoder.declaredPixels(write("a.tif", rgb)));
        assertEquals(37 * 53, ImageDecoder.declaredPixels(write("a.webp", rgb)));
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeDecoding() {
        // a PNG signature and an IHDR chunk claiming 100000 × 100000 pixels, and nothing else
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 1, (byte) 0x86, (byte) 0xA0, 0, 1, (byte) 0x86, (byte) 0xA0, 8, 2, 0, 0, 0};
        var e = assertThrows(MediaException.class, () -> ImageDecoder.decode(header, "huge.png"));
        assertTrue(e.getMessage().contains("huge.png") && e.getMessage().contains("10000.0 megapixels"), e.getMessage());
    }

    @Test
    void theLimitAlsoHoldsForFormatsWithoutAHeaderCheck() throws IOException {
        byte[] bmp = write("big.bmp", bgr(photo(50, 50)));
        assertEquals(2500, ImageDecoder.decode(bmp, "big.bmp", 2500).total());
        var e = assertThrows(MediaException.class, () -> ImageDecoder.decode(bmp, "big.bmp", 2499));
        assertTrue(e.getMessage().contains("big.bmp") && e.getMessage().contains("megapixels"), e.getMessage());
    }
}
