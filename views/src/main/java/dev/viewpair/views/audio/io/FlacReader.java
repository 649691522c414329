package dev.viewpair.views.audio.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes native FLAC (RFC 9639: fixed and LPC predictors, Rice-coded residuals, stereo decorrelation, wasted
 * bits) straight to mono float samples, without FFmpeg: opening FFmpeg's demuxer and decoder costs far more
 * than decoding a short clip. Samples are scaled as FFmpeg's float output is (by 2^(bits − 1)) and channels
 * averaged. Anything else (a rate that needs resampling, more than 24 bits per sample, an ID3 tag in front, an Ogg container, a header
 * that does not parse or fails its CRC-8) is left to FFmpeg by returning {@code null}; like FFmpeg's default,
 * the frames' CRC-16 is not checked.
 *
 * <p>Its parts serve {@link FlacWindows} too, which decodes only the frames a window of a long file covers:
 * the metadata ({@link #stream}), frame headers with the number of their first sample ({@link Frame#parse}) and
 * one frame's decoding ({@link FrameDecoder}).
 */
final class FlacReader {
    private FlacReader() {}

    /** A malformed stream: the caller falls back to FFmpeg, which reports it with its own diagnosis. */
    static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    /** Random access to a stream's bytes: {@code length} bytes from {@code position}, or {@link Malformed} past its end. */
    @FunctionalInterface
    interface Bytes {
        byte[] read(long position, int length) throws IOException, Malformed;
    }

    /**
     * What the metadata blocks say (RFC 9639 §8).
     *
     * @param totalSamples the samples per channel, 0 when the encoder did not know
     * @param maxBlock the largest block size, which is every frame's but the last in a fixed-size stream
     * @param maxFrameBytes the largest frame in bytes, 0 when unknown
     * @param firstFrame the byte offset of the first frame
     * @param seekSamples the SEEKTABLE's points (placeholders left out): first samples of frames …
     * @param seekOffsets … and their byte offsets from {@code firstFrame}
     */
    record Stream(int rate, int channels, int bits, long totalSamples, int maxBlock, int maxFrameBytes, long firstFrame,
            long[] seekSamples, long[] seekOffsets) {
        /** Whether this reader decodes it at {@code sampleRate} (up to 24 bits fit in int arithmetic). */
        boolean decodable(int sampleRate) {
            return rate == sampleRate && bits >= 4 && bits <= 24;
        }
    }

    /**
     * The file's samples averaged to mono, or {@code null} when this reader does not handle it.
     *
     * @param maxSamples keep at most this many samples
     */
    static Audio read(byte[] bytes, int sampleRate, long maxSamples) {
        if (!isFlac(bytes)) {
            return null;
        }
        try {
            return decode(bytes, sampleRate, maxSamples);
        } catch (Malformed | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Whether the bytes start as native FLAC does. */
    static boolean isFlac(byte[] head) {
        return head.length >= 42 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C';
    }

    private static Audio decode(byte[] bytes, int sampleRate, long maxSamples) throws Malformed {
        Stream stream;
        try {
            stream = stream((position, length) -> {
                if (position + length > bytes.length) {
                    throw new Malformed();
                }
                return Arrays.copyOfRange(bytes, (int) position, (int) position + length);
            });
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail to read", e);
        }
        if (!stream.decodable(sampleRate)) {
            return null;
        }
        long total = stream.totalSamples();
        long wanted = total > 0 ? Math.min(total, maxSamples) : maxSamples;
        var out = new float[(int) Math.min(total > 0 ? wanted : 1 << 16, Integer.MAX_VALUE - 8)];
        int length = 0;
        var decoder = new FrameDecoder(stream);
        int pos = (int) stream.firstFrame();
        while (pos < bytes.length && length < wanted) {
            var frame = Frame.parse(bytes, pos, stream);
            int n = (int) Math.min(frame.blockSize(), wanted - length);
            if (length + n > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(length + n, 2L * out.length)));
            }
            pos = decoder.decode(bytes, frame, out, length, n);
            length += n;
        }
        if (length == 0) {
            return null;
        }
        return new Audio(length == out.length ? out : Arrays.copyOf(out, length), sampleRate);
    }

    /** The metadata blocks (the first is STREAMINFO; a SEEKTABLE is read, the rest skipped), through {@code in}. */
    static Stream stream(Bytes in) throws IOException, Malformed {
        long pos = 4;
        byte[] info = null;
        long[] seekSamples = {};
        long[] seekOffsets = {};
        boolean last = false;
        while (!last) {
            byte[] header = in.read(pos, 4);
            int type = header[0] & 0x7F;
            last = (header[0] & 0x80) != 0;
            int length = u8(header, 1) << 16 | u8(header, 2) << 8 | u8(header, 3);
            long body = pos + 4;
            if (info == null) {
                if (type != 0 || length < 34) {
                    throw new Malformed();
                }
                info = in.read(body, 34);
            } else if (type == 3) {
                byte[] table = in.read(body, length);
                int points = 0;
                seekSamples = new long[length / 18];
                seekOffsets = new long[length / 18];
                for (int p = 0; p + 18 <= length; p += 18) {
                    long sample = u64(table, p);
                    if (sample != -1L) { // -1: a placeholder
                        seekSamples[points] = sample;
                        seekOffsets[points++] = u64(table, p + 8);
                    }
                }
                seekSamples = Arrays.copyOf(seekSamples, points);
                seekOffsets = Arrays.copyOf(seekOffsets, points);
            }
            pos = body + length;
        }
        int maxBlock = u8(info, 2) << 8 | u8(info, 3);
        int maxFrameBytes = u8(info, 7) << 16 | u8(info, 8) << 8 | u8(info, 9);
        int rate = u8(info, 10) << 12 | u8(info, 11) << 4 | u8(info, 12) >>> 4;
        int channels = (u8(info, 12) >>> 1 & 7) + 1;
        int bits = ((u8(info, 12) & 1) << 4 | u8(info, 13) >>> 4) + 1;
        long total = (long) (u8(info, 13) & 0xF) << 32 | (long) u8(info, 14) << 24
                | u8(info, 15) << 16 | u8(info, 16) << 8 | u8(info, 17);
        return new Stream(rate, channels, bits, total, maxBlock, maxFrameBytes, pos, seekSamples, seekOffsets);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static long u64(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | u8(b, i + k);
        }
        return v;
    }

    /**
     * One frame header (RFC 9639 §9.1) at {@code start}, whose bytes, CRC-8 included, end at {@code headerEnd}.
     *
     * @param firstSample the number of the frame's first sample in the stream
     */
    record Frame(int start, long firstSample, int blockSize, int channels, int assignment, int bits, int headerEnd) {
        private static final int[] BITS = {0, 8, 12, -1, 16, 20, 24, 32};

        /** Parses the header at {@code pos}; {@link Malformed} (or an index past the array) when there is none. */
        static Frame parse(byte[] b, int pos, Stream stream) throws Malformed {
            if (u8(b, pos) != 0xFF || (u8(b, pos + 1) & 0xFE) != 0xF8) {
                throw new Malformed();
            }
            boolean variable = (u8(b, pos + 1) & 1) != 0;
            int blockCode = u8(b, pos + 2) >>> 4;
            int rateCode = u8(b, pos + 2) & 0xF;
            int assignment = u8(b, pos + 3) >>> 4;
            int bitsCode = u8(b, pos + 3) >>> 1 & 7;
            int p = pos + 4;
            // the frame or sample number, UTF-8-like: a leading byte and as many continuation bytes as it says
            int lead = u8(b, p++);
            int extra = lead < 0x80 ? 0 : Integer.numberOfLeadingZeros(~lead << 24) - 1;
            if (extra < 0 || extra > 6 || (lead >= 0x80 && extra == 0)) {
                throw new Malformed();
            }
            long number = lead & (0x7F >> extra);
            for (int k = 0; k < extra; k++) {
                int next = u8(b, p++);
                if ((next & 0xC0) != 0x80) {
                    throw new Malformed();
                }
                number = number << 6 | (next & 0x3F);
            }
            int blockSize = switch (blockCode) {
                case 0 -> throw new Malformed();
                case 1 -> 192;
                case 2, 3, 4, 5 -> 576 << (blockCode - 2);
                case 6 -> u8(b, p++) + 1;
                case 7 -> (u8(b, p++) << 8 | u8(b, p++)) + 1;
                default -> 256 << (blockCode - 8);
            };
            if (rateCode == 12) {
                p += 1;
            } else if (rateCode == 13 || rateCode == 14) {
                p += 2;
            } else if (rateCode == 15) {
                throw new Malformed();
            }
            if (assignment > 10 || BITS[bitsCode] < 0 || crc8(b, pos, p) != u8(b, p)) {
                throw new Malformed();
            }
            // a frame at another rate than the stream's would need resampling: leave such files to FFmpeg
            int rate = switch (rateCode) {
                case 0 -> stream.rate();
                case 4 -> 8000;
                case 5 -> 16000;
                case 6 -> 22050;
                case 7 -> 24000;
                case 8 -> 32000;
                case 9 -> 44100;
                case 10 -> 48000;
                case 11 -> 96000;
                case 1 -> 88200;
                case 2 -> 176400;
                case 3 -> 192000;
                case 12 -> u8(b, p - 1) * 1000;
                case 13 -> u8(b, p - 2) << 8 | u8(b, p - 1);
                default -> (u8(b, p - 2) << 8 | u8(b, p - 1)) * 10;
            };
            if (rate != stream.rate()) {
                throw new Malformed();
            }
            int bits = bitsCode == 0 ? stream.bits() : BITS[bitsCode];
            int channels = assignment < 8 ? assignment + 1 : 2;
            // a fixed-size stream numbers its frames, each but the last of the largest block size
            long firstSample = variable ? number : number * stream.maxBlock();
            return new Frame(pos, firstSample, blockSize, channels, assignment, bits, p + 1);
        }
    }

    /** Decodes frames of one stream to mono, reusing its channel buffers from frame to frame. */
    static final class FrameDecoder {
        private final Stream stream;
        private final BitReader reader = new BitReader();
        private final int[][] channel;

        FrameDecoder(Stream stream) {
            this.stream = stream;
            this.channel = new int[stream.channels()][];
        }

        /**
         * Decodes the frame whose header is {@code frame}, in {@code bytes}, and writes its first {@code count}
         * samples to {@code out} at {@code offset}.
         *
         * @return the position after the frame (its CRC-16 included), where the next frame starts
         */
        int decode(byte[] bytes, Frame frame, float[] out, int offset, int count) throws Malformed {
            int channels = stream.channels();
            if (frame.channels() != channels) {
                throw new Malformed();
            }
            for (int c = 0; c < channels; c++) {
                if (channel[c] == null || channel[c].length < frame.blockSize()) {
                    channel[c] = new int[frame.blockSize()];
                }
            }
            reader.seek(bytes, frame.headerEnd());
            for (int c = 0; c < channels; c++) {
                // the side channel of a decorrelated pair carries one bit more
                int assignment = frame.assignment();
                boolean side = (assignment == 8 && c == 1) || (assignment == 9 && c == 0) || (assignment == 10 && c == 1);
                subframe(reader, channel[c], frame.blockSize(), frame.bits() + (side ? 1 : 0));
            }
            decorrelate(channel, frame.blockSize(), frame.assignment());
            mono(channel, channels, count, frame.bits(), out, offset);
            return reader.alignedPosition() + 2; // the frame's CRC-16
        }
    }

    /** CRC-8 with polynomial x^8 + x^2 + x + 1 over {@code b[from, to)}. */
    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x07) & 0xFF : crc << 1 & 0xFF;
            }
        }
        return crc;
    }

    /** One subframe (RFC 9639 §9.2) of {@code n} samples of {@code bits} bits into {@code out}. */
    private static void subframe(BitReader in, int[] out, int n, int bits) throws Malformed {
        if (in.read(1) != 0) {
            throw new Malformed();
        }
        int type = in.read(6);
        int wasted = 0;
        if (in.read(1) == 1) {
            wasted = in.unary() + 1;
            bits -= wasted;
        }
        if (bits < 1) {
            throw new Malformed();
        }
        if (type == 0) {
            Arrays.fill(out, 0, n, in.signed(bits));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.signed(bits);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(in, out, order, n, bits);
            residual(in, out, order, n);
            fixed(out, order, n);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(in, out, order, n, bits);
            int precision = in.read(4) + 1;
            if (precision == 16) {
                throw new Malformed();
            }
            int shift = in.signed(5);
            if (shift < 0) {
                throw new Malformed();
            }
            var coefficients = new int[order];
            for (int j = 0; j < order; j++) {
                coefficients[j] = in.signed(precision);
            }
            residual(in, out, order, n);
            lpc(out, coefficients, shift, n, bits);
        } else {
            throw new Malformed();
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private static void warmUp(BitReader in, int[] out, int order, int n, int bits) throws Malformed {
        if (order > n) {
            throw new Malformed();
        }
        for (int i = 0; i < order; i++) {
            out[i] = in.signed(bits);
        }
    }

    /** The Rice-coded residual (RFC 9639 §9.2.7) of samples {@code order … n − 1}, into {@code out}. */
    private static void residual(BitReader in, int[] out, int order, int n) throws Malformed {
        int method = in.read(2);
        if (method > 1) {
            throw new Malformed();
        }
        int parameterBits = method == 0 ? 4 : 5;
        int escape = (1 << parameterBits) - 1;
        int partitionOrder = in.read(4);
        int partitions = 1 << partitionOrder;
        if ((n & (partitions - 1)) != 0 || (n >> partitionOrder) < order) {
            throw new Malformed();
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * (n >> partitionOrder);
            int parameter = in.read(parameterBits);
            if (parameter == escape) {
                int raw = in.read(5);
                for (; i < end; i++) {
                    out[i] = raw == 0 ? 0 : in.signed(raw);
                }
            } else {
                in.rice(parameter, out, i, end);
                i = end;
            }
        }
    }

    /** Adds the fixed polynomial predictor of {@code order} to the residual in {@code x[order …)}. */
    private static void fixed(int[] x, int order, int n) {
        switch (order) {
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    x[i] += x[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    x[i] += 2 * x[i - 1] - x[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    x[i] += 3 * x[i - 1] - 3 * x[i - 2] + x[i - 3];
                }
            }
            case 4 -> {
                for (int i = 4; i < n; i++) {
                    x[i] += 4 * x[i - 1] - 6 * x[i - 2] + 4 * x[i - 3] - x[i - 4];
                }
            }
            default -> { } // order 0: the residual is the signal
        }
    }

    /**
     * Adds the LPC prediction Σ c[j]·x[i − 1 − j] >> shift to the residual in {@code x[order …)}, for samples of
     * {@code bits} bits.
     */
    static void lpc(int[] x, int[] c, int shift, int n, int bits) {
        int order = c.length;
        // the common orders (encoders use up to 12 at 48 kHz and below) run with 12 taps written out, the missing
        // ones zero: no inner loop and no coefficient loads per sample; the first 12 samples need the loop
        int loopEnd = order <= 12 ? Math.min(12, n) : n;
        for (int i = order; i < loopEnd; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) c[j] * x[i - 1 - j];
            }
            x[i] += (int) (sum >> shift);
        }
        if (loopEnd == n) {
            return;
        }
        if (sumsFitInInt(c, bits)) {
            lpcInPairs(x, Arrays.copyOf(c, 13), shift, Math.max(order, 12), n);
        } else {
            lpc12(x, Arrays.copyOf(c, 12), shift, Math.max(order, 12), n);
        }
    }

    /**
     * Whether every prediction sum of a subframe fits in an int: |Σ c[j]·x| ≤ Σ|c[j]| · 2^(bits − 1) < 2^31 for
     * samples of {@code bits} bits (as libFLAC and FFmpeg decide between 32- and 64-bit sums, with the actual
     * coefficients instead of their precision).
     */
    static boolean sumsFitInInt(int[] c, int bits) {
        long sum = 0;
        for (int v : c) {
            sum += Math.abs((long) v);
        }
        return sum << (bits - 1) < 1L << 31;
    }

    /** Samples {@code from …} of a 12-tap prediction ({@code t}: the coefficients, zeros past the order), 64-bit sums. */
    private static void lpc12(int[] x, int[] t, int shift, int from, int n) {
        long c0 = t[0];
        long c1 = t[1];
        long c2 = t[2];
        long c3 = t[3];
        long c4 = t[4];
        long c5 = t[5];
        long c6 = t[6];
        long c7 = t[7];
        long c8 = t[8];
        long c9 = t[9];
        long c10 = t[10];
        long c11 = t[11];
        for (int i = from; i < n; i++) {
            long sum = c0 * x[i - 1] + c1 * x[i - 2] + c2 * x[i - 3] + c3 * x[i - 4] + c4 * x[i - 5]
                    + c5 * x[i - 6] + c6 * x[i - 7] + c7 * x[i - 8] + c8 * x[i - 9] + c9 * x[i - 10]
                    + c10 * x[i - 11] + c11 * x[i - 12];
            x[i] += (int) (sum >> shift);
        }
    }

    /**
     * The same prediction two samples per step, when its sums fit in an int ({@link #sumsFitInInt}): each past
     * sample is multiplied once by a long that packs two coefficients, c[k − 1] + 2^32·c[k], so that one 64-bit sum
     * S + 2^32·T holds both sample i's prediction S and all of sample i + 1's but the c[0]·x[i] term, T. 13
     * multiplies per two samples instead of 24, and the newest samples stay in locals, off the memory path. Exact
     * int arithmetic (|S|, |T| < 2^31), so the same samples as {@link #lpc12}.
     *
     * @param t the coefficients, zeros up to index 12
     */
    private static void lpcInPairs(int[] x, int[] t, int shift, int from, int n) {
        long p1 = pack(t[0], t[1]);
        long p2 = pack(t[1], t[2]);
        long p3 = pack(t[2], t[3]);
        long p4 = pack(t[3], t[4]);
        long p5 = pack(t[4], t[5]);
        long p6 = pack(t[5], t[6]);
        long p7 = pack(t[6], t[7]);
        long p8 = pack(t[7], t[8]);
        long p9 = pack(t[8], t[9]);
        long p10 = pack(t[9], t[10]);
        long p11 = pack(t[10], t[11]);
        long p12 = pack(t[11], t[12]);
        int c0 = t[0];
        int x1 = x[from - 1];
        int x2 = x[from - 2];
        int i = from;
        for (; i + 1 < n; i += 2) {
            long sums = p12 * x[i - 12] + p11 * x[i - 11] + p10 * x[i - 10] + p9 * x[i - 9] + p8 * x[i - 8]
                    + p7 * x[i - 7] + p6 * x[i - 6] + p5 * x[i - 5] + p4 * x[i - 4] + p3 * x[i - 3] + p2 * x2
                    + p1 * x1;
            int s = (int) sums;
            int partial = (int) ((sums - s) >> 32);
            int a = x[i] + (s >> shift);
            int b = x[i + 1] + ((partial + c0 * a) >> shift);
            x[i] = a;
            x[i + 1] = b;
            x2 = a;
            x1 = b;
        }
        if (i < n) {
            lpc12(x, Arrays.copyOf(t, 12), shift, i, n);
        }
    }

    /** low + 2^32·high, both signed. */
    private static long pack(int low, int high) {
        return ((long) high << 32) + low;
    }

    /** Undoes left/side (8), side/right (9) or mid/side (10) stereo; independent channels (≤ 7) stay. */
    private static void decorrelate(int[][] ch, int n, int assignment) {
        if (assignment < 8) {
            return;
        }
        int[] a = ch[0];
        int[] b = ch[1];
        if (assignment == 8) {
            for (int i = 0; i < n; i++) {
                b[i] = a[i] - b[i];
            }
        } else if (assignment == 9) {
            for (int i = 0; i < n; i++) {
                a[i] += b[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                int side = b[i];
                int mid = a[i] << 1 | (side & 1);
                a[i] = (mid + side) >> 1;
                b[i] = (mid - side) >> 1;
            }
        }
    }

    private static void mono(int[][] ch, int channels, int n, int bits, float[] out, int offset) {
        float scale = (float) (1.0 / (1L << (bits - 1)));
        if (channels == 1) {
            int[] a = ch[0];
            for (int i = 0; i < n; i++) {
                out[offset + i] = a[i] * scale;
            }
            return;
        }
        float average = 1f / channels;
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += ch[c][i] * scale;
            }
            out[offset + i] = sum * average;
        }
    }

    /** Reads big-endian bit fields from a byte array through a 64-bit cache. */
    private static final class BitReader {
        private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        private byte[] bytes;
        private int pos;
        /** The next bits, left-aligned; the bits below the {@code bits} valid ones are zero. */
        private long cache;
        private int bits;

        void seek(byte[] bytes, int bytePosition) {
            this.bytes = bytes;
            pos = bytePosition;
            cache = 0;
            bits = 0;
        }

        /** The byte position after dropping the bits left of the current byte (frames end byte-aligned). */
        int alignedPosition() {
            return pos - bits / 8;
        }

        private void refill() {
            while (bits <= 56 && pos < bytes.length) {
                cache |= (long) (bytes[pos++] & 0xFF) << (56 - bits);
                bits += 8;
            }
        }

        private void skip(int n) {
            cache = n == 64 ? 0 : cache << n;
            bits -= n;
        }

        /** An unsigned field of 0 to 32 bits. */
        int read(int n) throws Malformed {
            if (n == 0) {
                return 0;
            }
            if (bits < n) {
                refill();
                if (bits < n) {
                    throw new Malformed();
                }
            }
            int v = (int) (cache >>> (64 - n));
            skip(n);
            return v;
        }

        /** A two's-complement field of 1 to 32 bits. */
        int signed(int n) throws Malformed {
            int v = read(n);
            return n == 32 ? v : v << (32 - n) >> (32 - n);
        }

        /** The number of 0 bits before the next 1 bit, which is consumed too. */
        int unary() throws Malformed {
            int count = 0;
            while (true) {
                if (bits == 0) {
                    refill();
                    if (bits == 0) {
                        throw new Malformed();
                    }
                }
                int zeros = Long.numberOfLeadingZeros(cache);
                if (zeros < bits) {
                    skip(zeros + 1);
                    return count + zeros;
                }
                count += bits;
                cache = 0;
                bits = 0;
            }
        }

        /** A Rice code with this parameter: a unary quotient, then {@code parameter} low bits. */
        int rice(int parameter) throws Malformed {
            int quotient = unary();
            return quotient << parameter | read(parameter);
        }

        /**
         * Rice codes with this parameter (below 31) for {@code out[from, to)}, unfolded to signed values (RFC 9639
         * §9.2.7.3): the cache and position held in locals, refilled 32 bits at a time, and a code that lies whole
         * in the cache read with one leading-zero count and one shift; others (a quotient past the cached bits, the
         * stream's last bytes) go through {@link #rice(int)}.
         */
        void rice(int parameter, int[] out, int from, int to) throws Malformed {
            byte[] b = bytes;
            int p = pos;
            long c = cache;
            int n = bits;
            int lastWord = b.length - 4;
            int mask = (1 << parameter) - 1;
            for (int i = from; i < to; i++) {
                if (n <= 32 && p <= lastWord) {
                    c |= ((int) INT_BE.get(b, p) & 0xFFFFFFFFL) << (32 - n);
                    p += 4;
                    n += 32;
                }
                int zeros = Long.numberOfLeadingZeros(c);
                int used = zeros + 1 + parameter;
                int folded;
                if (used < n) {
                    folded = zeros << parameter | ((int) (c >>> (64 - used)) & mask);
                    c <<= used;
                    n -= used;
                } else {
                    pos = p;
                    cache = c;
                    bits = n;
                    folded = rice(parameter);
                    p = pos;
                    c = cache;
                    n = bits;
                }
                out[i] = (folded >>> 1) ^ -(folded & 1);
            }
            pos = p;
            cache = c;
            bits = n;
        }
    }
}
