package dev.viewpair.datasets.synth;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthAvTest {
    private static final int SIZE = 32;

    @TempDir
    static Path dir;

    static Path manifest;
    static List<String[]> rows;
    static int progressCalls;
    static int lastProgress;

    @BeforeAll
    static void generate() throws IOException {
        var calls = new AtomicInteger();
        var highest = new AtomicInteger();
        manifest = SynthAv.generate(dir.resolve("a"), SIZE, 7, 2, done -> {
            calls.incrementAndGet();
            highest.accumulateAndGet(done, Math::max);
        });
        progressCalls = calls.get();
        lastProgress = highest.get();
        rows = Files.readAllLines(manifest).stream().skip(1).map(line -> line.split(",")).toList();
    }

    @Test
    void writesAManifestRowPerSampleAndReportsProgress() throws IOException {
        assertEquals("id,image,audio,label", Files.readAllLines(manifest).get(0));
        assertEquals(SIZE, rows.size());
        assertEquals(SIZE, progressCalls);
        assertEquals(SIZE, lastProgress);
        assertEquals(SIZE, rows.stream().map(r -> r[0]).distinct().count(), "ids are unique");
    }

    @Test
    void everyCategoryAppearsEquallyOften() {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r[3], TreeMap::new, Collectors.counting()));
        var expected = Category.all().stream().map(Category::label).sorted().toList();
        assertEquals(expected, List.copyOf(counts.keySet()));
        counts.values().forEach(n -> assertEquals(SIZE / 8, n));
    }

    @Test
    void imagesArePngAndJpegThatOpenCvDecodes() throws IOException {
        int png = 0;
        int jpeg = 0;
        for (var row : rows) {
            var file = manifest.getParent().resolve(row[1]);
            byte[] head = Arrays.copyOf(Files.readAllBytes(file), 4);
            if (row[1].endsWith(".png")) {
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, file.toString());
                png++;
            } else {
                assertTrue(row[1].endsWith(".jpg"), row[1]);
                assertEquals((byte) 0xFF, head[0]);
                assertEquals((byte) 0xD8, head[1]);
                jpeg++;
            }
            try (var image = imread(file.toString(), IMREAD_COLOR)) {
                assertFalse(image.empty(), "OpenCV decodes " + file);
                assertEquals(SynthAv.IMAGE_SIZE, image.rows());
                assertEquals(SynthAv.IMAGE_SIZE, image.cols());
                assertEquals(3, image.channels());
            }
        }
        assertEquals(SIZE / 2, png);
        assertEquals(SIZE / 2, jpeg);
    }

    @Test
    void clipsAreWavAndFlacOf2To4SecondsMono16kHz() throws IOException {
        var formats = new TreeMap<String, Integer>();
        for (var row : rows) {
            var file = manifest.getParent().resolve(row[2]);
            var clip = decode(file);
            assertEquals(SynthAv.SAMPLE_RATE, clip.rate, file.toString());
            assertEquals(1, clip.channels, file.toString());
            double seconds = clip.samples.length / (double) clip.rate;
            assertTrue(seconds >= 2 && seconds <= 4, file + " lasts " + seconds + " s");
            formats.merge(clip.codec, 1, Integer::sum);
        }
        assertEquals(Map.of("pcm_s16le", SIZE / 2, "flac", SIZE / 2), formats);
    }

    /**
     * Warm clips flutter: their loudness swings at 14–18 Hz inside every event, cool clips hold it steady.
     * Recomputed here from the decoded samples, in every 1-second window.
     */
    @Test
    void warmClipsHaveTremoloAndCoolClipsDoNot() throws IOException {
        for (var row : rows) {
            var clip = decode(manifest.getParent().resolve(row[2]));
            boolean warm = row[3].endsWith("-warm");
            for (int start = 0; start + SynthAv.SAMPLE_RATE <= clip.samples.length; start += SynthAv.SAMPLE_RATE / 2) {
                double ratio = flutterRatio(Arrays.copyOfRange(clip.samples, start, start + SynthAv.SAMPLE_RATE));
                assertTrue(warm ? ratio > 0.85 : ratio < 0.85, row[0] + " " + row[3] + " at " + start + ": flutter ratio " + ratio);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws IOException {
        var again = SynthAv.generate(dir.resolve("b"), SIZE, 7, 1, done -> {});
        assertArrayEquals(Files.readAllBytes(manifest), Files.readAllBytes(again));
        for (var row : rows.subList(0, 6)) {
            for (var file : List.of(row[1], row[2])) {
                assertArrayEquals(Files.readAllBytes(manifest.resolveSibling(file)), Files.readAllBytes(again.resolveSibling(file)), file);
            }
        }
    }

    @Test
    void anotherSeedGivesOtherContent() throws IOException {
        var other = SynthAv.generate(dir.resolve("c"), 4, 8, 2, done -> {});
        for (var row : rows.subList(0, 4)) {
            for (var file : List.of(row[1], row[2])) {
                assertFalse(Arrays.equals(Files.readAllBytes(manifest.resolveSibling(file)), Files.readAllBytes(other.resolveSibling(file))), file);
            }
        }
    }

    private record Clip(short[] samples, int rate, int channels, String codec) {}

    private static Clip decode(Path file) throws IOException {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            var chunks = new ArrayList<short[]>();
            for (var frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                var buffer = (ShortBuffer) frame.samples[0];
                var chunk = new short[buffer.remaining()];
                buffer.get(chunk);
                chunks.add(chunk);
            }
            var all = new short[chunks.stream().mapToInt(c -> c.length).sum()];
            int at = 0;
            for (var chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            var clip = new Clip(all, grabber.getSampleRate(), grabber.getAudioChannels(), grabber.getAudioCodecName());
            grabber.stop();
            return clip;
        }
    }

    /**
     * Power of the loudness envelope (RMS of 4 ms frames) at 13–19 Hz, relative to its power at 20–40 Hz
     * plus 6–12 Hz, where tone onsets and vibrato put theirs.
     */
    private static double flutterRatio(short[] window) {
        int frame = 64;
        int frames = window.length / frame;
        var envelope = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += (double) window[i] * window[i];
            }
            envelope[f] = Math.sqrt(sum / frame);
        }
        double mean = Arrays.stream(envelope).average().orElse(0);
        Function<int[], Double> band = range -> {
            double power = 0;
            for (int hz = range[0]; hz <= range[1]; hz++) {
                double re = 0;
                double im = 0;
                for (int f = 0; f < frames; f++) {
                    double angle = 2 * Math.PI * hz * f / frames;
                    re += (envelope[f] - mean) * Math.cos(angle);
                    im += (envelope[f] - mean) * Math.sin(angle);
                }
                power += re * re + im * im;
            }
            return power / (range[1] - range[0] + 1);
        };
        return band.apply(new int[] {13, 19}) / (band.apply(new int[] {6, 12}) + band.apply(new int[] {20, 40}));
    }
}
