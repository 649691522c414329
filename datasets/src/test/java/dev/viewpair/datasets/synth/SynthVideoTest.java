package dev.viewpair.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.video.io.Video;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthVideoTest {
    private static final int SIZE = 6;

    @TempDir
    static Path dir;

    private static Path manifest;
    private static List<String[]> rows;

    @BeforeAll
    static void generate() throws Exception {
        var progress = new AtomicInteger();
        manifest = SynthVideo.generate(dir.resolve("a"), SIZE, 42, 2, done -> progress.accumulateAndGet(done, Math::max));
        assertEquals(SIZE, progress.get());
        var lines = Files.readAllLines(manifest);
        assertEquals("id,video,label,onsets", lines.get(0));
        rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    @Test
    void everyVideoDecodesWithSoundAndTheLabelsAreBalanced() {
        assertEquals(SIZE, rows.size());
        for (var row : rows) {
            try (var video = Video.open(dir.resolve("a").resolve(row[1]))) {
                assertEquals(SynthVideo.SECONDS, video.durationSeconds(), 0.1, row[1]);
                assertEquals(SynthVideo.FPS, video.frameRate(), 1e-6);
                assertEquals(SynthVideo.SIDE, video.width());
                assertTrue(video.hasAudio());
                try (var frame = video.frameAt(2.0, 0, 0)) {
                    assertEquals(opencv_core.CV_8UC3, frame.type());
                }
            }
        }
        Map<String, Long> perLabel = rows.stream().collect(Collectors.groupingBy(r -> r[2], Collectors.counting()));
        assertEquals(Map.of("flash", 2L, "bounce", 2L, "appear", 2L), perLabel);
    }

    @Test
    void theSameSizeAndSeedGiveTheSameBytesWhateverTheThreads() throws Exception {
        SynthVideo.generate(dir.resolve("b"), SIZE, 42, 1, done -> {});
        SynthVideo.generate(dir.resolve("c"), SIZE, 43, 1, done -> {});
        assertArrayEquals(Files.readAllBytes(manifest), Files.readAllBytes(dir.resolve("b").resolve(SynthVideo.MANIFEST)));
        boolean anyDiffers = false;
        for (var row : rows) {
            byte[] first = Files.readAllBytes(dir.resolve("a").resolve(row[1]));
            assertArrayEquals(first, Files.readAllBytes(dir.resolve("b").resolve(row[1])), row[1]);
            anyDiffers |= !java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("c").resolve(row[1])));
        }
        assertTrue(anyDiffers, "another seed gives other videos");
    }

    @Test
    void aFlashIsHeardAtTheFrameThatShowsIt() {
        var flashes = rows.stream().filter(r -> r[2].equals("flash")).toList();
        assertFalse(flashes.isEmpty());
        for (var row : flashes) {
            try (var video = Video.open(dir.resolve("a").resolve(row[1]))) {
                var bright = frames(video, m -> opencv_core.mean(m).get(0) > 180);
                var onsets = new ArrayList<Integer>();
                for (int k = 0; k < bright.size(); k++) {
                    if (bright.get(k) && (k == 0 || !bright.get(k - 1))) {
                        onsets.add(k);
                    }
                }
                assertTrue(onsets.size() >= 3, row[1] + " flashes " + onsets.size() + " times");
                // the manifest lists the flashes' frame times
                assertEquals(onsets.stream().map(k -> String.format(java.util.Locale.ROOT, "%.4f", k / (double) SynthVideo.FPS))
                        .toList(), List.of(row[3].split(";")), row[1]);
                for (int k : onsets) {
                    double t = k / (double) SynthVideo.FPS;
                    var window = video.audioWindow(t - 0.05, 0.1, SynthVideo.SAMPLE_RATE).samples();
                    int onset = firstAbove(window, 0.2);
                    // the click starts at the flash's frame time: 50 ms into the window, within a few ms
                    assertEquals(0.05, onset / (double) SynthVideo.SAMPLE_RATE, 0.004, row[1] + " flash at frame " + k);
                }
                // and between flashes it is silent: the middle of the longest gap
                int gapStart = 0;
                int gapLength = 0;
                for (int i = 0; i + 1 < onsets.size(); i++) {
                    if (onsets.get(i + 1) - onsets.get(i) > gapLength) {
                        gapStart = onsets.get(i);
                        gapLength = onsets.get(i + 1) - onsets.get(i);
                    }
                }
                double middle = (gapStart + gapLength / 2.0) / SynthVideo.FPS;
                var quiet = video.audioWindow(middle - 0.05, 0.1, SynthVideo.SAMPLE_RATE).samples();
                assertEquals(-1, firstAbove(quiet, 0.05), row[1] + " between flashes at " + middle + " s");
            }
        }
    }

    /** The timing variant: every listed onset is a seen source's pulse, heard from its frame. */
    @Test
    void theTimingVariantListsItsOnsetsAndEachIsSeenAndHeardAtTheSameFrame() throws Exception {
        var out = dir.resolve("timing");
        var lines = Files.readAllLines(SynthVideo.generate(out, 3, 5, SynthVideo.Variant.TIMING, 2, done -> {}));
        assertEquals("id,video,label,onsets", lines.get(0));
        int heard = 0;
        for (var line : lines.subList(1, lines.size())) {
            var row = line.split(",", -1);
            var scene = new EventScene(EventScene.Tempo.valueOf(row[2].toUpperCase(java.util.Locale.ROOT)),
                    dev.viewpair.views.Rng.forView(5, -1, row[0], "synth-video-timing"));
            var listed = java.util.Arrays.stream(row[3].split(";")).map(Double::parseDouble).toList();
            assertEquals(scene.soundOnsets().stream().map(t -> Math.round(t * 1e4) / 1e4).toList(), listed, row[0]);
            assertTrue(scene.pulsers.stream().filter(EventScene.Pulser::sounds).count() >= 2, row[0]);
            try (var video = Video.open(out.resolve(row[1]))) {
                assertEquals(EventScene.SECONDS, video.durationSeconds(), 0.1, row[1]);
                var frames = new ArrayList<org.bytedeco.opencv.opencv_core.Mat>();
                int count = EventScene.FRAMES;
                var times = new double[count];
                for (int k = 0; k < count; k++) {
                    times[k] = (k + 0.5) / SynthVideo.FPS;
                }
                frames.addAll(video.framesAt(times, 0, 0));
                for (var p : scene.pulsers) {
                    for (int k : p.onsets()) {
                        // seen: the source's centre brightens from its dim level at the onset frame
                        double before = centre(frames.get(k - 1 < 0 ? k + EventScene.PULSE_FRAMES : k - 1), p);
                        assertTrue(centre(frames.get(k), p) > before + 40, row[0] + " pulse at frame " + k);
                    }
                    if (!p.sounds()) {
                        continue;
                    }
                    for (int k : p.onsets()) {
                        double t = k / (double) SynthVideo.FPS;
                        if (!quietBefore(scene, t, 0.3)) {
                            continue; // another sound still rings: the onset cannot be read off the track
                        }
                        var window = video.audioWindow(t - 0.05, 0.1, SynthVideo.SAMPLE_RATE).samples();
                        int onset = firstAbove(window, 0.05);
                        // heard from the pulse's frame time: 50 ms into the window, within a frame (67 ms); AAC may
                        // smear a sharp attack over one short block (256 samples, 16 ms) before it
                        assertEquals(0.05, onset / (double) SynthVideo.SAMPLE_RATE, 0.016, row[0] + " sound at frame " + k);
                        heard++;
                    }
                }
                frames.forEach(org.bytedeco.opencv.opencv_core.Mat::close);
            }
        }
        assertTrue(heard >= 5, "onsets checked on the sound track: " + heard);
    }

    /** The mean of the 3×3 pixels at a pulser's centre, over the channels. */
    private static double centre(org.bytedeco.opencv.opencv_core.Mat frame, EventScene.Pulser p) {
        try (var roi = new org.bytedeco.opencv.opencv_core.Rect(p.x() - 1, p.y() - 1, 3, 3); var patch = frame.apply(roi)) {
            var m = opencv_core.mean(patch);
            return (m.get(0) + m.get(1) + m.get(2)) / 3;
        }
    }

    /** Whether no sound of the scene starts in the {@code seconds} before t. */
    private static boolean quietBefore(EventScene scene, double t, double seconds) {
        var starts = new ArrayList<Double>(scene.offscreen);
        scene.pulsers.stream().filter(EventScene.Pulser::sounds)
                .forEach(p -> p.onsets().forEach(k -> starts.add(k / (double) SynthVideo.FPS)));
        return starts.stream().noneMatch(s -> s < t - 1e-9 && s > t - seconds);
    }

    private static List<Boolean> frames(Video video, Function<org.bytedeco.opencv.opencv_core.Mat, Boolean> test) {
        int count = (int) Math.round(video.durationSeconds() * video.frameRate());
        var times = new double[count];
        for (int k = 0; k < count; k++) {
            times[k] = (k + 0.5) / video.frameRate();
        }
        var out = new ArrayList<Boolean>();
        for (var frame : video.framesAt(times, 0, 0)) {
            try (frame) {
                out.add(test.apply(frame));
            }
        }
        return out;
    }

    private static int firstAbove(float[] x, double level) {
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > level) {
                return i;
            }
        }
        return -1;
    }
}
