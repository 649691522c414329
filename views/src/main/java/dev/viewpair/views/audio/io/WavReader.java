package dev.viewpair.views.audio.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads RIFF/WAVE PCM (8/16/24/32-bit integer, 32-bit float, also in WAVE_FORMAT_EXTENSIBLE) straight to
 * mono float samples, without FFmpeg: opening FFmpeg's demuxer costs milliseconds of probing per file,
 * which dominates the decode of a short clip. Anything else (another codec, a rate that needs
 * resampling, a malformed header) is left to FFmpeg by returning {@code null}.
 */
final class WavReader {
    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavReader() {}

    /**
     * Where a WAV's samples lie and how they are coded.
     *
     * @param dataOffset the byte offset of the first sample frame
     * @param frames the sample frames the data chunk holds within the bytes there are
     */
    record Layout(int format, int channels, int rate, int bits, long dataOffset, long frames) {
        /** Whether {@link #mono} reads this coding. */
        boolean supported() {
            return channels >= 1 && WavReader.supported(format, bits);
        }

        int bytesPerFrame() {
            return channels * bits / 8;
        }

        /** Sample frames {@code [0, count)} of {@code b} from {@code offset} on, averaged to mono. */
        float[] mono(ByteBuffer b, int offset, int count) {
            var out = new float[count];
            mono(b, offset, count, out, 0);
            return out;
        }

        /** As {@link #mono(ByteBuffer, int, int)}, into {@code out} from {@code at} on. */
        void mono(ByteBuffer b, int offset, int count, float[] out, int at) {
            WavReader.mono(b, offset, count, channels, format, bits, out, at);
        }
    }

    /**
     * The file's samples averaged to mono, or {@code null} when this reader does not handle it.
     *
     * @param maxSamples keep at most this many samples
     */
    static Audio read(byte[] bytes, int sampleRate, long maxSamples) {
        var layout = layout(ByteBuffer.wrap(bytes), bytes.length);
        if (layout == null || layout.rate() != sampleRate || !layout.supported()) {
            return null;
        }
        int frames = (int) Math.min(Math.min(layout.frames(), maxSamples), Integer.MAX_VALUE - 8);
        var b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return frames == 0 ? null : new Audio(layout.mono(b, (int) layout.dataOffset(), frames), sampleRate);
    }

    /**
     * The layout of a RIFF/WAVE file from its first bytes ({@code head}, which must reach the data chunk's header),
     * or {@code null} when they are not WAV or hold no data chunk header.
     *
     * @param fileLength the whole file's length, which bounds the data chunk
     */
    static Layout layout(ByteBuffer head, long fileLength) {
        int length = head.limit();
        if (!isRiff(head)) {
            return null;
        }
        var b = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        // a long: a chunk may declare up to 4 GiB, which must step past the end rather than overflow an int
        long pos = 12;
        while (pos + 8 <= length) {
            long size = Integer.toUnsignedLong(b.getInt((int) pos + 4));
            int body = (int) pos + 8;
            if (tag(b, (int) pos, "fmt ") && size >= 16 && body + 16 <= length) {
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                bits = Short.toUnsignedInt(b.getShort(body + 14));
                if (format == EXTENSIBLE && size >= 26 && body + 26 <= length) {
                    format = Short.toUnsignedInt(b.getShort(body + 24)); // the sub-format GUID's first two bytes
                }
            } else if (tag(b, (int) pos, "data")) {
                int bytesPerFrame = channels * bits / 8;
                long frames = bytesPerFrame <= 0 ? 0 : Math.min(size, fileLength - body) / bytesPerFrame;
                return new Layout(format, channels, rate, bits, body, frames);
            }
            pos = body + size + (size & 1); // chunks are padded to even sizes
        }
        return null;
    }

    /** Whether the bytes start as a RIFF/WAVE file does. */
    static boolean isRiff(byte[] head) {
        return isRiff(ByteBuffer.wrap(head));
    }

    private static boolean isRiff(ByteBuffer head) {
        return head.limit() >= 12 && tag(head, 0, "RIFF") && tag(head, 8, "WAVE");
    }

    private static boolean supported(int format, int bits) {
        return (format == PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (format == IEEE_FLOAT && bits == 32);
    }

    private static void mono(ByteBuffer b, int offset, int frames, int channels, int format, int bits, float[] out, int at) {
        if (format == PCM && bits == 16 && channels == 1) {
            // the common case, without the per-sample dispatch
            for (int i = 0; i < frames; i++) {
                out[at + i] = b.getShort(offset + 2 * i) / 32768f;
            }
            return;
        }
        int width = bits / 8;
        float scale = 1f / channels;
        int p = offset;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += width) {
                sum += sample(b, p, format, bits);
            }
            out[at + i] = sum * scale;
        }
    }

    private static float sample(ByteBuffer b, int p, int format, int bits) {
        if (format == IEEE_FLOAT) {
            return b.getFloat(p);
        }
        return switch (bits) {
            case 8 -> ((b.get(p) & 0xff) - 128) / 128f; // 8-bit WAV is unsigned
            case 16 -> b.getShort(p) / 32768f;
            case 24 -> ((b.get(p) & 0xff) | (b.get(p + 1) & 0xff) << 8 | b.get(p + 2) << 16) / 8388608f;
            default -> b.getInt(p) / 2147483648f;
        };
    }

    private static boolean tag(ByteBuffer bytes, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (bytes.get(at + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
