package dev.viewpair.views.video;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Real video files for the tests, written with FFmpeg: every frame is one flat colour that encodes its index,
 * and the sound is a quiet steady tone with loud clicks at chosen times.
 */
final class TestVideos {
    static final int FPS = 10;
    static final int SIZE = 48;
    static final double SECONDS = 4.0;
    static final int FRAMES = (int) (SECONDS * FPS);
    static final int RATE = 16000;
    static final double TONE = 0.1;
    static final double CLICK = 0.9;

    static {
        // the recorder dumps the output format at info level
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private TestVideos() {}

    /**
     * Writes the coded video: MPEG-4 Part 2 video with AAC sound in MP4, or with 16-bit PCM sound in AVI, chosen
     * by the file's extension; {@code withSound} false writes no audio stream.
     */
    static Path write(Path file, double[] clicks, boolean withSound) throws Exception {
        return write(file, clicks, withSound, SECONDS);
    }

    /** As {@link #write(Path, double[], boolean)}, {@code seconds} long (frame indices wrap after 64). */
    static Path write(Path file, double[] clicks, boolean withSound, double seconds) throws Exception {
        boolean avi = file.getFileName().toString().endsWith(".avi");
        float[] pcm = sound(clicks, seconds);
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), SIZE, SIZE, withSound ? 1 : 0);
                var converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat(avi ? "avi" : "mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            recorder.setVideoQuality(2);
            if (withSound) {
                recorder.setAudioCodec(avi ? avcodec.AV_CODEC_ID_PCM_S16LE : avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(RATE);
                recorder.setAudioChannels(1);
            }
            recorder.start();
            int written = 0;
            for (int i = 0; i < (int) Math.round(seconds * FPS); i++) {
                try (var colour = codeOf(i % 64); var frame = new Mat(SIZE, SIZE, CV_8UC3, colour)) {
                    recorder.record(converter.convert(frame), avutil.AV_PIX_FMT_RGB24);
                }
                if (withSound) {
                    int upTo = (i + 1) * RATE / FPS;
                    recorder.recordSamples(RATE, 1, FloatBuffer.wrap(pcm, written, upTo - written));
                    written = upTo;
                }
            }
            recorder.stop();
        }
        return file;
    }

    /** The tone with clicks (8 samples at full click level) starting at each time. */
    static float[] sound(double[] clicks) {
        return sound(clicks, SECONDS);
    }

    /** As {@link #sound(double[])}, {@code seconds} long. */
    static float[] sound(double[] clicks, double seconds) {
        int n = (int) Math.round(seconds * RATE);
        var pcm = new float[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (float) (TONE * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        for (double t : clicks) {
            int at = (int) Math.round(t * RATE);
            for (int k = 0; k < 8; k++) {
                pcm[at + k] = (float) CLICK;
            }
        }
        return pcm;
    }

    /** Frame i's colour: red and green step by 32 through the index's base-8 digits, blue fixed. */
    private static Scalar codeOf(int i) {
        return new Scalar(32 * (i % 8) + 16, 32 * (i / 8) + 16, 128, 0);
    }

    /** The index a frame (or one frame of a stack, at its first channel) encodes, read at its centre. */
    static int indexOf(Mat rgb, int firstChannel) {
        var pixel = rgb.ptr(rgb.rows() / 2, rgb.cols() / 2);
        int red = pixel.get(firstChannel) & 0xff;
        int green = pixel.get(firstChannel + 1) & 0xff;
        return red / 32 + 8 * (green / 32);
    }

    /** The index of the loudest sample. */
    static int peak(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        return best;
    }
}
