import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.image.ImageDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * viewpair side of the image pipeline benchmark: SimCLR view pairs per second, the same pipeline as
 * torchvision_bench.py, built from the op catalogue and run through a {@link ViewSet} on a thread pool.
 *
 * <pre>java -cp "views/target/classes:&lt;views' dependencies&gt;" bench/image/ImagePipelineBench.java \
 *     {photos|fashion} SIZE KERNEL THREADS SECONDS</pre>
 *
 * photos: opencv-doc's sample JPEG/PNG photos held encoded in memory, decoded per sample (two views per
 * decode). fashion: Fashion-MNIST's training images held as 28 × 28 bytes, made RGB per sample. Prints
 * one line: "&lt;view pairs per wall-clock second&gt; &lt;pairs&gt; &lt;seconds&gt; &lt;CPU seconds of the
 * process (JIT and GC included) over the timed window&gt;".
 */
public final class ImagePipelineBench {
    private static final Path PHOTOS = Path.of("/usr/share/doc/opencv-doc/examples/data");
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    private static final long WARMUP_MILLIS = 2000;

    /** Turns sample i into the canonical RGB image. */
    private interface Samples {
        Mat decode(long i);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ImagePipelineBench {photos|fashion} SIZE KERNEL THREADS SECONDS");
            System.exit(2);
        }
        String kind = args[0];
        int size = Integer.parseInt(args[1]);
        int kernel = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);

        Samples samples = kind.equals("photos") ? photos() : fashion();
        var views = ViewSet.build(List.of(simclr("view_a", size, kernel), simclr("view_b", size, kernel)),
                OpCatalog.standard(), 7);

        var next = new AtomicLong();
        var pairs = new AtomicLong();
        var stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var workers = new ArrayList<Future<Void>>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long i = next.getAndIncrement();
                    try (Mat image = samples.decode(i)) {
                        var made = views.apply(Map.of(Modality.IMAGE, image), 0, Long.toString(i));
                        if (made.size() != 2) {
                            throw new IllegalStateException("expected two views, got " + made.keySet());
                        }
                    }
                    pairs.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(WARMUP_MILLIS);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long startPairs = pairs.get();
        long start = System.nanoTime();
        long startCpu = os.getProcessCpuTime();
        Thread.sleep((long) (seconds * 1000));
        long counted = pairs.get() - startPairs;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - startCpu) / 1e9;
        stop.set(true);
        for (var w : workers) {
            w.get(60, TimeUnit.SECONDS); // a failed sample fails the benchmark instead of slowing it silently
        }
        pool.shutdown();
        System.out.printf("%.1f %d %.2f %.2f%n", counted / elapsed, counted, elapsed, cpu);
    }

    /** The SimCLR view: torchvision's RandomResizedCrop, flip, jitter (p 0.8), grayscale (p 0.2), blur, normalize. */
    private static ViewSpec simclr(String name, int size, int kernel) {
        return new ViewSpec(name, Modality.IMAGE, List.of(
                new OpSpec("random_resized_crop", Map.of("size", size)),
                OpSpec.of("hflip"),
                new OpSpec("color_jitter", Map.of("brightness", 0.4, "contrast", 0.4, "saturation", 0.4, "hue", 0.1, "p", 0.8)),
                new OpSpec("grayscale", Map.of("p", 0.2)),
                new OpSpec("gaussian_blur", Map.of("kernel", kernel, "sigma", List.of(0.1, 2.0))),
                OpSpec.of("normalize")));
    }

    /** The sample photos, sorted by name, held as encoded bytes. */
    private static Samples photos() throws IOException {
        var encoded = new ArrayList<byte[]>();
        var names = new ArrayList<String>();
        try (var files = Files.list(PHOTOS)) {
            for (var f : files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList()) {
                encoded.add(Files.readAllBytes(f));
                names.add(f.getFileName().toString());
            }
        }
        return i -> {
            int k = (int) (i % encoded.size());
            return ImageDecoder.decode(encoded.get(k), names.get(k));
        };
    }

    /** Fashion-MNIST's training images as 28 × 28 bytes; a sample becomes a three-channel image. */
    private static Samples fashion() throws IOException {
        byte[] idx;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FASHION))) {
            idx = in.readAllBytes();
        }
        int count = readInt(idx, 4);
        int rows = readInt(idx, 8);
        int cols = readInt(idx, 12);
        int pixels = rows * cols;
        return i -> {
            int k = (int) (i % count);
            try (var gray = new Mat(rows, cols, CV_8UC1)) {
                gray.data().put(idx, 16 + k * pixels, pixels);
                var rgb = new Mat();
                cvtColor(gray, rgb, COLOR_GRAY2RGB);
                return rgb;
            }
        };
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
