package dev.viewpair.views.video;

import static dev.viewpair.views.video.TestVideos.RATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.audio.io.PcmFrames;
import dev.viewpair.views.video.io.Video;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One decode per sample shared by all its views: audio windows cut from the once-decoded track against windows
 * decoded each after its own seek (as every view did before), frames read on from an earlier read against frames
 * read by a fresh seek, the sound and the frames of one open container against separate opens, and long tracks
 * decoded in blocks against the track decoded straight through.
 */
class SharedDecodeTest {
    private static final double[] CLICKS = {0.5, 1.234, 2.05, 3.61};
    /** Samples in one AAC frame. */
    private static final int AAC_FRAME = 1024;

    @TempDir
    Path dir;

    @Test
    void losslessSoundAtItsOwnRateIsIdenticalToDecodingEachWindowAfterASeek() throws Exception {
        var file = TestVideos.write(dir.resolve("pcm.avi"), CLICKS, true);
        for (int rate : new int[] {RATE, RATE / 2}) {
            try (var video = Video.open(file)) {
                for (double start : starts(40, 7)) {
                    assertArrayEquals(seekAndDecode(file, start, 0.5, rate), video.audioWindow(start, 0.5, rate).samples(),
                            "window at " + start + " s, " + rate + " Hz");
                }
            }
        }
    }

    /**
     * AAC decodes each frame with the second half of the frame before it (overlapped MDCT): after a seek the first
     * frame has no predecessor and comes out wrong. The shared track is decoded straight through, so it differs
     * from a window decoded after its own seek in that one frame only — and there it is the closer to the sound
     * that was written.
     */
    @Test
    void aacWindowsDifferFromSeekingEachOnlyInTheFirstFrameAfterTheSeekWhereTheyAreTruer() throws Exception {
        var file = TestVideos.write(dir.resolve("aac.mp4"), CLICKS, true);
        float[] written = TestVideos.sound(CLICKS);
        double sharedError = 0;
        double seekingError = 0;
        int differing = 0;
        try (var video = Video.open(file)) {
            for (double start : starts(40, 11)) {
                float[] shared = video.audioWindow(start, 0.5, RATE).samples();
                float[] seeking = seekAndDecode(file, start, 0.5, RATE);
                // the seek lands on the frame holding the start, which begins at most one frame before it
                int from = (int) Math.round(start * RATE);
                int trackStart = Math.max(from, 0);
                int pastTheSeekFrame = Math.max(0, trackStart - from) + AAC_FRAME;
                assertArrayEquals(Arrays.copyOfRange(seeking, pastTheSeekFrame, seeking.length),
                        Arrays.copyOfRange(shared, pastTheSeekFrame, shared.length), "window at " + start + " s");
                if (!Arrays.equals(shared, seeking)) {
                    differing++;
                }
                for (int i = Math.max(0, -from); i < Math.min(pastTheSeekFrame, written.length - from); i++) {
                    sharedError += square(shared[i] - written[from + i]);
                    seekingError += square(seeking[i] - written[from + i]);
                }
            }
        }
        assertTrue(differing > 0, "some seeks land mid-frame");
        assertTrue(sharedError < seekingError / 4, "decoded through: " + sharedError + ", after a seek: " + seekingError);
    }

    @Test
    void windowsAtAnyRateAgreeSampleForSampleWhereTheyOverlap() throws Exception {
        // a window decoded after its own seek starts the resampler afresh at the seek's frame, whose time is rarely
        // on the output rate's grid: its samples sit up to a sample off those of a window seeking elsewhere
        var file = TestVideos.write(dir.resolve("aac.mp4"), CLICKS, true);
        int rate = 22050;
        try (var video = Video.open(file)) {
            var whole = video.audioWindow(0, TestVideos.SECONDS + 1, rate).samples();
            for (double start : starts(20, 3)) {
                float[] window = video.audioWindow(start, 0.5, rate).samples();
                int from = (int) Math.round(start * rate);
                for (int i = 0; i < window.length; i++) {
                    float expected = from + i >= 0 && from + i < whole.length ? whole[from + i] : 0f;
                    assertEquals(expected, window[i], 0f, "sample " + i + " of the window at " + start + " s");
                }
            }
        }
    }

    @Test
    void aWindowIsTheSameWhateverWasReadBeforeIt() throws Exception {
        var file = TestVideos.write(dir.resolve("aac.mp4"), CLICKS, true);
        var starts = starts(12, 5);
        var first = new ArrayList<float[]>();
        for (double start : starts) {
            try (var video = Video.open(file)) {
                first.add(video.audioWindow(start, 0.5, RATE).samples());
            }
        }
        try (var video = Video.open(file)) {
            for (int k = starts.length - 1; k >= 0; k--) {
                video.audioWindow(starts[k] + 0.3, 0.25, 22050);
                assertArrayEquals(first.get(k), video.audioWindow(starts[k], 0.5, RATE).samples());
            }
        }
    }

    @Test
    void framesReadOnFromAnEarlierReadAreTheFramesAFreshSeekGives() throws Exception {
        var file = TestVideos.write(dir.resolve("aac.mp4"), CLICKS, true);
        // steps forward inside the step-forward reach and past it, then backwards, across keyframes (one a second)
        double[][] reads = {{0.35, 0.45}, {0.55, 0.95}, {1.05}, {1.7, 1.8, 1.9}, {3.2, 3.5}, {0.2}, {0.25, 3.95}};
        try (var video = Video.open(file)) {
            for (double[] times : reads) {
                var frames = video.framesAt(times, 24, 24);
                for (int k = 0; k < times.length; k++) {
                    try (var fresh = Video.open(file); var alone = fresh.frameAt(times[k], 24, 24); var read = frames.get(k)) {
                        assertEquals(0, opencv_core.norm(alone, read, opencv_core.NORM_INF, new Mat()), 0.0, "t = " + times[k]);
                    }
                }
            }
        }
    }

    /**
     * One open container serves a video's frames and its sound: the sound read after frames (the container seeked
     * back to its start) and before any is, sample for sample, the track that a separate grabber decodes straight
     * through, at the track's rate and resampled; and frames read after the sound (the container at its end) are
     * those of a video that read no sound.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aac.mp4", "pcm.avi"})
    void oneOpenServesTheFramesAndTheSoundAsSeparateOpensDo(String name) throws Exception {
        var file = TestVideos.write(dir.resolve(name), CLICKS, true);
        double[] times = {1.15, 1.25, 2.5, 3.95};
        for (int rate : new int[] {RATE, 11_025}) {
            float[] through = decodeThrough(file, rate);
            int length = Audio.samplesIn(0.5, rate);
            for (boolean framesFirst : new boolean[] {true, false}) {
                try (var video = Video.open(file); var picturesOnly = Video.open(file)) {
                    if (framesFirst) {
                        video.framesAt(times, 24, 24).forEach(Mat::close);
                    }
                    for (double start : starts(12, 3)) {
                        int from = (int) Math.round(start * rate);
                        var expected = new float[length];
                        for (int i = Math.max(0, -from); i < length && from + i < through.length; i++) {
                            expected[i] = through[from + i];
                        }
                        assertArrayEquals(expected, video.audioWindow(start, 0.5, rate).samples(),
                                name + ", window at " + start + " s, " + rate + " Hz, frames read first: " + framesFirst);
                    }
                    var after = video.framesAt(times, 24, 24);
                    var alone = picturesOnly.framesAt(times, 24, 24);
                    for (int k = 0; k < times.length; k++) {
                        try (var a = after.get(k); var b = alone.get(k)) {
                            assertEquals(0, opencv_core.norm(a, b, opencv_core.NORM_INF, new Mat()), 0.0, name + ", t = " + times[k]);
                        }
                    }
                }
            }
        }
    }

    /** Past {@value AudioTimeline#WHOLE_SECONDS} s the track is decoded in blocks; windows across their edges. */
    @Test
    void aLongTrackDecodedInBlocksIsTheTrackDecodedStraightThrough() throws Exception {
        double seconds = AudioTimeline.WHOLE_SECONDS + 3;
        double[] clicks = {9.99, 20.004, 31.5};
        var lossless = TestVideos.write(dir.resolve("long.avi"), clicks, true, seconds);
        var coded = TestVideos.write(dir.resolve("long.mp4"), clicks, true, seconds);
        float[] written = TestVideos.sound(clicks, seconds);
        double edge = AudioTimeline.BLOCK_SECONDS;
        double[] starts = {2 * edge - 0.2, edge - 0.25, 3.0, 2 * edge + 0.01, edge - 0.5, 31.3, seconds - 0.2};
        float[] through = decodeThrough(coded, RATE);
        try (var pcm = Video.open(lossless); var aac = Video.open(coded)) {
            for (double start : starts) {
                int from = (int) Math.round(start * RATE);
                float[] expected = Arrays.copyOf(Arrays.copyOfRange(written, from, Math.min(written.length, from + RATE / 2)), RATE / 2);
                assertArrayEquals(expected, pcm.audioWindow(start, 0.5, RATE).samples(), 1f / 32768 + 1e-6f, "PCM at " + start + " s");
                float[] expectedCoded = Arrays.copyOf(Arrays.copyOfRange(through, from, Math.min(through.length, from + RATE / 2)), RATE / 2);
                assertArrayEquals(expectedCoded, aac.audioWindow(start, 0.5, RATE).samples(), "AAC at " + start + " s");
            }
        }
    }

    /** Window starts over the test video, some before its start, some running past its end. */
    private static double[] starts(int count, long seed) {
        var random = new Random(seed);
        var out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = -0.3 + random.nextDouble() * (TestVideos.SECONDS + 0.1);
        }
        return out;
    }

    /** A window as each view decoded it before: a fresh grabber, a seek to its start, then decoding on. */
    private static float[] seekAndDecode(Path file, double start, double seconds, int rate) throws Exception {
        var out = new float[(int) Math.round(seconds * rate)];
        try (var grabber = audioGrabber(file, rate)) {
            grabber.setAudioTimestamp(Math.round(Math.max(start, 0) * 1e6));
            Frame frame = grabber.grabSamples();
            long position = frame == null ? 0 : Math.round((frame.timestamp / 1e6 - start) * rate);
            for (; frame != null && position < out.length; frame = grabber.grabSamples()) {
                int n = PcmFrames.length(frame);
                long first = Math.max(position, 0);
                long end = Math.min(position + n, out.length);
                if (end > first) {
                    PcmFrames.copyMono(frame, (int) (first - position), (int) (end - first), out, (int) first);
                }
                position += n;
            }
        }
        return out;
    }

    /** The whole track at {@code rate}, decoded from the start without a seek by a grabber of its own. */
    private static float[] decodeThrough(Path file, int rate) throws Exception {
        List<float[]> frames = new ArrayList<>();
        int total = 0;
        try (var grabber = audioGrabber(file, rate)) {
            for (Frame frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                // resampling delays the samples it gives behind the frames' times: then only the start is checked
                if (rate == RATE || frames.isEmpty()) {
                    assertEquals(total, Math.round(frame.timestamp / 1e6 * RATE), "frames follow each other from time 0");
                }
                var samples = new float[PcmFrames.length(frame)];
                PcmFrames.copyMono(frame, 0, samples.length, samples, 0);
                frames.add(samples);
                total += samples.length;
            }
        }
        var out = new float[total];
        int at = 0;
        for (var f : frames) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    private static FFmpegFrameGrabber audioGrabber(Path file, int rate) throws FrameGrabber.Exception {
        var grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        grabber.setSampleRate(rate);
        grabber.start();
        return grabber;
    }

    private static double square(double x) {
        return x * x;
    }
}
