package dev.viewpair.views.video.io;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.audio.io.FfmpegErrors;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One video file opened in FFmpeg, as a {@link Video} reads it: the container, probed once, its picture decoder,
 * and its sound decoded from the same container. Frames are decoded forward from a seek and converted to RGB only
 * when one is kept; the sound is decoded whole, from the container's start, by a fresh decoder.
 *
 * <p>It decodes as JavaCV's {@code FFmpegFrameGrabber} (with which the project read videos before) does, so that
 * the frames and the sound are the same to the bit: the probe ({@code avformat_find_stream_info}), timestamps in
 * whole microseconds, pictures converted to RGB24 by swscale's bilinear converter into rows aligned to 64 bytes,
 * samples converted to packed float at the asked rate with the stream's channel count (swresample, frame by frame,
 * its last buffered samples left in it) and averaged to mono. Errors in single packets are skipped, as there.
 *
 * <p>Not thread-safe: a {@code Video} lends each to one reader at a time. Close it to free the native memory.
 */
final class FfmpegMedia implements AutoCloseable {
    /** Decoded sound, mono: {@code samples[0]} is sample number {@code first} (time × rate) of the track. */
    record Track(long first, float[] samples) {}

    static {
        // FFmpeg reports every recoverable glitch on stderr; errors reach us as exceptions anyway.
        av_log_set_level(AV_LOG_ERROR);
    }

    private final Path file;
    private final AVFormatContext format;
    private final AVStream videoStream;
    private final AVCodecContext video;
    /** The first audio stream, or {@code null}. */
    private final AVStream audioStream;
    private final AVPacket packet = av_packet_alloc();
    /** The last frame decoded; the decoder writes into {@code decoded}, which a failed read leaves empty. */
    private final AVFrame picture = av_frame_alloc();
    private final AVFrame decoded = av_frame_alloc();
    /** Whether no packet was read since the probe: then the demuxer stands at the container's start. */
    private boolean atStart = true;
    /** Whether {@code picture} holds the last frame decoded, at {@code pictureMicros}. */
    private boolean hasPicture;
    private long pictureMicros;
    /** Whether the picture decoder was drained at the end of the stream (a seek restarts it). */
    private boolean videoEnded;
    private SwsContext toRgb;
    private RgbBuffer rgb;

    private FfmpegMedia(Path file, AVFormatContext format, AVStream videoStream, AVCodecContext video, AVStream audioStream) {
        this.file = file;
        this.format = format;
        this.videoStream = videoStream;
        this.video = video;
        this.audioStream = audioStream;
    }

    /**
     * Opens and probes a video file and opens its picture decoder.
     *
     * @throws MediaException when FFmpeg cannot read it or it has no video stream that it decodes
     */
    static FfmpegMedia open(Path file) {
        var format = new AVFormatContext(null);
        int ret = avformat_open_input(format, file.toString(), null, null);
        if (ret < 0) {
            throw cannotDecode(file, FfmpegErrors.describe(ret));
        }
        try {
            if ((ret = avformat_find_stream_info(format, (AVDictionary) null)) < 0) {
                throw cannotDecode(file, FfmpegErrors.describe(ret));
            }
            AVStream videoStream = null;
            AVStream audioStream = null;
            for (int i = 0; i < format.nb_streams(); i++) {
                var stream = format.streams(i);
                var parameters = stream.codecpar();
                if (parameters.codec_id() == 0) {
                    continue;
                }
                if (videoStream == null && parameters.codec_type() == AVMEDIA_TYPE_VIDEO) {
                    videoStream = stream;
                } else if (audioStream == null && parameters.codec_type() == AVMEDIA_TYPE_AUDIO
                        && parameters.ch_layout().nb_channels() > 0) {
                    audioStream = stream;
                }
            }
            if (videoStream == null && audioStream == null) {
                throw cannotDecode(file, FfmpegErrors.NO_STREAM_TEXT);
            }
            if (videoStream == null) {
                throw new MediaException("video '" + file + "' has no video stream — give a video file (for sound alone, read it as audio)");
            }
            var video = decoder(file, videoStream);
            return new FfmpegMedia(file, format, videoStream, video, audioStream);
        } catch (RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    /** The container's duration in whole microseconds, or a negative number when it declares none. */
    long durationMicros() {
        return format.duration() * 1_000_000L / AV_TIME_BASE;
    }

    /** Frames per second: the stream's average frame rate, else its base rate. */
    double frameRate() {
        AVRational r = videoStream.avg_frame_rate();
        if (r.num() == 0 && r.den() == 0) {
            r = videoStream.r_frame_rate();
        }
        return (double) r.num() / r.den();
    }

    int width() {
        return video.width();
    }

    int height() {
        return video.height();
    }

    boolean hasAudio() {
        return audioStream != null;
    }

    /** Whether a frame was decoded and not lost to a sound read since. */
    boolean hasPicture() {
        return hasPicture;
    }

    /** The start of the last frame decoded, in seconds (whole microseconds, as the container's time base rounds). */
    double pictureSeconds() {
        return pictureMicros / 1e6;
    }

    /**
     * Seeks to the keyframe at or before {@code seconds} and decodes the first frame from there; when the container
     * lands past the time, seeks again half a second earlier each time.
     *
     * @return false when there is no frame from there on (a truncated file)
     */
    boolean seekPicture(double seconds) {
        long start = videoStream.start_time() != AV_NOPTS_VALUE ? micros(videoStream.start_time(), videoStream.time_base()) : 0;
        long target = Math.round(seconds * 1e6) + start;
        long seek = target;
        while (true) {
            int ret = avformat_seek_file(format, -1, 0L, seek, seek, AVSEEK_FLAG_BACKWARD);
            if (ret < 0) {
                throw corrupt("cannot seek to " + seconds + " s: " + FfmpegErrors.describe(ret));
            }
            atStart = false;
            avcodec_flush_buffers(video);
            videoEnded = false;
            hasPicture = false;
            if (!nextPicture()) {
                return false;
            }
            if (pictureMicros <= target || seek == start) {
                return true;
            }
            seek = Math.max(start, seek - 500_000);
        }
    }

    /** Decodes the next frame; false at the end of the stream. */
    boolean nextPicture() {
        while (true) {
            int ret = avcodec_receive_frame(video, decoded);
            if (ret >= 0) {
                av_frame_unref(picture);
                av_frame_move_ref(picture, decoded);
                pictureMicros = micros(picture.best_effort_timestamp(), videoStream.time_base());
                hasPicture = true;
                return true;
            }
            if (ret != AVERROR_EAGAIN() || videoEnded) {
                // the end of the stream, or a frame the decoder refuses: the frames it gave stay
                return false;
            }
            if (!readPacket()) {
                avcodec_send_packet(video, null);
                videoEnded = true;
            } else if (packet.stream_index() == videoStream.index()) {
                // as FFmpeg's tools and JavaCV do, a packet the decoder refuses is skipped
                avcodec_send_packet(video, packet);
            }
            av_packet_unref(packet);
        }
    }

    /**
     * The last frame decoded, converted to 8-bit RGB in this container's buffer and handed to {@code resize}, which
     * returns the caller's own {@code Mat} (a copy, resized or not).
     */
    Mat picture(Resize resize) {
        int width = video.width();
        int height = video.height();
        if (rgb == null || rgb.width != width || rgb.height != height) {
            if (rgb != null) {
                rgb.close();
            }
            rgb = new RgbBuffer(width, height);
        }
        toRgb = sws_getCachedContext(toRgb, width, height, video.pix_fmt(), width, height, AV_PIX_FMT_RGB24,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (toRgb == null) {
            throw corrupt("its pictures (" + width + " × " + height + ", pixel format " + video.pix_fmt()
                    + ") cannot be converted to RGB");
        }
        sws_scale(toRgb, picture.data(), picture.linesize(), 0, height, rgb.planes, rgb.lines);
        return resize.apply(rgb.mat);
    }

    /**
     * Where frames are converted to: 3 × width bytes a row, rounded up until they are a multiple of 64 as JavaCV
     * aligns them for swscale's vector code (which would otherwise convert with its plain C code, rounding
     * differently), seen as an OpenCV {@code Mat} too.
     */
    private static final class RgbBuffer implements AutoCloseable {
        final int width;
        final int height;
        final BytePointer bytes;
        final PointerPointer<BytePointer> planes;
        final IntPointer lines;
        final Mat mat;

        RgbBuffer(int width, int height) {
            this.width = width;
            this.height = height;
            int stride = width;
            var linesize = new int[4];
            for (int align = 1; align <= 64; align += align) {
                stride = (width + align - 1) & -align;
                av_image_fill_linesizes(linesize, AV_PIX_FMT_RGB24, stride);
                if ((linesize[0] & 63) == 0) {
                    break;
                }
            }
            long size = (long) linesize[0] * height;
            bytes = new BytePointer(av_malloc(size)).capacity(size);
            // retained: the buffer outlives the PointerScope of the view that made it (a sample's views share it)
            planes = new PointerPointer<BytePointer>(4).put(0, bytes).retainReference();
            lines = new IntPointer(linesize[0], 0, 0, 0).retainReference();
            mat = new Mat(height, width, CV_8UC3, bytes, linesize[0]).retainReference();
        }

        @Override
        public void close() {
            mat.close();
            planes.close();
            lines.close();
            av_free(bytes);
        }
    }

    /** What becomes of a converted frame, which stays the decoder's: an owned copy, resized or not. */
    interface Resize {
        Mat apply(Mat shared);
    }

    /**
     * The whole sound track, mono at {@code sampleRate}, decoded by a fresh decoder from the container's start
     * (seeking back there when pictures were read first). Afterwards no picture is held: the next read seeks.
     */
    Track sound(int sampleRate) {
        if (!atStart) {
            int ret = avformat_seek_file(format, audioStream.index(), Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0);
            if (ret < 0) {
                throw corrupt("cannot seek back to its start for the sound: " + FfmpegErrors.describe(ret));
            }
        }
        atStart = false;
        hasPicture = false;
        var audio = decoder(file, audioStream);
        var frame = av_frame_alloc();
        var resampled = new Resampler(sampleRate);
        try {
            long first = 0;
            var samples = new float[Math.max(1, (int) Math.min(Integer.MAX_VALUE - 8L,
                    (long) Math.ceil(Math.max(0, durationMicros()) * 1e-6 * sampleRate) + sampleRate / 10))];
            int filled = 0;
            boolean ended = false;
            boolean firstFrame = true;
            while (true) {
                int ret = avcodec_receive_frame(audio, frame);
                if (ret >= 0) {
                    if (firstFrame) {
                        first = Math.round(micros(frame.best_effort_timestamp(), audioStream.time_base()) / 1e6 * sampleRate);
                        firstFrame = false;
                    }
                    int n = resampled.convert(audio, frame);
                    if (filled + (long) n > Integer.MAX_VALUE - 8) {
                        throw new MediaException("the sound of video '" + file + "' is too long to hold in memory at "
                                + sampleRate + " Hz — cut the video into shorter clips");
                    }
                    if (filled + n > samples.length) {
                        samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8L,
                                Math.max(filled + n, 2L * samples.length)));
                    }
                    resampled.copyMono(n, samples, filled);
                    filled += n;
                    continue;
                }
                if (ret != AVERROR_EAGAIN() || ended) {
                    break;
                }
                if (!readPacket()) {
                    avcodec_send_packet(audio, null);
                    ended = true;
                } else if (packet.stream_index() == audioStream.index()) {
                    avcodec_send_packet(audio, packet);
                }
                av_packet_unref(packet);
            }
            return new Track(first, filled == samples.length ? samples : Arrays.copyOf(samples, filled));
        } finally {
            resampled.close();
            av_frame_free(frame);
            avcodec_free_context(audio);
        }
    }

    @Override
    public void close() {
        if (toRgb != null) {
            sws_freeContext(toRgb);
        }
        if (rgb != null) {
            rgb.close();
        }
        av_frame_free(picture);
        av_frame_free(decoded);
        av_packet_free(packet);
        avcodec_free_context(video);
        avformat_close_input(format);
    }

    /** Reads the next packet into {@code packet}; false at the end of the file (or where it cannot be read on). */
    private boolean readPacket() {
        atStart = false;
        return av_read_frame(format, packet) >= 0;
    }

    /** A timestamp in whole microseconds, as JavaCV computes it. */
    private static long micros(long timestamp, AVRational timeBase) {
        return timestamp == AV_NOPTS_VALUE ? 0 : 1_000_000L * timestamp * timeBase.num() / timeBase.den();
    }

    /** An opened decoder of one stream, decoding on the calling thread only (viewpair parallelizes over samples). */
    private static AVCodecContext decoder(Path file, AVStream stream) {
        var parameters = stream.codecpar();
        var codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            throw cannotDecode(file, "FFmpeg has no decoder for its " + (parameters.codec_type() == AVMEDIA_TYPE_VIDEO
                    ? "pictures" : "sound") + " (codec id " + parameters.codec_id() + ")");
        }
        var context = avcodec_alloc_context3(codec);
        int ret = avcodec_parameters_to_context(context, parameters);
        if (ret >= 0) {
            context.thread_count(1);
            ret = avcodec_open2(context, codec, (AVDictionary) null);
        }
        if (ret < 0) {
            avcodec_free_context(context);
            throw cannotDecode(file, FfmpegErrors.describe(ret));
        }
        return context;
    }

    private static MediaException cannotDecode(Path file, String why) {
        return new MediaException("cannot decode video '" + file + "': " + why
                + " — check that it is a video file FFmpeg reads (MP4, MKV, AVI, WebM, …) and not truncated");
    }

    private MediaException corrupt(String why) {
        return new MediaException("video '" + file + "' is corrupt: " + why + " — re-encode or remove it");
    }

    /**
     * Decoded sound frames to packed float at one rate with the decoder's channel count, as JavaCV converts them
     * (swresample where the format, rate or channel count differ), then averaged to mono. Float samples already at
     * the rate are read where the decoder left them when they are packed, or planar with one channel (the same
     * bytes: swresample would only copy them).
     */
    private static final class Resampler implements AutoCloseable {
        private final int sampleRate;
        private final PointerPointer<BytePointer> to = new PointerPointer<>(1);
        private PointerPointer<BytePointer> from;
        private SwrContext context;
        private BytePointer out;
        private long outBytes;
        /** Where the last frame's packed float samples are, and its channel count. */
        private FloatPointer converted;
        private int channels;

        Resampler(int sampleRate) {
            this.sampleRate = sampleRate;
        }

        /** Converts a decoded frame; returns the sample frames (per channel) it gave. */
        int convert(AVCodecContext audio, AVFrame frame) {
            channels = audio.ch_layout().nb_channels();
            int n = frame.nb_samples();
            boolean packed = audio.sample_fmt() == AV_SAMPLE_FMT_FLT || (audio.sample_fmt() == AV_SAMPLE_FMT_FLTP && channels == 1);
            if (packed && audio.sample_rate() == sampleRate) {
                converted = new FloatPointer(frame.data(0)).capacity((long) n * channels);
                return n;
            }
            if (context == null) {
                context = new SwrContext();
                try (var layout = new AVChannelLayout()) {
                    av_channel_layout_default(layout, channels);
                    int ret = swr_alloc_set_opts2(context, layout, AV_SAMPLE_FMT_FLT, sampleRate, audio.ch_layout(),
                            audio.sample_fmt(), audio.sample_rate(), 0, null);
                    av_channel_layout_uninit(layout);
                    if (ret < 0 || (ret = swr_init(context)) < 0) {
                        throw new MediaException("FFmpeg cannot convert sound at " + audio.sample_rate() + " Hz to "
                                + sampleRate + " Hz: " + FfmpegErrors.describe(ret));
                    }
                }
            }
            int room = swr_get_out_samples(context, n);
            long bytes = (long) room * Float.BYTES * channels;
            if (out == null || outBytes < bytes) {
                if (out != null) {
                    av_free(out);
                }
                out = new BytePointer(av_malloc(bytes)).capacity(bytes);
                outBytes = bytes;
            }
            int planes = av_sample_fmt_is_planar(audio.sample_fmt()) != 0 ? channels : 1;
            if (from == null || from.capacity() < planes) {
                from = new PointerPointer<>(planes);
            }
            for (int p = 0; p < planes; p++) {
                from.put(p, frame.extended_data(p));
            }
            int ret = swr_convert(context, to.put(0, out), room, from, n);
            if (ret < 0) {
                throw new MediaException("FFmpeg cannot convert sound to " + sampleRate + " Hz: " + FfmpegErrors.describe(ret));
            }
            converted = new FloatPointer(out).capacity((long) ret * channels);
            return ret;
        }

        /** Copies the last frame's {@code n} sample frames into {@code target} at {@code offset}, channels averaged. */
        void copyMono(int n, float[] target, int offset) {
            if (channels == 1) {
                converted.get(target, offset, n);
                return;
            }
            float scale = 1f / channels;
            var interleaved = new float[n * channels];
            converted.get(interleaved);
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += interleaved[i * channels + c];
                }
                target[offset + i] = sum * scale;
            }
        }

        @Override
        public void close() {
            to.close();
            if (from != null) {
                from.close();
            }
            if (context != null) {
                swr_free(context);
            }
            if (out != null) {
                av_free(out);
            }
        }
    }
}
