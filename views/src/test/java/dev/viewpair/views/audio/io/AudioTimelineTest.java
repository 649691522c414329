package dev.viewpair.views.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio files read by seeking: windows of an {@link AudioTimeline} against the same slices of the whole file's
 * decode ({@link AudioDecoder#decode}), for WAV, FLAC with and without a SEEKTABLE, and AAC in M4A; what a window
 * costs; views through a {@link ViewSet}; short WAV and FLAC files read by window too, and whole for a view that reads
 * all of them; the errors for a view of a long file that does not start with clip and for a corrupt file.
 */
class AudioTimelineTest {
    private static final int RATE = 16_000;
    /** Long enough to be read by seeking, short enough to write quickly. */
    private static final double SECONDS = 150.3;
    private static final int TOTAL = (int) Math.round(SECONDS * RATE);
    /** Window starts: the start, before it, mid-file, across FFmpeg's 10 s block edges, the end, past the end. */
    private static final double[] STARTS = {0, -0.4, 0.7, 33.3, 39.5, 75.01, 119.99, SECONDS - 0.4, SECONDS - 1, SECONDS + 2};

    /** Window lengths in samples: one second, and one that ends mid-frame. */
    private static final int[] LENGTHS = {RATE, 3 * RATE + 17};

    @TempDir
    static Path dir;
    static Path wav;
    static Path flac;
    static Path m4a;

    @BeforeAll
    static void writeFiles() throws Exception {
        // stereo with different channels, so that averaging matters; noise makes every FLAC frame different, and a
        // slow swell makes a window at the wrong time differ from the right one
        float[] left = TestAudio.tone(330, 0.4, RATE, TOTAL);
        float[] right = TestAudio.noise(3, 0.3, TOTAL);
        for (int i = 0; i < TOTAL; i++) {
            left[i] *= (float) (0.5 + 0.5 * Math.sin(2 * Math.PI * i / (7.3 * RATE)));
        }
        wav = write("long.wav", "wav", avcodec.AV_CODEC_ID_PCM_S16LE, Map.of(), left, right);
        flac = write("long.flac", "flac", avcodec.AV_CODEC_ID_FLAC, Map.of(), left, right);
        // without perceptual noise substitution: see aacWindows…
        m4a = write("long.m4a", "ipod", avcodec.AV_CODEC_ID_AAC, Map.of("aac_pns", "0"), left, right);
    }

    private static Path write(String name, String format, int codec, Map<String, String> options, float[] left, float[] right)
            throws Exception {
        var file = dir.resolve(name);
        var interleaved = FloatBuffer.allocate(2 * left.length);
        for (int i = 0; i < left.length; i++) {
            interleaved.put(left[i]).put(right[i]);
        }
        interleaved.flip();
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 2)) {
            recorder.setFormat(format);
            recorder.setAudioCodec(codec);
            recorder.setSampleRate(RATE);
            options.forEach(recorder::setAudioOption);
            recorder.start();
            recorder.recordSamples(RATE, 2, interleaved);
            recorder.stop();
        }
        return file;
    }

    @Test
    void wavWindowsAreTheSlicesOfTheWholeDecodeAndCostOnlyTheirSamples() {
        var whole = AudioDecoder.decode(wav, RATE);
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(wav, RATE));
        assertEquals(whole.durationSeconds(), timeline.durationSeconds(), 0.0, "the data chunk's length");
        assertWindowsEqual(whole, timeline, 0f);
        // a window reads its own samples and no others (the one past the end none)
        assertEquals(inside(), timeline.decodedSamples());
    }

    @Test
    void flacWindowsWithoutASeekTableAreTheSlicesOfTheWholeDecodeAndDecodeOnlyFramesAroundThem() throws Exception {
        assertEquals(0, stream(flac).seekSamples().length, "FFmpeg's FLAC muxer writes no SEEKTABLE");
        var whole = AudioDecoder.decode(flac, RATE);
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(flac, RATE));
        assertEquals(whole.durationSeconds(), timeline.durationSeconds(), 0.0, "STREAMINFO's total samples");
        assertWindowsEqual(whole, timeline, 0f);
        // frames are found by their headers, not by decoding the way there: a window costs at most a frame either side
        int frame = stream(flac).maxBlock();
        assertTrue(timeline.decodedSamples() <= inside() + 2L * frame * 2 * STARTS.length,
                timeline.decodedSamples() + " samples decoded for windows of " + inside());
    }

    @Test
    void flacWindowsWithASeekTableAreTheSlicesOfTheWholeDecode() throws Exception {
        var indexed = withSeekTable(flac, dir.resolve("indexed.flac"), 10);
        assertTrue(stream(indexed).seekSamples().length >= 15);
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(indexed, RATE));
        assertWindowsEqual(AudioDecoder.decode(flac, RATE), timeline, 0f);
    }

    @Test
    void theViewsOfOneSampleDecodeEachFrameOnce() {
        var timeline = (AudioTimeline) AudioDecoder.open(flac, RATE);
        var first = timeline.window(61.2, RATE);
        long cost = timeline.decodedSamples();
        assertArrayEquals(first, timeline.window(61.2, RATE));
        timeline.window(61.5, RATE / 2);
        assertEquals(cost, timeline.decodedSamples(), "windows inside frames decoded before decode nothing");
    }

    /**
     * AAC in M4A through FFmpeg's blocks, each decoded from a seek half a second before it: the decoder is primed
     * by then, and windows agree with the whole decode to float rounding. This file is written without perceptual
     * noise substitution: a band coded as noise is filled from the decoder's running random generator, which a seek
     * starts afresh, so such bands differ after a seek as two draws of the same noise do — same level, other values.
     */
    @Test
    void aacWindowsAgreeWithTheWholeDecodeAndCostAtMostTwoBlocksEach() {
        var whole = AudioDecoder.decode(m4a, RATE);
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(m4a, RATE));
        // the container's duration leaves out the encoder's padding at the end, which whole decoding keeps
        assertEquals(whole.durationSeconds(), timeline.durationSeconds(), 0.1);
        assertWindowsEqual(whole, timeline, 1e-5f);
        long block = Math.round(AudioTimeline.BLOCK_SECONDS * RATE);
        assertTrue(timeline.decodedSamples() < 0.75 * whole.samples().length, "no more than the blocks around the windows");
        var fresh = (AudioTimeline) AudioDecoder.open(m4a, RATE);
        fresh.window(75.01, RATE);
        assertEquals(block, fresh.decodedSamples(), "a window inside one block decodes that block");
    }

    @Test
    void shortWavAndFlacAreReadByWindowAndWholeForAViewThatReadsAllOfThem() throws Exception {
        var logMel = ViewSet.build(List.of(new ViewSpec("whole", Modality.AUDIO, List.of(new OpSpec("log_mel", Map.of())))),
                OpCatalog.standard(), 7);
        for (var name : List.of("short.wav", "short.flac")) {
            int n = (int) (AudioTimeline.WHOLE_SECONDS * RATE);
            var file = write(name, name.endsWith("wav") ? "wav" : "flac", name.endsWith("wav") ? avcodec.AV_CODEC_ID_PCM_S16LE
                    : avcodec.AV_CODEC_ID_FLAC, Map.of(), TestAudio.tone(440, 0.5, RATE, n), TestAudio.noise(1, 0.2, n));
            var whole = AudioDecoder.decode(file, RATE);
            var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(file, RATE), name);
            assertEquals(whole.durationSeconds(), timeline.durationSeconds(), 0.0, name);
            timeline.window(12.3, RATE);
            assertTrue(timeline.decodedSamples() < n / 10, name + ": a window decodes about its own samples, "
                    + timeline.decodedSamples());
            for (double start : new double[] {0, -0.4, 12.3, AudioTimeline.WHOLE_SECONDS - 0.6}) {
                assertArrayEquals(whole.window(start, RATE), timeline.window(start, RATE), name + " at " + start);
            }
            assertArrayEquals(whole.samples(), timeline.whole().samples(), name);
            assertArrayEquals(logMel.apply(Map.of(Modality.AUDIO, whole), 0, "s").get("whole").data(),
                    logMel.apply(Map.of(Modality.AUDIO, AudioDecoder.open(file, RATE)), 0, "s").get("whole").data(),
                    name + ": a view without clip reads the whole decode");
        }
        assertThrows(IllegalStateException.class, () -> ((AudioTimeline) AudioDecoder.open(wav, RATE)).whole(),
                "a long file is never decoded whole");
    }

    @Test
    void shortFilesOfOtherCodecsAreDecodedWholeAsBefore() throws Exception {
        int n = (int) (AudioTimeline.WHOLE_SECONDS * RATE);
        var file = write("short.m4a", "ipod", avcodec.AV_CODEC_ID_AAC, Map.of(), TestAudio.tone(440, 0.5, RATE, n),
                TestAudio.noise(1, 0.2, n));
        var audio = assertInstanceOf(Audio.class, AudioDecoder.open(file, RATE));
        assertArrayEquals(AudioDecoder.decode(file, RATE).samples(), audio.samples());
    }

    @Test
    void aViewSetMakesTheSameViewsFromATimelineAsFromTheWholeDecode() {
        var catalog = OpCatalog.standard();
        var specs = List.of(
                new ViewSpec("sound", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 1.0, "jitter", 0.2)),
                        new OpSpec("gain", Map.of()), new OpSpec("log_mel", Map.of()))),
                new ViewSpec("later", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 0.5, "at", "anchor + 2s")))));
        var views = ViewSet.build(specs, catalog, 7);
        for (var file : List.of(wav, flac)) {
            var whole = AudioDecoder.decode(file, RATE);
            for (int epoch = 0; epoch < 3; epoch++) {
                var fromTimeline = views.apply(Map.of(Modality.AUDIO, AudioDecoder.open(file, RATE)), epoch, "s1");
                var again = views.apply(Map.of(Modality.AUDIO, AudioDecoder.open(file, RATE)), epoch, "s1");
                var fromWhole = views.apply(Map.of(Modality.AUDIO, whole), epoch, "s1");
                for (var name : List.of("sound", "later")) {
                    assertArrayEquals(fromWhole.get(name).data(), fromTimeline.get(name).data(), file + " " + name);
                    assertArrayEquals(fromTimeline.get(name).data(), again.get(name).data(), "same seed, same view");
                }
            }
        }
        // other epochs draw other anchors over the whole file
        var anchors = new ArrayList<ViewTensor>();
        for (int epoch = 0; epoch < 2; epoch++) {
            anchors.add(views.apply(Map.of(Modality.AUDIO, AudioDecoder.open(wav, RATE)), epoch, "s1").get("later"));
        }
        assertFalse(Arrays.equals(anchors.get(0).data(), anchors.get(1).data()));
    }

    @Test
    void aViewOfALongFileThatDoesNotStartWithClipIsRefusedWithTheFix() {
        var views = ViewSet.build(List.of(new ViewSpec("whole", Modality.AUDIO, List.of(new OpSpec("log_mel", Map.of())))),
                OpCatalog.standard(), 7);
        var e = assertThrows(MediaException.class,
                () -> views.apply(Map.of(Modality.AUDIO, AudioDecoder.open(flac, RATE)), 0, "s1"));
        assertTrue(e.getMessage().contains("view 'whole'") && e.getMessage().contains(flac.toString())
                && e.getMessage().contains("150.3 s") && e.getMessage().contains("clip:"), e.getMessage());
    }

    @Test
    void aCorruptLongFlacFailsWithAMessageNamingItWhereItIsCorrupt() throws Exception {
        var bytes = Files.readAllBytes(flac);
        int from = (int) (bytes.length * 0.6);
        Arrays.fill(bytes, from, from + 8192, (byte) 0x55);
        var broken = Files.write(dir.resolve("broken.flac"), bytes);
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(broken, RATE));
        assertArrayEquals(AudioDecoder.decode(flac, RATE).window(10, RATE), timeline.window(10, RATE), "intact part");
        double at = SECONDS * 0.6;
        var e = assertThrows(MediaException.class, () -> timeline.window(at - 5, 10 * RATE));
        assertTrue(e.getMessage().contains(broken.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void aLongFlacCutShortFailsWithAMessageNamingIt() throws Exception {
        var bytes = Files.readAllBytes(flac);
        var cut = Files.write(dir.resolve("cut.flac"), Arrays.copyOf(bytes, bytes.length / 2));
        var timeline = assertInstanceOf(AudioTimeline.class, AudioDecoder.open(cut, RATE));
        var e = assertThrows(MediaException.class, () -> timeline.window(SECONDS - 10, RATE));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    private static void assertWindowsEqual(Audio whole, AudioTimeline timeline, float delta) {
        for (double start : STARTS) {
            for (int length : LENGTHS) {
                assertArrayEquals(whole.window(start, length), timeline.window(start, length), delta,
                        length + " samples at " + start + " s");
            }
        }
    }

    /** How many samples of the windows {@link #assertWindowsEqual} reads lie inside the sound. */
    private static long inside() {
        long sum = 0;
        for (double start : STARTS) {
            for (int length : LENGTHS) {
                long from = Math.round(start * RATE);
                sum += Math.max(0, Math.min(from + length, TOTAL) - Math.max(from, 0));
            }
        }
        return sum;
    }

    private static FlacReader.Stream stream(Path file) throws Exception {
        var bytes = Files.readAllBytes(file);
        return FlacReader.stream((position, length) -> Arrays.copyOfRange(bytes, (int) position, (int) position + length));
    }

    /**
     * A copy of a FLAC with a SEEKTABLE after its STREAMINFO: a point every {@code seconds}, at the frame that holds
     * that time, found by decoding the file frame by frame.
     */
    private static Path withSeekTable(Path file, Path out, double seconds) throws Exception {
        var bytes = Files.readAllBytes(file);
        var stream = stream(file);
        var decoder = new FlacReader.FrameDecoder(stream);
        var scratch = new float[stream.maxBlock()];
        var points = ByteBuffer.allocate(18 * 64);
        long next = 0;
        int pos = (int) stream.firstFrame();
        while (pos < bytes.length) {
            var frame = FlacReader.Frame.parse(bytes, pos, stream);
            if (frame.firstSample() + frame.blockSize() > next) {
                points.putLong(frame.firstSample()).putLong(pos - stream.firstFrame()).putShort((short) frame.blockSize());
                next = frame.firstSample() + frame.blockSize() + (long) (seconds * RATE);
            }
            pos = decoder.decode(bytes, frame, scratch, 0, frame.blockSize());
        }
        int length = points.position();
        boolean streamInfoWasLast = (bytes[4] & 0x80) != 0;
        var table = ByteBuffer.allocate(4 + length);
        table.put((byte) (3 | (streamInfoWasLast ? 0x80 : 0))).put((byte) (length >> 16)).put((byte) (length >> 8))
                .put((byte) length).put(points.array(), 0, length);
        var copy = ByteBuffer.allocate(bytes.length + table.capacity());
        copy.put(bytes, 0, 42).put(table.array()).put(bytes, 42, bytes.length - 42);
        copy.put(4, (byte) (bytes[4] & 0x7F));
        return Files.write(out, copy.array());
    }
}
