package dev.viewpair.views.audio.io;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Signals and real encoded files for the audio tests. */
public final class TestAudio {
    static {
        // the recorder dumps the output format at info level
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private TestAudio() {}

    /** A sine of the given frequency and amplitude. */
    public static float[] tone(double hz, double amplitude, int rate, int length) {
        var x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Decaying sine bursts of 0.25 s (notes of 300, 500, 700 … Hz) starting at each time, over faint noise (±1e-3). */
    public static float[] toneBursts(double[] times, double seconds, int rate) {
        var x = noise(3, 1e-3, (int) (seconds * rate));
        for (int i = 0; i < times.length; i++) {
            double hz = 300 + 200 * i;
            int start = (int) Math.round(times[i] * rate);
            for (int k = 0; k < rate / 4 && start + k < x.length; k++) {
                x[start + k] += (float) (0.5 * Math.sin(2 * Math.PI * hz * k / rate) * Math.exp(-k / (0.05 * rate)));
            }
        }
        return x;
    }

    /** Clicks: 30 ms bursts of decaying white noise starting at each time, over faint noise (±1e-3). */
    public static float[] clicks(double[] times, double seconds, int rate) {
        var x = noise(4, 1e-3, (int) (seconds * rate));
        var random = new SplittableRandom(5);
        for (double t : times) {
            int start = (int) Math.round(t * rate);
            for (int k = 0; k < 0.03 * rate && start + k < x.length; k++) {
                x[start + k] += (float) (0.6 * (2 * random.nextDouble() - 1) * Math.exp(-k / (0.008 * rate)));
            }
        }
        return x;
    }

    /** Uniform noise in ±amplitude from a fixed seed. */
    public static float[] noise(long seed, double amplitude, int length) {
        var random = new SplittableRandom(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    /**
     * Writes a stereo tone (the same sine in both channels) with FFmpeg: a 16-bit PCM WAV or a FLAC,
     * chosen by the file's extension.
     */
    static Path writeStereoTone(Path file, double hz, double seconds, int rate) throws Exception {
        int frames = (int) Math.round(seconds * rate);
        float[] mono = tone(hz, 0.5, rate, frames);
        var interleaved = FloatBuffer.allocate(2 * frames);
        for (float v : mono) {
            interleaved.put(v).put(v);
        }
        interleaved.flip();
        boolean flac = file.getFileName().toString().endsWith(".flac");
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 2)) {
            recorder.setFormat(flac ? "flac" : "wav");
            recorder.setAudioCodec(flac ? avcodec.AV_CODEC_ID_FLAC : avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleRate(rate);
            recorder.start();
            recorder.recordSamples(rate, 2, interleaved);
            recorder.stop();
        }
        return file;
    }

    /** The frequency of a clean tone from its upward zero crossings. */
    public static double zeroCrossingHz(float[] x, int rate) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                first = first < 0 ? i : first;
                last = i;
                count++;
            }
        }
        return (count - 1) / ((last - first) / (double) rate);
    }

    public static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / x.length);
    }
}
