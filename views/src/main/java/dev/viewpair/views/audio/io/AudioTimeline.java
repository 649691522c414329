package dev.viewpair.views.audio.io;

import java.nio.file.Path;

/**
 * The sound of one file at one sample rate, read window by window instead of decoded whole: its duration is
 * known from the file's header, and {@link #window} decodes only around the window asked for. A PCM WAV is read by
 * byte offset, a native FLAC frame by frame (seeking with its SEEKTABLE or by frame headers), anything else through
 * FFmpeg in blocks of {@value #BLOCK_SECONDS} s on a fixed grid, each decoded from a seek
 * {@value FfmpegBlocks#PREROLL_SECONDS} s before it. {@link AudioDecoder#open} makes one for a WAV or FLAC file of
 * any length and for another audio file longer than {@value #WHOLE_SECONDS} s; a
 * {@link dev.viewpair.views.video.io.Video} holds one per rate for its sound. A view that reads all of the sound
 * gets it from {@link #whole}, for a file of at most {@value #WHOLE_SECONDS} s; a short video's track is decoded
 * whole ({@link #ofDecoded}).
 *
 * <p>A window depends only on the file, the rate and its time, never on the windows read before. WAV and FLAC
 * windows equal the same slice of the whole file's decode exactly; FFmpeg's lossy codecs agree within what their
 * decoders' state after a seek allows (see {@link FfmpegBlocks}). What one window decodes (a FLAC frame, an FFmpeg
 * block) is kept for the next, so the views of one sample, which share the timeline, decode it once. Thread-safe:
 * reads are serialized. It holds no open file between reads, so nothing needs closing.
 */
public final class AudioTimeline implements Sound {
    /**
     * Sound up to this long may be decoded whole: a view that reads all of it gets it whole ({@link #whole}), and a
     * file FFmpeg decodes (no WAV or FLAC) is decoded whole when opened. Whole decoding of a 30 s clip costs a few
     * milliseconds and 5.8 MB at 48 kHz and covers the clip datasets (ESC-50, AudioSet, Speech Commands); past it,
     * time and memory grow with the file while a view reads a second or two.
     */
    public static final double WHOLE_SECONDS = 30;
    /** The block length of sound that FFmpeg decodes. */
    public static final double BLOCK_SECONDS = 10;

    private final Path file;
    private final int sampleRate;
    private final double durationSeconds;
    private final SampleReader reader;
    /** The whole decode, once a view asked for it. */
    private Audio whole;

    AudioTimeline(Path file, int sampleRate, double durationSeconds, SampleReader reader) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.durationSeconds = durationSeconds;
        this.reader = reader;
    }

    /**
     * The sound track of a video file at {@code sampleRate}, decoded by FFmpeg block by block (whole on the first
     * window when the video lasts at most {@value #WHOLE_SECONDS} s). {@link dev.viewpair.views.video.io.Video} reads
     * the track of a longer video so; a shorter one's comes from the container that reads its pictures
     * ({@link #ofDecoded}).
     *
     * @param durationSeconds the video's duration, as its container declares it
     */
    public static AudioTimeline ofVideo(Path file, double durationSeconds, int sampleRate) {
        return new AudioTimeline(file, sampleRate, durationSeconds,
                new FfmpegBlocks(file, "the audio of video", durationSeconds, sampleRate));
    }

    /**
     * The sound track of a video file at {@code sampleRate}, decoded whole already (by the container that reads the
     * video's pictures): mono samples from sample number {@code first} (time × rate) on.
     *
     * @param durationSeconds the video's duration, as its container declares it
     */
    public static AudioTimeline ofDecoded(Path file, double durationSeconds, int sampleRate, long first, float[] samples) {
        return new AudioTimeline(file, sampleRate, durationSeconds, new PcmBlock(first, samples));
    }

    /** The file read. */
    public Path path() {
        return file;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** The duration the file declares: WAV's data chunk, FLAC's STREAMINFO, else the container's. */
    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    /**
     * {@inheritDoc} A window wholly outside {@code [0, duration)} decodes nothing.
     *
     * @throws dev.viewpair.views.MediaException when the file cannot be read or is corrupt around the window
     */
    @Override
    public synchronized float[] window(double startSeconds, int length) {
        var out = new float[length];
        long from = Math.round(startSeconds * sampleRate);
        if (Math.max(startSeconds, 0) < durationSeconds && from + length > 0) {
            reader.read(from, out);
        }
        return out;
    }

    /**
     * All of the sound, decoded whole exactly as {@link AudioDecoder#decode(Path, int)} decodes the file, for a view
     * that reads all of it; kept for the sample's other views.
     *
     * @throws IllegalStateException when the sound lasts more than {@value #WHOLE_SECONDS} s
     * @throws dev.viewpair.views.MediaException when the file cannot be read or is corrupt
     */
    public synchronized Audio whole() {
        if (durationSeconds > WHOLE_SECONDS) {
            throw new IllegalStateException("audio '" + file + "' lasts " + durationSeconds + " s, more than the "
                    + WHOLE_SECONDS + " s decoded whole: read it by window");
        }
        if (whole == null) {
            whole = AudioDecoder.decode(file, sampleRate);
        }
        return whole;
    }

    /** The samples decoded so far, each counted every time it was decoded: what the windows read cost. */
    synchronized long decodedSamples() {
        return reader.decodedSamples();
    }
}
