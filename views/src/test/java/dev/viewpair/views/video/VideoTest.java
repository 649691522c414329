package dev.viewpair.views.video;

import static dev.viewpair.views.video.TestVideos.FPS;
import static dev.viewpair.views.video.TestVideos.FRAMES;
import static dev.viewpair.views.video.TestVideos.RATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.video.io.Video;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoTest {
    private static final double[] CLICKS = {0.5, 1.234, 2.05, 3.61};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"coded.mp4", "coded.avi"})
    void probesTheContainer(String name) throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve(name), CLICKS, true))) {
            assertEquals(4.0, video.durationSeconds(), 0.05);
            assertEquals(FPS, video.frameRate(), 1e-6);
            assertEquals(TestVideos.SIZE, video.width());
            assertEquals(TestVideos.SIZE, video.height());
            assertTrue(video.hasAudio());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"coded.mp4", "coded.avi"})
    void everyFrameComesBackAtItsTimeInAnyOrder(String name) throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve(name), CLICKS, true))) {
            // backwards and forwards, across keyframes (one each second), at a frame's start and its middle
            int[] order = {37, 2, 39, 0, 10, 9, 11, 25, 24, 1, 30, 19, 20};
            for (int i : order) {
                for (double t : new double[] {i / (double) FPS, (i + 0.5) / FPS, (i + 0.99) / FPS}) {
                    try (var frame = video.frameAt(t, 0, 0)) {
                        assertEquals(opencv_core.CV_8UC3, frame.type());
                        assertEquals(i, TestVideos.indexOf(frame, 0), "frame at " + t + " s");
                    }
                }
            }
        }
    }

    @Test
    void timesOutsideTheVideoGiveItsFirstAndLastFrame() throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true));
                var before = video.frameAt(-2, 0, 0);
                var after = video.frameAt(99, 0, 0)) {
            assertEquals(0, TestVideos.indexOf(before, 0));
            assertEquals(FRAMES - 1, TestVideos.indexOf(after, 0));
        }
    }

    @Test
    void readingForwardAgreesWithSeekingEachFrame() throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true))) {
            double[] times = {0.33, 0.41, 0.41, 0.95, 1.0, 2.7, 3.99};
            var frames = video.framesAt(times, 24, 24);
            for (int k = 0; k < times.length; k++) {
                try (var alone = video.frameAt(times[k], 24, 24); var read = frames.get(k)) {
                    assertEquals(24, read.rows());
                    assertEquals((int) Math.floor(times[k] * FPS + 1e-9), TestVideos.indexOf(read, 0), "t = " + times[k]);
                    assertEquals(0, opencv_core.norm(alone, read, opencv_core.NORM_INF, new Mat()), 0.0);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> video.framesAt(new double[] {1.0, 0.5}, 0, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"coded.mp4", "coded.avi"})
    void anAudioWindowHoldsTheClickWrittenAtItsTime(String name) throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve(name), CLICKS, true))) {
            for (double click : CLICKS) {
                for (int rate : new int[] {RATE, 22050}) {
                    double start = click - 0.3;
                    var window = video.audioWindow(start, 0.5, rate);
                    assertEquals(Math.round(0.5 * rate), window.samples().length);
                    assertEquals(rate, window.sampleRate());
                    double found = start + TestVideos.peak(window.samples()) / (double) rate;
                    assertEquals(click, found, 0.003, "click written at " + click + " s, " + name + ", " + rate + " Hz");
                    assertTrue(Math.abs(window.samples()[TestVideos.peak(window.samples())]) > 0.5);
                }
            }
        }
    }

    @Test
    void anAudioWindowMatchesTheWrittenSoundSampleForSample() throws Exception {
        // PCM in AVI is lossless and already at 16 kHz: the window is the written sound itself
        try (var video = Video.open(TestVideos.write(dir.resolve("coded.avi"), CLICKS, true))) {
            float[] written = TestVideos.sound(CLICKS);
            var window = video.audioWindow(1.7, 0.25, RATE);
            var expected = Arrays.copyOfRange(written, (int) (1.7 * RATE), (int) (1.7 * RATE) + 4000);
            assertArrayEquals(expected, window.samples(), 1f / 32768 + 1e-6f);
        }
    }

    @Test
    void windowsRunningPastEitherEndAreZeroPaddedToTheirLength() throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve("coded.avi"), CLICKS, true))) {
            var early = video.audioWindow(-0.25, 0.5, RATE).samples();
            assertEquals(8000, early.length);
            assertTrue(isSilent(early, 0, 4000));
            assertFalse(isSilent(early, 4000, 8000));

            var late = video.audioWindow(3.75, 0.5, RATE).samples();
            assertEquals(8000, late.length);
            assertFalse(isSilent(late, 0, 4000));
            assertTrue(isSilent(late, 4000, 8000));

            assertTrue(isSilent(video.audioWindow(9, 0.5, RATE).samples(), 0, 8000));
        }
    }

    @Test
    void aVideoWithoutSoundHasNoAudioWindows() throws Exception {
        try (var video = Video.open(TestVideos.write(dir.resolve("mute.mp4"), CLICKS, false))) {
            assertFalse(video.hasAudio());
            var e = assertThrows(MediaException.class, () -> video.audioWindow(0, 1, RATE));
            assertTrue(e.getMessage().contains("mute.mp4") && e.getMessage().contains("no audio"), e.getMessage());
        }
    }

    @Test
    void badFilesAreMediaExceptionsNamingThem() throws Exception {
        var text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video at all, only text pretending to be one\n".repeat(50));
        var empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        var good = TestVideos.write(dir.resolve("whole.mp4"), CLICKS, true);
        byte[] bytes = Files.readAllBytes(good);
        var truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        var missing = dir.resolve("missing.mp4");
        var soundOnly = writeWav(dir.resolve("sound.wav"));

        for (var file : new Path[] {text, empty, truncated, missing, soundOnly}) {
            var e = assertThrows(MediaException.class, () -> Video.open(file).close(), file.toString());
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        }
        var e = assertThrows(MediaException.class, () -> Video.open(soundOnly));
        assertTrue(e.getMessage().contains("no video stream"), e.getMessage());
    }

    @Test
    void aClosedVideoRefusesReads() throws Exception {
        var video = Video.open(TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true));
        video.close();
        assertThrows(IllegalStateException.class, () -> video.frameAt(1, 0, 0));
    }

    private static boolean isSilent(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (x[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Path writeWav(Path file) throws Exception {
        try (var recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("wav");
            recorder.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleRate(RATE);
            recorder.start();
            recorder.recordSamples(RATE, 1, java.nio.FloatBuffer.wrap(TestVideos.sound(new double[0])));
            recorder.stop();
        }
        return file;
    }
}
