package dev.viewpair.views.video.io;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.Timed;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.audio.io.FfmpegErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The video modality adapter: a video file as a timeline that yields frames and audio windows by time. Opening
 * probes the container (streams, frame rate, duration) and fails with a {@link MediaException} naming the file
 * when it is missing, empty, corrupt, or has no video stream; nothing is decoded up front. A {@code Video} is
 * meant to be opened once per sample and shared by all of the sample's views: what it decodes for one view
 * serves the others.
 *
 * <p>Frames come from FFmpeg grabbers that are opened on first use and kept for the next read (one per
 * concurrent reader: several threads may read one {@code Video}). A read seeks (to the keyframe before the time,
 * then decodes forward) unless the grabber's last frame lies at most {@value #STEP_FORWARD_SECONDS} s before the
 * time asked for: then it decodes on from there. Video decoding is exact, so either way a read returns the same
 * frame, whatever was read before.
 *
 * <p>The sound is decoded once per sample rate asked for, on first use: the whole track for clips of up to
 * {@value AudioTimeline#WHOLE_SECONDS} s, fixed blocks of longer ones (see {@link AudioTimeline#ofVideo}). Every
 * audio window is cut from it, so its samples depend only on its time, not on the windows read before.
 *
 * <p>Frame selection assumes a constant frame rate: the frame shown at time t is the last one that starts at
 * or before t. Close the {@code Video} to free its grabbers.
 */
public final class Video implements Timed, AutoCloseable {
    /** Slack for timestamps that the container rounds to microseconds or milliseconds. */
    private static final double TOLERANCE_SECONDS = 1e-5;
    /**
     * How far a read decodes forward from the last frame rather than seek: a seek decodes from the keyframe
     * before the time, typically ½–10 s of frames back, so a short step forward is never dearer.
     */
    static final double STEP_FORWARD_SECONDS = 1.0;

    static {
        // FFmpeg reports every recoverable glitch on stderr; errors reach us as exceptions anyway.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path file;
    private final double durationSeconds;
    private final double frameRate;
    private final int width;
    private final int height;
    private final boolean hasAudio;
    private final Deque<PictureReader> idle = new ArrayDeque<>();
    /** The decoded sound, per sample rate. */
    private final Map<Integer, AudioTimeline> tracks = new HashMap<>();
    private boolean closed;

    private Video(Path file, FFmpegFrameGrabber probe) {
        this.file = file;
        this.durationSeconds = probe.getLengthInTime() / 1e6;
        this.frameRate = probe.getFrameRate();
        this.width = probe.getImageWidth();
        this.height = probe.getImageHeight();
        this.hasAudio = probe.hasAudio() && probe.getAudioChannels() > 0;
        idle.push(new PictureReader(probe));
    }

    /**
     * Opens a video file and probes it.
     *
     * @throws MediaException when the file is missing, empty, not a video FFmpeg reads, or declares no frame rate
     *     or duration
     */
    public static Video open(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MediaException("video file '" + file + "' does not exist — restore it, or remove it from the dataset", e);
        } catch (IOException e) {
            throw new MediaException("cannot read video file '" + file + "': " + e.getMessage()
                    + " — check that the path exists and is readable", e);
        }
        if (size == 0) {
            throw new MediaException("video file '" + file + "' is empty (0 bytes) — re-export or remove it");
        }
        var probe = startPictureGrabber(file);
        String problem = null;
        if (!probe.hasVideo() || probe.getImageWidth() <= 0 || probe.getImageHeight() <= 0) {
            problem = "has no video stream — give a video file (for sound alone, read it as audio)";
        } else if (!(probe.getFrameRate() > 0)) {
            problem = "declares no frame rate — re-encode it (e.g. ffmpeg -i in -r 25 out.mp4)";
        } else if (probe.getLengthInTime() <= 0) {
            problem = "declares no duration — it is truncated or a live stream; re-encode it (ffmpeg -i in out.mp4)";
        }
        if (problem != null) {
            closeQuietly(probe);
            throw new MediaException("video '" + file + "' " + problem);
        }
        return new Video(file, probe);
    }

    public Path path() {
        return file;
    }

    /** The container's duration. */
    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    /** Frames per second, as the video stream declares it. */
    public double frameRate() {
        return frameRate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the file has an audio stream. */
    public boolean hasAudio() {
        return hasAudio;
    }

    /**
     * The frame shown at {@code seconds}, as an 8-bit RGB {@code Mat} ({@code CV_8UC3}) owned by the caller.
     * Times before the start give the first frame, times past the last frame give the last.
     *
     * @param height output height in pixels, or 0 for the video's own size (then width must be 0 too)
     * @param width output width in pixels, or 0
     */
    public Mat frameAt(double seconds, int height, int width) {
        return framesAt(new double[] {seconds}, height, width).get(0);
    }

    /**
     * The frames shown at several times, read with one seek at most: the times must not decrease. Each is an
     * 8-bit RGB {@code Mat} owned by the caller, resized to height × width unless both are 0.
     */
    public List<Mat> framesAt(double[] times, int height, int width) {
        var reader = takeReader();
        var grabber = reader.grabber;
        var frames = new ArrayList<Mat>(times.length);
        boolean fine = false;
        try (var converter = new OpenCVFrameConverter.ToMat()) {
            double frameSeconds = 1 / frameRate;
            double last = Math.max(0, durationSeconds - frameSeconds);
            Frame frame = null;
            double previous = Double.NEGATIVE_INFINITY;
            for (double asked : times) {
                if (asked < previous) {
                    throw new IllegalArgumentException("frame times must not decrease, got " + asked + " after " + previous);
                }
                previous = asked;
                double t = Math.min(Math.max(asked, 0), last);
                if (frame == null && reader.canStepTo(t)) {
                    frame = reader.last;
                } else if (frame == null) {
                    // half a frame early, so that rounding in the container never makes the seek overshoot t
                    grabber.setVideoTimestamp(Math.round(Math.max(0, t - frameSeconds / 2) * 1e6));
                    frame = grabber.grabImage();
                    if (frame == null) {
                        throw new MediaException("video '" + file + "' has no frame at " + t + " s though it declares "
                                + durationSeconds + " s — it is truncated; re-encode or remove it");
                    }
                }
                // step forward while the next frame starts at or before t (the grabber reuses one Frame)
                while (frame.timestamp / 1e6 + frameSeconds <= t + TOLERANCE_SECONDS) {
                    Frame next = grabber.grabImage();
                    if (next == null) {
                        break;
                    }
                    frame = next;
                }
                // JavaCV derives the channels from the row stride (stride / width), which FFmpeg pads to 64 bytes:
                // a 48-pixel RGB row of 144 bytes padded to 192 would read as 4 channels
                frame.imageChannels = 3;
                frames.add(toRgb(converter.convert(frame), height, width));
            }
            reader.last = frame;
            fine = true;
            return frames;
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("video '" + file + "' is corrupt: " + FfmpegErrors.describe(e) + " — re-encode or remove it", e);
        } finally {
            if (fine) {
                giveBack(reader);
            } else {
                // a grabber that failed mid-read is in an unknown state: drop it, and what was made so far
                closeQuietly(grabber);
                frames.forEach(Mat::close);
            }
        }
    }

    /**
     * The audio track from {@code start} for {@code seconds}, mono (channels averaged) at {@code sampleRate}.
     * The window always holds round(seconds × sampleRate) samples: where it runs past either end of the track it
     * is zero-padded. The first window at a rate decodes the track (or the block around the window, in a long
     * video); later windows are copies out of it.
     *
     * @throws MediaException when the video has no audio stream or its audio is corrupt
     */
    public Audio audioWindow(double start, double seconds, int sampleRate) {
        if (!(seconds > 0) || sampleRate <= 0) {
            throw new IllegalArgumentException("an audio window needs seconds > 0 and a positive sample rate, got "
                    + seconds + " s at " + sampleRate + " Hz");
        }
        if (!hasAudio) {
            throw new MediaException("video '" + file + "' has no audio stream — drop its audio views, or give videos with sound");
        }
        int length = Audio.samplesIn(seconds, sampleRate);
        if (Math.max(start, 0) >= durationSeconds || start + seconds <= 0) {
            return new Audio(new float[length], sampleRate);
        }
        return new Audio(track(sampleRate).window(start, length), sampleRate);
    }

    /** Frees the grabbers and the decoded sound. Reads after closing fail. */
    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(r -> closeQuietly(r.grabber));
        idle.clear();
        tracks.clear();
    }

    /** An owned copy of the grabber's RGB frame (which it reuses), resized when asked. */
    private static Mat toRgb(Mat shared, int height, int width) {
        if (height <= 0 || (height == shared.rows() && width == shared.cols())) {
            return shared.clone();
        }
        var out = new Mat();
        boolean shrinking = height < shared.rows() && width < shared.cols();
        try (var size = new Size(width, height)) {
            resize(shared, out, size, 0, 0, shrinking ? INTER_AREA : INTER_LINEAR);
        }
        return out;
    }

    private synchronized AudioTimeline track(int sampleRate) {
        checkOpen();
        return tracks.computeIfAbsent(sampleRate, rate -> AudioTimeline.ofVideo(file, durationSeconds, rate));
    }

    private synchronized PictureReader takeReader() {
        checkOpen();
        var reader = idle.poll();
        return reader != null ? reader : new PictureReader(startPictureGrabber(file));
    }

    private synchronized void giveBack(PictureReader reader) {
        if (closed) {
            closeQuietly(reader.grabber);
        } else {
            idle.push(reader);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("video '" + file + "' is closed");
        }
    }

    /** A started grabber that converts frames to RGB and decodes on the caller's thread only. */
    private static FFmpegFrameGrabber startPictureGrabber(Path file) {
        var grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        // viewpair parallelizes over samples: FFmpeg's own decoding threads would only compete for the cores
        grabber.setVideoOption("threads", "1");
        try {
            // not start(): it holds one JVM-wide lock while it opens the file and probes its streams, so worker
            // threads opening videos took turns; FFmpeg ≥ 4 opens codecs thread-safely without it
            grabber.startUnsafe();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new MediaException("cannot decode video '" + file + "': " + FfmpegErrors.describe(e)
                    + " — check that it is a video file FFmpeg reads (MP4, MKV, AVI, WebM, …) and not truncated", e);
        }
        return grabber;
    }

    /** A started picture grabber and the frame it decoded last ({@code null} before its first read). */
    private static final class PictureReader {
        final FFmpegFrameGrabber grabber;
        /** The grabber's own frame object, valid until its next grab. */
        Frame last;

        PictureReader(FFmpegFrameGrabber grabber) {
            this.grabber = grabber;
        }

        /** Whether decoding on from the last frame reaches the frame shown at {@code t} soon enough. */
        boolean canStepTo(double t) {
            if (last == null) {
                return false;
            }
            double lastStart = last.timestamp / 1e6;
            return lastStart <= t + TOLERANCE_SECONDS && t - lastStart <= STEP_FORWARD_SECONDS;
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            // not close(): it takes the JVM-wide lock that start() does (see startPictureGrabber)
            grabber.releaseUnsafe();
        } catch (FrameGrabber.Exception ignored) {
            // closing frees native memory; a failure here leaves nothing to undo
        }
    }
}
