package dev.viewpair.views.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    /** A RIFF/WAVE file written byte by byte, independently of the reader. */
    private static byte[] wav(int format, int channels, int rate, int bits, byte[] data, boolean extraChunk) {
        var out = new ByteArrayOutputStream();
        var fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        int riffSize = 4 + (8 + 16) + (extraChunk ? 8 + 3 + 1 : 0) + 8 + data.length;
        var head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes()).putInt(riffSize).put("WAVE".getBytes());
        out.writeBytes(head.array());
        out.writeBytes(chunk("fmt ", fmt.array()));
        if (extraChunk) {
            out.writeBytes(chunk("LIST", new byte[] {1, 2, 3})); // odd size: padded to even
        }
        out.writeBytes(chunk("data", data));
        return out.toByteArray();
    }

    private static byte[] chunk(String tag, byte[] body) {
        var b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(tag.getBytes()).putInt(body.length).put(body);
        return b.array();
    }

    @Test
    void sixteenBitStereoIsAveragedToMono() {
        var data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 16384).putShort((short) -16384).putShort((short) 32767).putShort((short) 0);
        var audio = WavReader.read(wav(1, 2, 16000, 16, data.array(), true), 16000, Long.MAX_VALUE);
        assertEquals(16000, audio.sampleRate());
        assertArrayEquals(new float[] {0f, 32767f / 65536f}, audio.samples(), 1e-7f);
    }

    @Test
    void twentyFourBitAndFloatSamples() {
        var pcm24 = new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0}; // +0.5, -0.5
        assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.read(wav(1, 1, 8000, 24, pcm24, false), 8000, 99).samples(), 1e-7f);
        var f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-1f).array();
        assertArrayEquals(new float[] {0.25f, -1f}, WavReader.read(wav(3, 1, 8000, 32, f32, false), 8000, 99).samples());
        assertArrayEquals(new float[] {0.25f}, WavReader.read(wav(3, 1, 8000, 32, f32, false), 8000, 1).samples());
    }

    @Test
    void leavesToFfmpegWhatNeedsResamplingOrIsNotPcm() {
        var data = new byte[8];
        assertNull(WavReader.read(wav(1, 1, 44100, 16, data, false), 16000, Long.MAX_VALUE));
        assertNull(WavReader.read(wav(6, 1, 16000, 8, data, false), 16000, Long.MAX_VALUE)); // A-law
        assertNull(WavReader.read("not a wav file at all".getBytes(), 16000, Long.MAX_VALUE));
    }

    @Test
    void decoderGivesTheSameSamplesThroughEitherPath(@TempDir Path dir) throws Exception {
        var data = ByteBuffer.allocate(2 * 1600).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1600; i++) {
            data.putShort((short) Math.round(20000 * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
        }
        var file = dir.resolve("tone.wav");
        Files.write(file, wav(1, 1, 16000, 16, data.array(), false));
        var fast = AudioDecoder.decode(file, 16000);
        // at 8 kHz the reader declines, so FFmpeg decodes and resamples the same file
        var viaFfmpeg = AudioDecoder.decode(file, 8000);
        assertEquals(1600, fast.samples().length);
        assertEquals(Math.round(20000 * Math.sin(2 * Math.PI * 440 * 3 / 16000.0)) / 32768.0, fast.samples()[3], 1e-7);
        assertEquals(800, viaFfmpeg.samples().length, 16);
        assertEquals(8000, viaFfmpeg.sampleRate());
    }
}
