package dev.viewpair.views.audio.io;

import dev.viewpair.views.MediaException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Sound that FFmpeg decodes (a video's track, an MP3, an M4A, …) at one sample rate, decoded once and cut into
 * every window asked for. Sound of at most {@value AudioTimeline#WHOLE_SECONDS} s is decoded whole, from the start,
 * without seeking; longer sound in blocks of {@value AudioTimeline#BLOCK_SECONDS} s on a fixed grid, each by its own
 * grabber from {@value #PREROLL_SECONDS} s before the block, so that the block's first samples come out of a primed
 * decoder.
 *
 * <p>A window's samples therefore depend only on the file, the rate and the window's time, never on which windows
 * were read before: a codec such as AAC decodes a frame from the previous one's overlap and its own state, so
 * decoding after a seek (as one grabber per window did) differs slightly from decoding through, and reusing one
 * decoder across seeks would make a view depend on the views read before it.
 */
final class FfmpegBlocks implements SampleReader {
    /** How far before a block its decoding starts. */
    static final double PREROLL_SECONDS = 0.5;
    /** Decoded blocks kept at once (the windows of one sample rarely span more than two). */
    private static final int KEPT_BLOCKS = 4;

    private final Path file;
    /** What the file is, for messages: "audio" or "the audio of video". */
    private final String what;
    private final int sampleRate;
    /** Samples per block; {@link Long#MAX_VALUE} when the sound is one block. */
    private final long blockSamples;
    private final Map<Long, PcmBlock> blocks = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PcmBlock> eldest) {
            return size() > KEPT_BLOCKS;
        }
    };
    private long decodedSamples;

    FfmpegBlocks(Path file, String what, double durationSeconds, int sampleRate) {
        this.file = file;
        this.what = what;
        this.sampleRate = sampleRate;
        this.blockSamples = durationSeconds <= AudioTimeline.WHOLE_SECONDS
                ? Long.MAX_VALUE : Math.round(AudioTimeline.BLOCK_SECONDS * sampleRate);
    }

    @Override
    public void read(long from, float[] out) {
        long until = from + out.length;
        long firstBlock = Math.floorDiv(Math.max(from, 0), blockSamples);
        long lastBlock = Math.floorDiv(Math.max(until - 1, 0), blockSamples);
        for (long k = firstBlock; k <= lastBlock; k++) {
            block(k).read(from, out);
        }
    }

    @Override
    public long decodedSamples() {
        return decodedSamples;
    }

    private PcmBlock block(long k) {
        var block = blocks.get(k);
        if (block == null) {
            // block 0 keeps whatever the stream holds before time 0 too, as the whole track does
            block = decode(k == 0 ? Long.MIN_VALUE : k * blockSamples,
                    blockSamples == Long.MAX_VALUE ? Long.MAX_VALUE : (k + 1) * blockSamples);
            decodedSamples += block.samples().length;
            blocks.put(k, block);
        }
        return block;
    }

    /** Decodes the samples in [from, until) with a fresh grabber, from the start when {@code from ≤ 0}. */
    private PcmBlock decode(long from, long until) {
        var grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            grabber.setSampleRate(sampleRate);
            grabber.setAudioOption("threads", "1");
            // a video's picture decoder is opened too, though unused here: without this it starts a thread per core
            grabber.setVideoOption("threads", "1");
            // start() holds one JVM-wide lock while it opens the file and probes its streams, so worker threads
            // opening videos took turns; FFmpeg ≥ 4 opens codecs thread-safely without it
            grabber.startUnsafe();
            Frame frame = from > 0
                    ? seekSamples(grabber, Math.max(0, from / (double) sampleRate - PREROLL_SECONDS))
                    : grabber.grabSamples();
            long position = frame == null ? 0 : Math.round(frame.timestamp / 1e6 * sampleRate);
            long first = Math.max(from, position);
            long expected = until == Long.MAX_VALUE ? Math.round(AudioTimeline.BLOCK_SECONDS * sampleRate) : until - first;
            var samples = new float[(int) Math.max(0, Math.min(expected, Integer.MAX_VALUE - 8))];
            int filled = 0;
            // frames follow each other without gaps: only the first one's timestamp places them
            while (frame != null && position < until) {
                int n = PcmFrames.length(frame);
                long lo = Math.max(position, first);
                long hi = Math.min(position + n, until);
                if (hi > lo) {
                    int end = Math.toIntExact(hi - first);
                    if (end > samples.length) {
                        samples = Arrays.copyOf(samples, Math.max(end, 2 * samples.length));
                    }
                    PcmFrames.copyMono(frame, (int) (lo - position), (int) (hi - lo), samples, (int) (lo - first));
                    filled = end;
                }
                position += n;
                frame = grabber.grabSamples();
            }
            return new PcmBlock(first, filled == samples.length ? samples : Arrays.copyOf(samples, filled));
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(what + " '" + file + "' is corrupt"
                    + (from > 0 ? " after " + from / (double) sampleRate + " s" : "") + ": " + FfmpegErrors.describe(e)
                    + " — re-encode or remove it", e);
        } finally {
            release(grabber);
        }
    }

    /** Frees a grabber without close(), which takes the JVM-wide lock that start() does. */
    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.releaseUnsafe();
        } catch (FrameGrabber.Exception ignored) {
            // releasing frees native memory; a failure here leaves nothing to undo
        }
    }

    /**
     * Seeks to the audio frame that holds {@code seconds} and returns it. Some containers (Matroska with PCM) land
     * after the time asked for: then seek again, further back each time.
     */
    private Frame seekSamples(FFmpegFrameGrabber grabber, double seconds) throws FrameGrabber.Exception {
        double target = seconds;
        double back = 0.5;
        while (true) {
            grabber.setAudioTimestamp(Math.round(target * 1e6));
            Frame frame = grabber.grabSamples();
            if (frame == null || target == 0 || frame.timestamp / 1e6 <= seconds + 0.5 / sampleRate) {
                return frame;
            }
            target = Math.max(0, target - back);
            back *= 2;
        }
    }
}
