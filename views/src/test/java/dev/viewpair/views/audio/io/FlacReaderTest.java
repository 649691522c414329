package dev.viewpair.views.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FlacReader} against FFmpeg's own FLAC decoder, on files FFmpeg's encoder writes in many modes. */
class FlacReaderTest {
    private static final int RATE = 16_000;

    @TempDir
    Path dir;

    /**
     * A test signal per channel: a tone with noise, a stretch of exact silence (constant subframes), a
     * full-scale square (large residuals) and noise alone (escape partitions); channels differ, so that side
     * channels carry something.
     */
    private static float[][] signal(int channels, int length) {
        var x = new float[channels][];
        for (int c = 0; c < channels; c++) {
            float[] tone = TestAudio.tone(220 * (c + 1), 0.5 / (c + 1), RATE, length);
            float[] noise = TestAudio.noise(c + 1, 0.05, length);
            for (int i = 0; i < length; i++) {
                int part = 4 * i / length;
                tone[i] = switch (part) {
                    case 0 -> tone[i] + noise[i];
                    case 1 -> 0;
                    case 2 -> (i / (40 + 7 * c)) % 2 == 0 ? 0.99f : -0.99f;
                    default -> 16 * noise[i];
                };
            }
            x[c] = tone;
        }
        return x;
    }

    private Path write(String name, int channels, int rate, int sampleFormat, Map<String, String> options) throws Exception {
        var file = dir.resolve(name);
        float[][] x = signal(channels, rate / 2 + 333);
        var interleaved = FloatBuffer.allocate(channels * x[0].length);
        for (int i = 0; i < x[0].length; i++) {
            for (int c = 0; c < channels; c++) {
                interleaved.put(x[c][i]);
            }
        }
        interleaved.flip();
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), channels)) {
            recorder.setFormat("flac");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_FLAC);
            recorder.setSampleRate(rate);
            recorder.setSampleFormat(sampleFormat);
            options.forEach(recorder::setAudioOption);
            recorder.start();
            recorder.recordSamples(rate, channels, interleaved);
            recorder.stop();
        }
        return file;
    }

    /** FFmpeg's decode, channels averaged as {@link AudioDecoder} does: the reference. */
    private static float[] ffmpeg(Path file) throws FrameGrabber.Exception {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            grabber.start();
            var out = new float[0];
            for (var frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                int n = PcmFrames.length(frame);
                int at = out.length;
                out = Arrays.copyOf(out, at + n);
                PcmFrames.copyMono(frame, 0, n, out, at);
            }
            return out;
        }
    }

    @ParameterizedTest(name = "{0} channel(s), {1} Hz, {2}")
    @CsvSource(delimiter = ';', value = {
        "1; 16000; compression_level=5",
        "1; 16000; compression_level=0",
        "1; 16000; compression_level=12",
        "1; 22050; lpc_type=fixed",
        "1; 16000; lpc_type=none",
        "1; 16000; compression_level=8,exact_rice_parameters=1",
        "2; 16000; ch_mode=indep",
        "2; 16000; ch_mode=left_side",
        "2; 16000; ch_mode=right_side",
        "2; 16000; ch_mode=mid_side",
        "2; 44100; compression_level=12,ch_mode=mid_side",
        "3; 16000; compression_level=5",
        "1; 16000; s32",
        "2; 16000; s32,ch_mode=mid_side,compression_level=12"})
    void decodesExactlyWhatFfmpegDecodes(int channels, int rate, String settings) throws Exception {
        int format = avutil.AV_SAMPLE_FMT_S16;
        var options = new java.util.LinkedHashMap<String, String>();
        for (var s : settings.split(",")) {
            if (s.equals("s32")) {
                format = avutil.AV_SAMPLE_FMT_S32;
            } else {
                options.put(s.split("=")[0], s.split("=")[1]);
            }
        }
        var file = write("x.flac", channels, rate, format, options);
        float[] expected = ffmpeg(file);
        var audio = FlacReader.read(Files.readAllBytes(file), rate, Long.MAX_VALUE);
        assertNotNull(audio, "a native FLAC at the asked rate is read in Java: " + settings);
        assertEquals(rate, audio.sampleRate());
        assertArrayEquals(expected, audio.samples(), 0f, "sample for sample FFmpeg's output: " + settings);
        var first = FlacReader.read(Files.readAllBytes(file), rate, 1000);
        assertArrayEquals(Arrays.copyOf(expected, 1000), first.samples(), 0f, "the first 1000 samples only");
        // and the decoder picks this reader for .flac paths and bytes
        assertArrayEquals(expected, AudioDecoder.decode(file, rate).samples(), 0f, "AudioDecoder on the path");
        assertArrayEquals(expected, AudioDecoder.decode(Files.readAllBytes(file), "x.flac", rate).samples(), 0f,
                "AudioDecoder on the bytes");
    }

    @Test
    void leavesResamplingAndDamagedHeadersToFfmpeg() throws Exception {
        var file = write("y.flac", 1, RATE, avutil.AV_SAMPLE_FMT_S16, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        assertNull(FlacReader.read(bytes, 8000, Long.MAX_VALUE), "another rate needs FFmpeg's resampler");
        assertEquals(8000, AudioDecoder.decode(file, 8000).sampleRate(), "which AudioDecoder then uses");
        assertNull(FlacReader.read(Arrays.copyOf(bytes, bytes.length * 2 / 3), RATE, Long.MAX_VALUE),
                "a truncated stream");
        assertNull(FlacReader.read(Arrays.copyOf(bytes, 30), RATE, Long.MAX_VALUE), "a truncated STREAMINFO");
        assertNull(FlacReader.read("RIFF....WAVE".getBytes(), RATE, Long.MAX_VALUE), "not FLAC at all");
        // the first frame's header follows the metadata; damage its block-size byte: the CRC-8 no longer matches
        int frame = firstFrame(bytes);
        var damaged = bytes.clone();
        damaged[frame + 2] ^= 0x10;
        assertNull(FlacReader.read(damaged, RATE, Long.MAX_VALUE), "a frame header that fails its CRC-8");
    }

    private static int firstFrame(byte[] b) {
        int pos = 4;
        boolean last = false;
        while (!last) {
            last = (b[pos] & 0x80) != 0;
            pos += 4 + ((b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF));
        }
        assertEquals(0xFF, b[pos] & 0xFF, "frame sync");
        return pos;
    }
}
