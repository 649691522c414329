package dev.viewpair.views.audio;

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
     * The file's samples averaged to mono, or {@code null} when this reader does not handle it.
     *
     * @param maxSamples keep at most this many samples
     */
    static Audio read(byte[] bytes, int sampleRate, long maxSamples) {
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            return null;
        }
        var b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        // a long: a chunk may declare up to 4 GiB, which must step past the end rather than overflow an int
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(b.getInt((int) pos + 4));
            int body = (int) pos + 8;
            if (tag(bytes, (int) pos, "fmt ") && size >= 16 && body + 16 <= bytes.length) {
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                bits = Short.toUnsignedInt(b.getShort(body + 14));
                if (format == EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) {
                    format = Short.toUnsignedInt(b.getShort(body + 24)); // the sub-format GUID's first two bytes
                }
            } else if (tag(bytes, (int) pos, "data")) {
                if (channels < 1 || rate != sampleRate || !supported(format, bits)) {
                    return null;
                }
                int bytesPerFrame = channels * bits / 8;
                long available = Math.min(size, bytes.length - (long) body) / bytesPerFrame;
                int frames = (int) Math.min(Math.min(available, maxSamples), Integer.MAX_VALUE - 8);
                return frames == 0 ? null : new Audio(mono(b, body, frames, channels, format, bits), sampleRate);
            }
            pos = body + size + (size & 1); // chunks are padded to even sizes
        }
        return null;
    }

    private static boolean supported(int format, int bits) {
        return (format == PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (format == IEEE_FLOAT && bits == 32);
    }

    private static float[] mono(ByteBuffer b, int offset, int frames, int channels, int format, int bits) {
        var out = new float[frames];
        int width = bits / 8;
        float scale = 1f / channels;
        int p = offset;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += width) {
                sum += sample(b, p, format, bits);
            }
            out[i] = sum * scale;
        }
        return out;
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

    private static boolean tag(byte[] bytes, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
