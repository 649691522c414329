package dev.viewpair.datasets.idx;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A dataset in the IDX format of MNIST and Fashion-MNIST: an images file (magic {@code 0x00000803}: unsigned
 * bytes, N × H × W, big-endian header) and optionally a labels file ({@code 0x00000801}: N unsigned bytes),
 * either gzipped ({@code .gz}). Both are read into memory; sample {@code i} has id {@code idx-<i>}, its label
 * as text ("7"), and its gray image encoded as a PNG when the sample is asked for, for the image adapter.
 */
public final class IdxSource implements Source {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final Pattern IMAGES_FILE = Pattern.compile(".*images[.-]idx3-ubyte(\\.gz)?");

    private final Path images;
    private final Path labels;
    private final int count;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final byte[] classes;

    private IdxSource(Path images, Path labels, int count, int height, int width, byte[] pixels, byte[] classes) {
        this.images = images;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.classes = classes;
    }

    /**
     * Opens an IDX dataset given as a folder that holds one {@code *-images-idx3-ubyte[.gz]} file (and its
     * {@code *-labels-idx1-ubyte[.gz]}), or as the images file itself, with the labels file found beside it.
     * Without a labels file the samples have no label.
     *
     * @throws IllegalArgumentException when no or several images files are found, or a file is not valid IDX
     */
    public static IdxSource open(Path folderOrImages) throws IOException {
        var imagesFile = Files.isDirectory(folderOrImages) ? imagesIn(folderOrImages) : folderOrImages;
        return open(imagesFile, labelsBeside(imagesFile));
    }

    /**
     * Opens an images file and its labels file.
     *
     * @param labels the labels file, or {@code null} for unlabelled samples
     * @throws IllegalArgumentException when a file is not valid IDX or the counts differ; the message names the file
     */
    public static IdxSource open(Path images, Path labels) throws IOException {
        var img = ByteBuffer.wrap(read(images));
        header(images, img, IMAGES_MAGIC, 3, "images (idx3)");
        int n = dimension(images, img, "image count");
        int h = dimension(images, img, "height");
        int w = dimension(images, img, "width");
        long expected = (long) n * h * w;
        checkLength(images, img.remaining(), expected, n + " images of " + h + "×" + w);
        var pixels = new byte[(int) expected];
        img.get(pixels);
        byte[] classes = null;
        if (labels != null) {
            var lab = ByteBuffer.wrap(read(labels));
            header(labels, lab, LABELS_MAGIC, 1, "labels (idx1)");
            int m = dimension(labels, lab, "label count");
            if (m != n) {
                throw new IllegalArgumentException(labels + ": has " + m + " labels but " + images + " has " + n + " images; give the labels file of the same set");
            }
            checkLength(labels, lab.remaining(), m, m + " labels");
            classes = new byte[m];
            lab.get(classes);
        }
        return new IdxSource(images, labels, n, h, w, pixels, classes);
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public Sample get(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count + " in " + images);
        }
        var id = "idx-" + i;
        var png = new MediaRef.EncodedBytes(images.getFileName() + "#" + i + ".png", png((int) i));
        var label = classes == null ? null : Integer.toString(classes[(int) i] & 0xff);
        return new Sample(id, Map.of(Modality.IMAGE, png), label, Map.of());
    }

    @Override
    public String describe() {
        return "idx " + images + " (" + count + " images " + width + "×" + height + "; "
                + (labels == null ? "no labels" : "labels " + labels) + ")";
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    private byte[] png(int i) {
        int size = height * width;
        try (var gray = new Mat(height, width, CV_8UC1); var out = new BytePointer()) {
            gray.data().put(pixels, i * size, size);
            if (!imencode(".png", gray, out)) {
                throw new IllegalStateException("OpenCV could not encode image " + i + " of " + images + " as PNG");
            }
            var bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    private static Path imagesIn(Path folder) throws IOException {
        var found = new ArrayList<Path>();
        try (var files = Files.list(folder)) {
            files.filter(p -> IMAGES_FILE.matcher(p.getFileName().toString()).matches()).sorted().forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no IDX images file (*-images-idx3-ubyte or *-images-idx3-ubyte.gz)");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(folder + " holds several IDX images files " + found.stream().map(p -> p.getFileName().toString()).toList()
                    + "; give one of them as the dataset path (its labels file is found beside it)");
        }
        return found.get(0);
    }

    /** {@code train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte[.gz]} beside it, or null. */
    static Path labelsBeside(Path imagesFile) {
        var name = imagesFile.getFileName().toString().replaceFirst("\\.gz$", "");
        if (!name.contains("images") || !name.contains("idx3")) {
            return null;
        }
        var stem = name.replace("images", "labels").replace("idx3", "idx1");
        for (var candidate : new String[] {stem, stem + ".gz"}) {
            var p = imagesFile.resolveSibling(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] read(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": is not a complete gzip file (" + e.getMessage() + "); download it again");
        }
    }

    private static void header(Path file, ByteBuffer b, int magic, int dims, String what) {
        if (b.remaining() < 4 + 4 * dims) {
            throw new IllegalArgumentException(file + ": too short for an IDX header (" + b.remaining() + " bytes); the file is truncated");
        }
        int found = b.getInt();
        if (found != magic) {
            throw new IllegalArgumentException(String.format("%s: magic number 0x%08X is not that of IDX %s (0x%08X); "
                    + "give an MNIST-style *-images-idx3-ubyte / *-labels-idx1-ubyte file", file, found, what, magic));
        }
    }

    private static int dimension(Path file, ByteBuffer b, String name) {
        int d = b.getInt();
        if (d <= 0) {
            throw new IllegalArgumentException(file + ": the header declares " + name + " " + d + "; the file is corrupt");
        }
        return d;
    }

    private static void checkLength(Path file, long have, long expected, String what) {
        if (expected > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(file + ": declares " + what + ", too large to hold in memory");
        }
        if (have != expected) {
            throw new IllegalArgumentException(file + ": the header declares " + what + " (" + expected + " bytes) but the file has "
                    + have + (have < expected ? "; the file is truncated, download it again" : "; there are trailing bytes, the file is corrupt"));
        }
    }
}
