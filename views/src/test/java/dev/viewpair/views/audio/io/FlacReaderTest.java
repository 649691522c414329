package dev.viewpair.views.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        decodesAsFfmpeg(channels, rate, settings);
    }

    /**
     * Every LPC order up to 12 (the orders {@link FlacReader#lpc} runs with taps written out, two samples a step
     * where the sums fit in an int), at FFmpeg's default coefficient precision (15 bits: some subframes' sums may
     * not fit) and at libFLAC's for 16-bit blocks of 4096 (12 bits: they all do), stereo as mid/side so that the
     * side channel's extra bit counts too.
     */
    @ParameterizedTest(name = "LPC order {0}, {1}-bit coefficients")
    @CsvSource({"1, 15", "2, 15", "3, 12", "4, 15", "5, 12", "6, 15", "7, 12", "8, 15", "9, 12", "10, 15", "11, 12",
        "12, 15", "12, 12", "1, 12", "2, 12", "4, 12", "6, 12", "8, 12", "10, 12", "3, 15", "5, 15", "7, 15", "9, 15",
        "11, 15"})
    void decodesEveryLpcOrderAsFfmpeg(int order, int precision) throws Exception {
        String settings = "lpc_type=levinson,min_prediction_order=" + order + ",max_prediction_order=" + order
                + ",lpc_coeff_precision=" + precision;
        decodesAsFfmpeg(1, RATE, settings);
        decodesAsFfmpeg(2, RATE, settings + ",ch_mode=mid_side");
    }

    private void decodesAsFfmpeg(int channels, int rate, String settings) throws Exception {
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

    /**
     * The LPC restoration against the definition on known signals: a bounded signal's residual made with 64-bit
     * sums, restored, gives the signal back, for every order from 1 to 32, block lengths odd and even, coefficients
     * whose sums fit in an int and ones whose sums do not.
     */
    @Test
    void restoresLpcPredictionsOfEveryOrder() {
        var random = new java.util.SplittableRandom(5);
        int fitting = 0;
        for (int order = 1; order <= 32; order++) {
            for (int precision : new int[] {8, 12, 15}) {
                for (int n : new int[] {order, order + 1, 13, 4096, 4097, 1153}) {
                    if (n < order) {
                        continue;
                    }
                    int bits = 16 + random.nextInt(2);
                    var c = new int[order];
                    for (int j = 0; j < order; j++) {
                        c[j] = random.nextInt(-(1 << (precision - 1)), 1 << (precision - 1));
                    }
                    int shift = random.nextInt(16);
                    var x = new int[n];
                    for (int i = 0; i < n; i++) {
                        // full scale now and then, so that the sums reach their bound
                        x[i] = random.nextInt(8) == 0 ? (random.nextBoolean() ? -(1 << (bits - 1)) : (1 << (bits - 1)) - 1)
                                : random.nextInt(-(1 << (bits - 1)), 1 << (bits - 1));
                    }
                    var residual = x.clone();
                    for (int i = order; i < n; i++) {
                        long sum = 0;
                        for (int j = 0; j < order; j++) {
                            sum += (long) c[j] * x[i - 1 - j];
                        }
                        residual[i] = x[i] - (int) (sum >> shift);
                    }
                    fitting += FlacReader.sumsFitInInt(c, bits) ? 1 : 0;
                    FlacReader.lpc(residual, c, shift, n, bits);
                    assertArrayEquals(x, residual, "order " + order + ", " + precision + "-bit coefficients, "
                            + bits + "-bit samples, shift " + shift + ", n " + n);
                }
            }
        }
        assertTrue(fitting > 50 && fitting < 32 * 3 * 6 - 50, "both kinds of sums met: " + fitting + " fitting");
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
