package dev.viewpair.views.video.io;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.Timed;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioTimeline;
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
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The video modality adapter: a video file as a timeline that yields frames and audio windows by time. Opening
 * probes the container (streams, frame rate, duration) and fails with a {@link MediaException} naming the file
 * when it is missing, empty, corrupt, or has no video stream; nothing is decoded up front. A {@code Video} is
 * meant to be opened once per sample and shared by all of the sample's views: what it decodes for one view
 * serves the others.
 *
 * <p>The file is opened in FFmpeg once ({@link FfmpegMedia}: the probe's container, kept for the reads), and again
 * only when several threads read one {@code Video} at once (one open container per concurrent reader). A frame read
 * seeks (to the keyframe before the time, then decodes forward) unless the container's last frame lies at most
 * {@value #STEP_FORWARD_SECONDS} s before the time asked for: then it decodes on from there; only the frames kept
 * are converted to RGB. Video decoding is exact, so either way a read returns the same frame, whatever was read
 * before.
 *
 * <p>The sound is decoded once per sample rate asked for, on first use: for clips of up to
 * {@value AudioTimeline#WHOLE_SECONDS} s the whole track, from the same open container as the pictures (a fresh
 * decoder from the container's start, so the same samples as a fresh open); longer ones in fixed blocks (see
 * {@link AudioTimeline#ofVideo}). Every audio window is cut from it, so its samples depend only on its time, not on
 * the windows read before.
 *
 * <p>Frame selection assumes a constant frame rate: the frame shown at time t is the last one that starts at
 * or before t. Close the {@code Video} to free its containers.
 */
public final class Video implements Timed, AutoCloseable {
    /** Slack for timestamps that the container rounds to microseconds or milliseconds. */
    private static final double TOLERANCE_SECONDS = 1e-5;
    /**
     * How far a read decodes forward from the last frame rather than seek: a seek decodes from the keyframe
     * before the time, typically ½–10 s of frames back, so a short step forward is never dearer.
     */
    static final double STEP_FORWARD_SECONDS = 1.0;

    private final Path file;
    private final double durationSeconds;
    private final double frameRate;
    private final int width;
    private final int height;
    private final boolean hasAudio;
    /** Open containers that no read holds. */
    private final Deque<FfmpegMedia> idle = new ArrayDeque<>();
    /** The decoded sound, per sample rate. */
    private final Map<Integer, AudioTimeline> tracks = new HashMap<>();
    private boolean closed;

    private Video(Path file, FfmpegMedia probe) {
        this.file = file;
        this.durationSeconds = probe.durationMicros() / 1e6;
        this.frameRate = probe.frameRate();
        this.width = probe.width();
        this.height = probe.height();
        this.hasAudio = probe.hasAudio();
        idle.push(probe);
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
        var probe = FfmpegMedia.open(file);
        String problem = null;
        if (probe.width() <= 0 || probe.height() <= 0) {
            problem = "has no video stream — give a video file (for sound alone, read it as audio)";
        } else if (!(probe.frameRate() > 0)) {
            problem = "declares no frame rate — re-encode it (e.g. ffmpeg -i in -r 25 out.mp4)";
        } else if (probe.durationMicros() <= 0) {
            problem = "declares no duration — it is truncated or a live stream; re-encode it (ffmpeg -i in out.mp4)";
        }
        if (problem != null) {
            probe.close();
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
        var media = take();
        var frames = new ArrayList<Mat>(times.length);
        boolean fine = false;
        try {
            double frameSeconds = 1 / frameRate;
            double last = Math.max(0, durationSeconds - frameSeconds);
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < times.length; i++) {
                double asked = times[i];
                if (asked < previous) {
                    throw new IllegalArgumentException("frame times must not decrease, got " + asked + " after " + previous);
                }
                previous = asked;
                double t = Math.min(Math.max(asked, 0), last);
                // half a frame early, so that rounding in the container never makes the seek overshoot t
                if (i == 0 && !canStepTo(media, t) && !media.seekPicture(Math.max(0, t - frameSeconds / 2))) {
                    throw new MediaException("video '" + file + "' has no frame at " + t + " s though it declares "
                            + durationSeconds + " s — it is truncated; re-encode or remove it");
                }
                // step forward while the next frame starts at or before t
                while (media.pictureSeconds() + frameSeconds <= t + TOLERANCE_SECONDS && media.nextPicture()) {
                    // decoded on
                }
                frames.add(media.picture(shared -> toRgb(shared, height, width)));
            }
            fine = true;
            return frames;
        } finally {
            if (fine) {
                giveBack(media);
            } else {
                // a reader that failed mid-read is in an unknown state: drop it, and what was made so far
                media.close();
                frames.forEach(Mat::close);
            }
        }
    }

    /** Whether decoding on from the reader's last frame reaches the frame shown at {@code t} soon enough. */
    private static boolean canStepTo(FfmpegMedia media, double t) {
        if (!media.hasPicture()) {
            return false;
        }
        double lastStart = media.pictureSeconds();
        return lastStart <= t + TOLERANCE_SECONDS && t - lastStart <= STEP_FORWARD_SECONDS;
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

    /** Frees the containers and the decoded sound. Reads after closing fail. */
    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(FfmpegMedia::close);
        idle.clear();
        tracks.clear();
    }

    /** An owned copy of the container's RGB frame (which it reuses), resized when asked. */
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
        var track = tracks.get(sampleRate);
        if (track == null) {
            track = durationSeconds <= AudioTimeline.WHOLE_SECONDS ? decodedTrack(sampleRate)
                    : AudioTimeline.ofVideo(file, durationSeconds, sampleRate);
            tracks.put(sampleRate, track);
        }
        return track;
    }

    /** The whole sound track, decoded now by an open container. */
    private AudioTimeline decodedTrack(int sampleRate) {
        var media = take();
        boolean fine = false;
        try {
            var sound = media.sound(sampleRate);
            fine = true;
            return AudioTimeline.ofDecoded(file, durationSeconds, sampleRate, sound.first(), sound.samples());
        } finally {
            if (fine) {
                giveBack(media);
            } else {
                media.close();
            }
        }
    }

    private synchronized FfmpegMedia take() {
        checkOpen();
        var media = idle.poll();
        return media != null ? media : FfmpegMedia.open(file);
    }

    private synchronized void giveBack(FfmpegMedia media) {
        if (closed) {
            media.close();
        } else {
            idle.push(media);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("video '" + file + "' is closed");
        }
    }
}
