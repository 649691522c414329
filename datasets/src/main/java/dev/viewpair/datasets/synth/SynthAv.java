package dev.viewpair.datasets.synth;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.viewpair.views.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacpp.IntPointer;

/**
 * Generates the quickstart audio-visual dataset: real PNG/JPEG images and WAV/FLAC clips whose content
 * encodes one of eight {@link Category categories}, plus a {@code manifest.csv}.
 *
 * <p>An image shows a shape (circle, square, triangle, star) in a warm or cool hue among clutter; its clip
 * plays the same category as sound: the shape is the pitch contour of repeating tone events (vibrato, steady,
 * rising, falling) and the colour family is the timbre (all harmonics, sawtooth-like, or odd harmonics only,
 * hollow). Image and clip of one sample share only the category, so what an audio-visual model can learn
 * from the pair is the category.
 *
 * <p>Layout: {@code images/<id>.png|jpg}, {@code audio/<id>.wav|flac}, and {@code manifest.csv} with the
 * columns {@code id,image,audio,label}. The files are a pure function of (size, seed): generating twice gives
 * the same bytes, whatever the thread count.
 */
public final class SynthAv {
    /** Side of the square images, in pixels. */
    public static final int IMAGE_SIZE = 64;
    /** Sample rate of the clips (mono, 16-bit). */
    public static final int SAMPLE_RATE = 16_000;
    /** The manifest's file name in the output folder. */
    public static final String MANIFEST = "manifest.csv";

    static {
        // FFmpeg prints every output file's format at INFO level; keep only errors.
        av_log_set_level(AV_LOG_ERROR);
    }

    private SynthAv() {}

    /** Generates {@code size} samples into {@code outDir} on two threads; returns the manifest's path. */
    public static Path generate(Path outDir, int size, long seed) throws IOException {
        return generate(outDir, size, seed, 2, done -> {});
    }

    /**
     * Generates {@code size} samples into {@code outDir} (created if needed; files of the same names are
     * replaced) and returns the manifest's path.
     *
     * @param threads worker threads (≥ 1); the output does not depend on it
     * @param progress told the number of samples finished so far, from the worker threads
     */
    public static Path generate(Path outDir, int size, long seed, int threads, IntConsumer progress) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        Files.createDirectories(outDir.resolve("images"));
        Files.createDirectories(outDir.resolve("audio"));
        var plan = plan(size, seed);
        ParallelWriter.writeAll(outDir, plan, threads, progress, item -> writeSample(outDir, item, seed));
        var manifest = outDir.resolve(MANIFEST);
        var csv = new StringBuilder("id,image,audio,label\n");
        for (var item : plan) {
            csv.append(item.id).append(',').append(item.image).append(',').append(item.audio).append(',')
                    .append(item.category.label()).append('\n');
        }
        Files.writeString(manifest, csv, StandardCharsets.UTF_8);
        return manifest;
    }

    /** One sample to write: its id, category and the relative paths of its files. */
    private record Planned(String id, Category category, String image, String audio) {}

    /**
     * Assigns categories in blocks of eight, each block a seeded permutation of all categories: the classes
     * stay balanced, every category appears once {@code size ≥ 8}, and the file formats (which alternate with
     * the index) carry no information about the class.
     */
    private static List<Planned> plan(int size, long seed) {
        var categories = Category.all();
        int width = Math.max(5, Integer.toString(size - 1).length());
        var plan = new ArrayList<Planned>(size);
        int[] order = new int[categories.size()];
        for (int i = 0; i < size; i++) {
            int slot = i % order.length;
            if (slot == 0) {
                shuffle(order, Rng.forView(seed, -1, "block-" + i / order.length, "synth-labels"));
            }
            var id = "s" + "0".repeat(width - Integer.toString(i).length()) + i;
            var image = "images/" + id + (i % 2 == 0 ? ".png" : ".jpg");
            var audio = "audio/" + id + ((i / 2) % 2 == 0 ? ".wav" : ".flac");
            plan.add(new Planned(id, categories.get(order[slot]), image, audio));
        }
        return plan;
    }

    private static void shuffle(int[] order, Rng rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void writeSample(Path outDir, Planned item, long seed) {
        // Epoch −1: no training epoch uses it, so these streams never coincide with a view's.
        var imageRng = Rng.forView(seed, -1, item.id, "synth-image");
        var audioRng = Rng.forView(seed, -1, item.id, "synth-audio");
        var imagePath = outDir.resolve(item.image);
        // Quality is a JPEG-only key; OpenCV warns when PNG is given it.
        boolean jpeg = item.image.endsWith(".jpg");
        try (var image = new ShapePainter(IMAGE_SIZE).paint(item.category, imageRng);
                var params = jpeg ? new IntPointer(IMWRITE_JPEG_QUALITY, 92) : new IntPointer()) {
            if (!imwrite(imagePath.toString(), image, params)) {
                throw new UncheckedIOException(new IOException("OpenCV could not write " + imagePath));
            }
        }
        writeAudio(outDir.resolve(item.audio), new ToneSynth(SAMPLE_RATE).synthesize(item.category, audioRng));
    }

    /** Writes mono 16-bit PCM as WAV or FLAC, chosen by the file's extension. */
    private static void writeAudio(Path path, short[] pcm) {
        boolean flac = path.getFileName().toString().endsWith(".flac");
        try (var recorder = new FFmpegFrameRecorder(path.toFile(), 1)) {
            recorder.setFormat(flac ? "flac" : "wav");
            recorder.setAudioCodec(flac ? AV_CODEC_ID_FLAC : AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleFormat(AV_SAMPLE_FMT_S16);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.start();
            recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(pcm));
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new UncheckedIOException(new IOException("FFmpeg could not write " + path + ": " + e.getMessage(), e));
        }
    }
}
