package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.viewpair.views.MediaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The image modality adapter: encoded bytes (JPEG, PNG, WebP, BMP, TIFF, … whatever OpenCV reads) to the
 * canonical image, an 8-bit 3-channel <b>RGB</b> {@code Mat} (HWC).
 *
 * <p>Grayscale images come out with three equal channels, 16-bit images are reduced to 8 bits, an alpha
 * channel is dropped (as PIL's {@code convert("RGB")} does for torchvision), and the EXIF orientation of
 * a JPEG is applied.
 *
 * <p>Loading this class (or {@link ImageOps}) calls {@code cv::setNumThreads(0)}: viewpair parallelizes
 * over samples with Java worker threads, so each OpenCV call runs on the thread that makes it.
 */
public final class ImageDecoder {
    /** The largest image {@link #decode(byte[], String)} accepts: 64 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 64_000_000L;

    static {
        useCallerThreads();
    }

    private ImageDecoder() {}

    /** Makes every OpenCV call run on its caller's thread (idempotent; process-wide). */
    static void useCallerThreads() {
        setNumThreads(0);
    }

    /**
     * Decodes an image of at most {@link #DEFAULT_MAX_PIXELS}.
     *
     * @param bytes the encoded file
     * @param name what to call it in error messages (a path or a sample id)
     * @return a new {@code CV_8UC3} RGB Mat owned by the caller: close it, or decode inside a
     *     {@link org.bytedeco.javacpp.PointerScope} that frees it
     * @throws MediaException when the bytes are empty, not an image, corrupt, or too large
     */
    public static Mat decode(byte[] bytes, String name) {
        return decode(bytes, name, DEFAULT_MAX_PIXELS);
    }

    /** As {@link #decode(byte[], String)}, with its own limit on width × height. */
    public static Mat decode(byte[] bytes, String name, long maxPixels) {
        if (bytes == null || bytes.length == 0) {
            throw new MediaException("image '" + name + "' is empty (0 bytes): check that the file was written "
                    + "or copied completely, or remove it from the dataset");
        }
        // most formats declare their size up front: refuse a huge image before allocating anything for it
        long declared = declaredPixels(bytes);
        if (declared > maxPixels) {
            throw tooLarge(name, declared, maxPixels);
        }
        Mat image;
        try (var encoded = new Mat(bytes)) {
            image = imdecode(encoded, IMREAD_COLOR_RGB);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("CV_IO_MAX_IMAGE_PIXELS")) {
                // a format whose header is not read above: OpenCV's own limit refused it, also before allocating
                throw new MediaException("image '" + name + "' declares more than 2^30 pixels, OpenCV's limit: downscale it"
                        + " before training or remove it from the dataset", e);
            }
            throw new MediaException("image '" + name + "' could not be decoded (" + e.getMessage()
                    + "): re-encode it or remove it from the dataset", e);
        }
        if (image == null || image.empty()) {
            if (image != null) {
                image.close();
            }
            throw new MediaException("image '" + name + "' is corrupt or not an image format OpenCV reads "
                    + "(JPEG, PNG, WebP, BMP, TIFF, …): re-encode it or remove it from the dataset");
        }
        long pixels = (long) image.rows() * image.cols();
        if (pixels > maxPixels) {
            image.close();
            throw tooLarge(name, pixels, maxPixels);
        }
        return image;
    }

    private static MediaException tooLarge(String name, long pixels, long maxPixels) {
        return new MediaException(String.format(
                "image '%s' has %.1f megapixels, more than the limit of %.1f: downscale it before training "
                        + "(preprocessing to shards does this once) or remove it from the dataset",
                name, pixels / 1e6, maxPixels / 1e6));
    }

    /**
     * Width × height as the header of a PNG, JPEG, BMP, WebP or TIFF declares it, or -1 when the format is
     * another or the header is unclear (OpenCV's own limit of 2^30 pixels then still applies).
     */
    static long declaredPixels(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
            return u32(b, 16) * u32(b, 20);
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
            return jpegPixels(b);
        }
        var le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            // BITMAPCOREHEADER (12 bytes) has 16-bit sizes; the later headers 32-bit ones, the height negative
            // for a top-down bitmap
            return le.getInt(14) == 12 ? (long) Short.toUnsignedInt(le.getShort(18)) * Short.toUnsignedInt(le.getShort(20))
                    : Math.abs((long) le.getInt(18)) * Math.abs((long) le.getInt(22));
        }
        if (b.length >= 30 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return webpPixels(b, le);
        }
        if (b.length >= 8 && (ascii(b, 0, "II*\0") || ascii(b, 0, "MM\0*"))) {
            return tiffPixels(ascii(b, 0, "II") ? le : ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN));
        }
        return -1;
    }

    private static long webpPixels(byte[] b, ByteBuffer le) {
        if (ascii(b, 12, "VP8X")) { // extended: 24-bit canvas width − 1 and height − 1
            return (u24le(b, 24) + 1) * (u24le(b, 27) + 1);
        }
        if (ascii(b, 12, "VP8 ")) { // lossy: 14-bit sizes after the key frame's start code
            return (long) (le.getShort(26) & 0x3FFF) * (le.getShort(28) & 0x3FFF);
        }
        if (ascii(b, 12, "VP8L")) { // lossless: 14-bit width − 1 and height − 1 after the signature byte
            int bits = le.getInt(21);
            return ((bits & 0x3FFFL) + 1) * (((bits >>> 14) & 0x3FFFL) + 1);
        }
        return -1;
    }

    /** ImageWidth (tag 256) × ImageLength (257) from the first image file directory. */
    private static long tiffPixels(ByteBuffer t) {
        long ifd = Integer.toUnsignedLong(t.getInt(4));
        if (ifd + 2 > t.limit()) {
            return -1;
        }
        int entries = Short.toUnsignedInt(t.getShort((int) ifd));
        long width = -1;
        long height = -1;
        for (int e = 0; e < entries && ifd + 2 + 12L * (e + 1) <= t.limit(); e++) {
            int at = (int) ifd + 2 + 12 * e;
            int tag = Short.toUnsignedInt(t.getShort(at));
            int type = Short.toUnsignedInt(t.getShort(at + 2));
            long value = type == 3 ? Short.toUnsignedInt(t.getShort(at + 8))
                    : type == 4 ? Integer.toUnsignedLong(t.getInt(at + 8)) : -1;
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            }
        }
        return width < 0 || height < 0 ? -1 : width * height;
    }

    private static long u24le(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16;
    }

    private static boolean ascii(byte[] b, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Walks the JPEG marker segments (a few, not the pixels) to the frame header. */
    private static long jpegPixels(byte[] b) {
        int i = 2;
        while (i + 8 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                return -1;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                i += 2; // markers without a segment
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return -1; // end of image or start of scan before any frame header
            }
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader) {
                return u16(b, i + 5) * u16(b, i + 7);
            }
            i += 2 + (int) u16(b, i + 2);
        }
        return -1;
    }

    private static long u16(byte[] b, int at) {
        return ((b[at] & 0xffL) << 8) | (b[at + 1] & 0xffL);
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }
}
