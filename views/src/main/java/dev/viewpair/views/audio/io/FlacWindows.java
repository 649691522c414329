package dev.viewpair.views.audio.io;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.audio.io.FlacReader.Frame;
import dev.viewpair.views.audio.io.FlacReader.Malformed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A native FLAC read window by window: only the frames a window covers are decoded, with {@link FlacReader}'s own
 * frame decoding, so a window equals that slice of the whole decode exactly (FLAC frames decode independently).
 *
 * <p>The frame that holds a sample is found from frames whose place is known: the first, the SEEKTABLE's points,
 * and every frame found or decoded since. Between the known frames around the sample it guesses a byte offset in
 * proportion, scans from there for a frame header (sync code, CRC-8, a first sample between the two, and the next
 * frame's header where this one ends), and narrows on; within {@value #WALK_FRAMES} frames it decodes on frame by
 * frame. Frame headers carry their first sample's number, which is what makes a found frame's place certain.
 * Decoded frames are kept for the sample's other windows. Bytes are read from the file in chunks, opened per read.
 */
final class FlacWindows implements SampleReader {
    /** Decoded frames kept at once: at 4096 samples a frame, 16 s at 16 kHz, more than one sample's views span. */
    private static final int KEPT_FRAMES = 64;
    /** Bytes read at once: many frames, so that the frames of a window come from one read. */
    private static final int CHUNK_BYTES = 1 << 18;
    /** A frame's size has 24 bits in STREAMINFO: no frame is longer. */
    private static final int MAX_FRAME_BYTES = 1 << 24;
    /** Bytes scanned for the next frame's header when STREAMINFO does not give the largest frame. */
    private static final int UNKNOWN_FRAME_BYTES = 1 << 17;
    /** The longest frame header (sync, codes, a 7-byte number, block size, rate, CRC-8). */
    private static final int HEADER_BYTES = 16;
    /**
     * How near (in frames) a known frame must be to decode on from it rather than narrow on: only the frame that holds
     * the sample is decoded, as finding a frame by its header costs a fraction of decoding one (a pair's two 1 s
     * windows of a 2–6 s FLAC: 28 000 samples decoded instead of 30 300 with 4, 3 % less CPU).
     */
    private static final int WALK_FRAMES = 1;

    private final Path file;
    private final long fileLength;
    private final FlacReader.Stream stream;
    private final FlacReader.FrameDecoder decoder;
    /** Frames whose place is certain: first sample → byte offset. */
    private final TreeMap<Long, Long> known = new TreeMap<>();
    private final Map<Long, float[]> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, float[]> eldest) {
            return size() > KEPT_FRAMES;
        }
    };
    /** The bytes last read, from {@code chunkStart} on. */
    private byte[] chunk = new byte[0];
    private long chunkStart;
    private long decodedSamples;

    /** Work on the bytes of one frame, which lies at {@code at} in {@code bytes}. */
    @FunctionalInterface
    private interface AtFrame<T> {
        T apply(byte[] bytes, int at) throws Malformed;
    }

    FlacWindows(Path file, long fileLength, FlacReader.Stream stream) {
        this.file = file;
        this.fileLength = fileLength;
        this.stream = stream;
        this.decoder = new FlacReader.FrameDecoder(stream);
        known.put(0L, stream.firstFrame());
        for (int i = 0; i < stream.seekSamples().length; i++) {
            if (stream.seekSamples()[i] < stream.totalSamples()) {
                known.put(stream.seekSamples()[i], stream.firstFrame() + stream.seekOffsets()[i]);
            }
        }
    }

    @Override
    public void read(long from, float[] out) {
        long until = Math.min(from + out.length, stream.totalSamples());
        long sample = Math.max(from, 0);
        while (sample < until) {
            var frame = frameHolding(sample);
            long end = frame.first() + frame.samples().length;
            System.arraycopy(frame.samples(), (int) (sample - frame.first()), out, (int) (sample - from),
                    (int) (Math.min(until, end) - sample));
            sample = end;
        }
    }

    @Override
    public long decodedSamples() {
        return decodedSamples;
    }

    /** A decoded frame and the number of its first sample. */
    private record Decoded(long first, float[] samples) {}

    /** The decoded frame that holds {@code sample}. */
    private Decoded frameHolding(long sample) {
        int block = Math.max(stream.maxBlock(), 16);
        while (true) {
            var lo = known.floorEntry(sample);
            var hi = known.higherEntry(sample);
            long hiSample = hi != null ? hi.getKey() : stream.totalSamples();
            long hiOffset = hi != null ? hi.getValue() : fileLength;
            boolean walk = sample - lo.getKey() < (long) WALK_FRAMES * block;
            if (!walk) {
                // in proportion between the two known frames, a frame's length early so as not to overshoot
                double part = (sample - lo.getKey()) / (double) (hiSample - lo.getKey());
                long guess = lo.getValue() + (long) (part * (hiOffset - lo.getValue())) - frameBytes();
                walk = !probe(Math.max(guess, lo.getValue() + 1), hiOffset, lo.getKey(), hiSample);
            }
            if (walk) {
                float[] frame = decodedAt(lo.getKey(), lo.getValue());
                if (sample < lo.getKey() + frame.length) {
                    return new Decoded(lo.getKey(), frame);
                }
                // else decoding it made the next frame known: go on from there
            }
        }
    }

    /**
     * Scans {@code [from, until)} for a frame whose first sample lies strictly between {@code loSample} and
     * {@code hiSample} and whose next frame's header follows where it should; adds it to {@link #known}.
     *
     * @return whether one was found
     */
    private boolean probe(long from, long until, long loSample, long hiSample) {
        for (long p = from; p < until; p++) {
            int at = cover(p, frameBytes() + HEADER_BYTES);
            byte[] b = chunk;
            if (at + 1 >= b.length) {
                break;
            }
            if ((b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xFE) != 0xF8) {
                continue;
            }
            try {
                var frame = Frame.parse(b, at, stream);
                long next = frame.firstSample() + frame.blockSize();
                if (frame.firstSample() > loSample && frame.firstSample() < hiSample
                        && (next >= stream.totalSamples() || followedBy(b, frame, next))) {
                    known.put(frame.firstSample(), p);
                    return true;
                }
            } catch (Malformed | ArrayIndexOutOfBoundsException e) {
                // not a frame header: scan on
            }
        }
        return false;
    }

    /** Whether a frame header with first sample {@code next} starts within a frame's length after {@code frame}. */
    private boolean followedBy(byte[] b, Frame frame, long next) {
        int end = Math.min(b.length - 1, frame.start() + frameBytes());
        for (int q = frame.headerEnd(); q < end; q++) {
            if ((b[q] & 0xFF) == 0xFF && (b[q + 1] & 0xFE) == 0xF8) {
                try {
                    if (Frame.parse(b, q, stream).firstSample() == next) {
                        return true;
                    }
                } catch (Malformed | ArrayIndexOutOfBoundsException e) {
                    // a sync code inside the frame's data: scan on
                }
            }
        }
        return false;
    }

    /** The frame with first sample {@code first} at byte {@code offset}, decoded (or kept from before). */
    private float[] decodedAt(long first, long offset) {
        var kept = decoded.get(first);
        if (kept != null) {
            return kept;
        }
        if (offset >= fileLength) {
            throw corrupt(offset, "the file ends before the " + stream.totalSamples() + " samples its STREAMINFO declares;"
                    + " it is truncated");
        }
        float[] samples = atFrame(offset, (bytes, at) -> {
            var frame = Frame.parse(bytes, at, stream);
            if (frame.firstSample() != first) {
                throw new Malformed();
            }
            var out = new float[(int) Math.min(frame.blockSize(), stream.totalSamples() - first)];
            int end = decoder.decode(bytes, frame, out, 0, out.length);
            known.put(first + out.length, chunkStart + end);
            return out;
        });
        decodedSamples += samples.length;
        decoded.put(first, samples);
        return samples;
    }

    /**
     * Runs {@code work} on the frame at {@code offset}, reading more bytes when the frame runs past those read;
     * a frame that fails with all of its possible bytes at hand is corrupt.
     */
    private <T> T atFrame(long offset, AtFrame<T> work) {
        int wanted = frameBytes() + HEADER_BYTES;
        while (true) {
            int at = cover(offset, wanted);
            try {
                return work.apply(chunk, at);
            } catch (Malformed | ArrayIndexOutOfBoundsException e) {
                boolean allAtHand = chunkStart + chunk.length >= fileLength || chunk.length - at >= MAX_FRAME_BYTES
                        || (stream.maxFrameBytes() > 0 && chunk.length - at >= wanted);
                if (allAtHand) {
                    throw corrupt(offset, "its frame there does not decode");
                }
                wanted = Math.min(MAX_FRAME_BYTES, 2 * Math.max(wanted, chunk.length - at));
            }
        }
    }

    /**
     * Makes {@link #chunk} hold the bytes {@code [offset, offset + length)} (or up to the end of the file) and
     * returns where {@code offset} lies in it.
     */
    private int cover(long offset, int length) {
        long end = Math.min(offset + length, fileLength);
        if (offset < chunkStart || end > chunkStart + chunk.length) {
            int size = (int) Math.min(Math.max(length, CHUNK_BYTES), fileLength - offset);
            var bytes = ByteBuffer.allocate(size);
            try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) >= 0) {
                    // positional reads until the chunk is full or the file ends
                }
            } catch (IOException e) {
                throw AudioDecoder.unreadable(file, e);
            }
            chunk = bytes.position() == size ? bytes.array() : Arrays.copyOf(bytes.array(), bytes.position());
            chunkStart = offset;
        }
        return (int) (offset - chunkStart);
    }

    /** The most bytes one frame takes: STREAMINFO's largest frame when it tells. */
    private int frameBytes() {
        return stream.maxFrameBytes() > 0 ? stream.maxFrameBytes() : UNKNOWN_FRAME_BYTES;
    }

    private MediaException corrupt(long offset, String why) {
        return new MediaException("FLAC audio '" + file + "' is corrupt at byte " + offset + " (" + why
                + ") — re-encode it (e.g. ffmpeg -i in.flac out.flac) or remove it");
    }
}
