package dev.viewpair.datasets.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.viewpair.views.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Generates short videos with sound in which what is seen and what is heard happen at the same moments, for
 * audio-visual correspondence and synchronization: {@value #SECONDS} s of {@value #SIDE}×{@value #SIDE} pixels
 * at {@value #FPS} fps (MPEG-4 Part 2) with mono AAC sound at {@value #SAMPLE_RATE} Hz, in MP4.
 *
 * <p>Each video shows one kind of {@link Event} several times, at random frames; the sound of an event starts
 * exactly at the time of the frame that shows it:
 * <ul>
 *   <li>{@code flash}: the picture flashes bright for two frames, heard as a click (a 15 ms noise burst);
 *   <li>{@code bounce}: a ball moves and bounces off the walls, a short ringing tone at every hit (higher for
 *       the side walls than for the top and bottom);
 *   <li>{@code appear}: a square shows up for a few frames, a tone sounds for as long as it stays, higher the
 *       nearer the top it is.
 * </ul>
 * A grey disc drifts silently through every video, so that motion alone says nothing about sound. Between
 * events the sound is silent (noise there would triple the AAC encoder's time).
 *
 * <p>That is {@link Variant#KINDS}. {@link Variant#TIMING} ({@link EventScene}) makes 6 s videos in which sight and
 * sound share timing only: several sources pulsing at irregular times, each pulse heard from its frame, with silent
 * pulses, silent motion and sounds with nothing seen around them; each seen sound starts at the frame of its pulse.
 *
 * <p>Layout: {@code videos/<id>.mp4} and {@code manifest.csv} with the columns {@code id,video,label,onsets}, the label
 * being the event kind (the tempo for {@code timing}) and {@link #ONSETS} when each seen event's sound starts. The
 * files are a pure function of (size, seed): generating twice gives the same bytes, whatever the thread count.
 */
public final class SynthVideo {
    /** Side of the square frames, in pixels. */
    public static final int SIDE = 64;
    /** Frames per second. */
    public static final int FPS = 15;
    /** Length of every video. */
    public static final double SECONDS = 4.0;
    /** Sample rate of the sound (mono). */
    public static final int SAMPLE_RATE = 16_000;
    /** The manifest's file name in the output folder. */
    public static final String MANIFEST = "manifest.csv";
    /**
     * The manifest column listing when the sound of each seen event starts: seconds, {@code ;}-separated (the sync
     * evaluation reads it to tell the trials no model can decide).
     */
    public static final String ONSETS = "onsets";

    private static final int FRAMES = (int) (SECONDS * FPS);
    private static final int SAMPLES = (int) (SECONDS * SAMPLE_RATE);
    private static final double[] FLASH_RGB = {235, 235, 225};

    /** What happens in a video; its label is the lower-case name. */
    public enum Event {
        FLASH, BOUNCE, APPEAR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static {
        // FFmpeg prints every output file's format at INFO level; keep only errors.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private SynthVideo() {}

    /** What a generated set is made of; {@code --variant} on the command line, in lower case. */
    public enum Variant {
        /** {@value #SECONDS} s videos of one kind of {@link Event} each; the label is the kind. */
        KINDS,
        /**
         * 6 s videos whose sight and sound share timing only ({@link EventScene}); the label is the tempo
         * ({@code fast}, {@code medium}, {@code slow}).
         */
        TIMING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Generates {@code size} videos of {@link Variant#KINDS} into {@code outDir} on two threads; returns the manifest's path. */
    public static Path generate(Path outDir, int size, long seed) throws IOException {
        return generate(outDir, size, seed, Variant.KINDS, 2, done -> {});
    }

    /** {@link #generate(Path, int, long, Variant, int, IntConsumer)} of {@link Variant#KINDS}. */
    public static Path generate(Path outDir, int size, long seed, int threads, IntConsumer progress) throws IOException {
        return generate(outDir, size, seed, Variant.KINDS, threads, progress);
    }

    /**
     * Generates {@code size} videos into {@code outDir} (created if needed; files of the same names are replaced)
     * and returns the manifest's path.
     *
     * @param variant what the videos show and sound
     * @param threads worker threads (≥ 1); the output does not depend on it
     * @param progress told the number of videos finished so far, from the worker threads
     */
    public static Path generate(Path outDir, int size, long seed, Variant variant, int threads, IntConsumer progress)
            throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        boolean kinds = variant == Variant.KINDS;
        Files.createDirectories(outDir.resolve("videos"));
        var plan = kinds ? plan(size, seed, Event.values(), Event::label)
                : plan(size, seed, EventScene.Tempo.values(), EventScene.Tempo::label);
        var onsets = new String[size];
        // epoch −1: no training epoch uses it, so this stream never coincides with a view's
        ParallelWriter.writeAll(outDir, plan, threads, progress, item -> {
            var rng = Rng.forView(seed, -1, item.id, kinds ? "synth-video" : "synth-video-timing");
            Scene scene = item.kind instanceof Event event ? new KindScene(event, rng)
                    : new EventScene((EventScene.Tempo) item.kind, rng);
            onsets[item.index] = String.join(";", scene.soundOnsets().stream()
                    .map(t -> String.format(Locale.ROOT, "%.4f", t)).toList());
            write(outDir.resolve(item.video), scene);
        });
        var manifest = outDir.resolve(MANIFEST);
        var csv = new StringBuilder("id,video,label," + ONSETS + "\n");
        for (var item : plan) {
            csv.append(item.id).append(',').append(item.video).append(',').append(item.label).append(',')
                    .append(onsets[item.index]).append('\n');
        }
        Files.writeString(manifest, csv, StandardCharsets.UTF_8);
        return manifest;
    }

    /** What a video shows and sounds, frame by frame. */
    sealed interface Scene permits KindScene, EventScene {
        int frames();

        /** The whole sound track, {@link #SAMPLE_RATE} samples per second. */
        float[] sound();

        /** The times (seconds) at which the sound of a seen event starts, ascending, without repeats. */
        List<Double> soundOnsets();

        /** Paints frame k (RGB) into {@code frame}. */
        void draw(Mat frame, int k);
    }

    /** One video to write: its place in the plan, its kind (an {@link Event} or a tempo) and label. */
    private record Planned(int index, String id, Object kind, String label, String video) {}

    /** Kinds in blocks, each block a seeded permutation: the labels stay balanced. */
    private static <K> List<Planned> plan(int size, long seed, K[] kinds, java.util.function.Function<K, String> label) {
        int width = Math.max(5, Integer.toString(size - 1).length());
        var plan = new ArrayList<Planned>(size);
        int[] order = new int[kinds.length];
        for (int i = 0; i < size; i++) {
            int slot = i % order.length;
            if (slot == 0) {
                var rng = Rng.forView(seed, -1, "block-" + i / order.length, "synth-video-labels");
                for (int k = 0; k < order.length; k++) {
                    int j = rng.nextInt(k + 1);
                    order[k] = order[j];
                    order[j] = k;
                }
            }
            var id = "v" + "0".repeat(width - Integer.toString(i).length()) + i;
            var kind = kinds[order[slot]];
            plan.add(new Planned(i, id, kind, label.apply(kind), "videos/" + id + ".mp4"));
        }
        return plan;
    }

    /** Draws and records one video. */
    private static void write(Path file, Scene scene) {
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), SIDE, SIDE, 1);
                var converter = new OpenCVFrameConverter.ToMat();
                var frame = new Mat(SIDE, SIDE, CV_8UC3)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            recorder.setVideoQuality(3);
            // one encoder thread per video: the videos are already written in parallel, and the bytes stay fixed
            recorder.setVideoOption("threads", "1");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(48_000);
            recorder.start();
            int written = 0;
            for (int k = 0; k < scene.frames(); k++) {
                scene.draw(frame, k);
                recorder.record(converter.convert(frame), avutil.AV_PIX_FMT_RGB24);
                // the sound of frame k's duration, right after its picture, so the muxer interleaves evenly
                int upTo = (int) ((long) (k + 1) * SAMPLE_RATE / FPS);
                recorder.recordSamples(SAMPLE_RATE, 1, FloatBuffer.wrap(scene.sound(), written, upTo - written));
                written = upTo;
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new UncheckedIOException(new IOException("FFmpeg could not write " + file + ": " + e.getMessage(), e));
        }
    }

    /** Everything random about one video of {@link Variant#KINDS}, drawn up front; frames are drawn from it by index. */
    static final class KindScene implements Scene {
        private final double[] background;
        private final double[] drift; // x, y, vx, vy of the silent disc, pixels and pixels per frame
        private final boolean[] flash = new boolean[FRAMES];
        private final double[][] ball = new double[FRAMES][]; // ball centre per frame
        private final int[][] square = new int[FRAMES][]; // x, y of the square per frame, or null
        private final double[] colour;
        private final float[] sound = new float[SAMPLES];
        private final java.util.TreeSet<Integer> onsetFrames = new java.util.TreeSet<>();

        KindScene(Event event, Rng rng) {
            this.background = new double[] {rng.uniform(10, 90), rng.uniform(10, 90), rng.uniform(10, 90)};
            this.colour = new double[] {rng.uniform(120, 255), rng.uniform(120, 255), rng.uniform(120, 255)};
            this.drift = new double[] {rng.uniform(0, SIDE), rng.uniform(0, SIDE), rng.uniform(-1, 1), rng.uniform(-1, 1)};
            switch (event) {
                case FLASH -> planFlashes(rng);
                case BOUNCE -> planBounces(rng);
                case APPEAR -> planSquares(rng);
            }
        }

        /** 3 to 6 flashes, at least 8 frames apart. */
        private void planFlashes(Rng rng) {
            int count = 3 + rng.nextInt(4);
            int k = 2 + rng.nextInt(6);
            for (int i = 0; i < count && k < FRAMES - 2; i++) {
                flash[k] = true;
                flash[k + 1] = true;
                addClick(k, rng);
                k += 8 + rng.nextInt(FRAMES / count);
            }
        }

        /** A ball at 40–90 px/s from a random place; a hit sounds at the first frame after the wall. */
        private void planBounces(Rng rng) {
            double radius = 5;
            double x = rng.uniform(radius, SIDE - radius);
            double y = rng.uniform(radius, SIDE - radius);
            double angle = rng.uniform(0, 2 * Math.PI);
            double speed = rng.uniform(40, 90) / FPS;
            double vx = speed * Math.cos(angle);
            double vy = speed * Math.sin(angle);
            for (int k = 0; k < FRAMES; k++) {
                if (k > 0) {
                    x += vx;
                    y += vy;
                    boolean side = x < radius || x > SIDE - radius;
                    boolean floor = y < radius || y > SIDE - radius;
                    if (side) {
                        vx = -vx;
                        x = x < radius ? 2 * radius - x : 2 * (SIDE - radius) - x;
                    }
                    if (floor) {
                        vy = -vy;
                        y = y < radius ? 2 * radius - y : 2 * (SIDE - radius) - y;
                    }
                    if (side || floor) {
                        addRing(k, side ? 1320 : 660, 0.08);
                    }
                }
                ball[k] = new double[] {x, y};
            }
        }

        /** 2 to 4 squares of 4–8 frames each, with a tone whose pitch rises with the square's height. */
        private void planSquares(Rng rng) {
            int count = 2 + rng.nextInt(3);
            int k = 1 + rng.nextInt(8);
            for (int i = 0; i < count && k < FRAMES - 4; i++) {
                int frames = Math.min(4 + rng.nextInt(5), FRAMES - k);
                int sx = rng.nextInt(SIDE - 16);
                int sy = rng.nextInt(SIDE - 16);
                for (int f = k; f < k + frames; f++) {
                    square[f] = new int[] {sx, sy};
                }
                double hz = 300 + 1200 * (1 - sy / (double) (SIDE - 16));
                addTone(k, frames, hz);
                k += frames + 3 + rng.nextInt(12);
            }
        }

        /** The first sample of frame k, where a sound starting at that frame starts; the frame is an onset. */
        private int onsetAt(int frame) {
            onsetFrames.add(frame);
            return (int) ((long) frame * SAMPLE_RATE / FPS);
        }

        /** A 15 ms burst of decaying noise from frame k's time. */
        private void addClick(int frame, Rng rng) {
            int start = onsetAt(frame);
            int length = (int) (0.015 * SAMPLE_RATE);
            for (int i = 0; i < length && start + i < SAMPLES; i++) {
                sound[start + i] += (float) (0.8 * Math.exp(-i / (0.004 * SAMPLE_RATE)) * (2 * rng.uniform() - 1));
            }
        }

        /** A struck tone: sudden onset at frame k's time, exponential decay. */
        private void addRing(int frame, double hz, double seconds) {
            int start = onsetAt(frame);
            int length = (int) (seconds * SAMPLE_RATE);
            for (int i = 0; i < length && start + i < SAMPLES; i++) {
                double t = i / (double) SAMPLE_RATE;
                sound[start + i] += (float) (0.6 * Math.exp(-t / (seconds / 4)) * Math.sin(2 * Math.PI * hz * t));
            }
        }

        /** A steady tone over the given frames, with 5 ms fades so that it does not click. */
        private void addTone(int frame, int frames, double hz) {
            int start = onsetAt(frame);
            int length = (int) ((long) (frame + frames) * SAMPLE_RATE / FPS) - start;
            int fade = (int) (0.005 * SAMPLE_RATE);
            for (int i = 0; i < length && start + i < SAMPLES; i++) {
                double envelope = Math.min(1, Math.min(i, length - 1 - i) / (double) fade);
                sound[start + i] += (float) (0.4 * envelope * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
            }
        }

        @Override
        public int frames() {
            return FRAMES;
        }

        @Override
        public float[] sound() {
            return sound;
        }

        @Override
        public List<Double> soundOnsets() {
            return onsetFrames.stream().map(k -> k / (double) FPS).toList();
        }

        @Override
        public void draw(Mat frame, int k) {
            double[] fill = flash[k] ? FLASH_RGB : background;
            int dx = (int) Math.floorMod(Math.round(drift[0] + drift[2] * k), SIDE);
            int dy = (int) Math.floorMod(Math.round(drift[1] + drift[3] * k), SIDE);
            try (var ground = new Scalar(fill[0], fill[1], fill[2], 0);
                    var grey = new Scalar(128, 128, 128, 0);
                    var paint = new Scalar(colour[0], colour[1], colour[2], 0);
                    var disc = new Point(dx, dy)) {
                frame.put(ground);
                circle(frame, disc, 7, grey, FILLED, LINE_AA, 0);
                if (ball[k] != null) {
                    try (var centre = new Point((int) Math.round(ball[k][0]), (int) Math.round(ball[k][1]))) {
                        circle(frame, centre, 5, paint, FILLED, LINE_AA, 0);
                    }
                }
                if (square[k] != null) {
                    try (var from = new Point(square[k][0], square[k][1]);
                            var to = new Point(square[k][0] + 15, square[k][1] + 15)) {
                        rectangle(frame, from, to, paint, FILLED, LINE_AA, 0);
                    }
                }
            }
        }
    }
}
