package dev.viewpair.recipes.cli;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A corpus of broken media, written by the tests from good files (OpenCV/FFmpeg output) and crafted bytes. Each
 * method writes its files under a folder and returns file name → a phrase its bad-input reason must contain.
 */
final class BadCorpus {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private BadCorpus() {}

    /**
     * Broken images: empty, truncated JPEG and PNG, random bytes, headers that claim 60000×60000 pixels (PNG
     * and BMP), a WAV named .jpg, and {@code missing.png}, which is not written.
     */
    static Map<String, String> images(Path dir, Path goodJpg, Path goodPng, Path goodWav) throws IOException {
        Files.createDirectories(dir);
        var expect = new LinkedHashMap<String, String>();
        expect.put(write(dir, "empty.png", new byte[0]), "empty (0 bytes)");
        expect.put(write(dir, "truncated.jpg", half(goodJpg)), "corrupt");
        expect.put(write(dir, "truncated.png", half(goodPng)), "corrupt");
        expect.put(write(dir, "random.jpg", random(4000, 1)), "corrupt");
        expect.put(write(dir, "huge.png", hugePng()), "megapixels");
        expect.put(write(dir, "huge.bmp", hugeBmp()), "megapixels");
        expect.put(write(dir, "wav-named.jpg", Files.readAllBytes(goodWav)), "its content is WAV audio, not image");
        expect.put("missing.png", "does not exist");
        return expect;
    }

    /**
     * Broken sounds: empty, truncated WAV, FLAC and MP3 (cut inside their headers), random bytes, a PNG named
     * .wav, a WAV whose format tag no codec knows, and a WAV with a chunk that claims 4 GiB.
     */
    static Map<String, String> sounds(Path dir, Path goodWav, Path goodFlac, Path goodPng) throws Exception {
        Files.createDirectories(dir);
        var mp3 = writeMp3(dir.resolve("good.mp3"));
        var expect = new LinkedHashMap<String, String>();
        expect.put(write(dir, "empty.wav", new byte[0]), "empty (0 bytes)");
        expect.put(write(dir, "truncated.wav", Arrays.copyOf(Files.readAllBytes(goodWav), 30)), "cannot decode audio");
        expect.put(write(dir, "truncated.flac", Arrays.copyOf(Files.readAllBytes(goodFlac), 30)), "cannot decode audio");
        expect.put(write(dir, "truncated.mp3", Arrays.copyOf(Files.readAllBytes(mp3), 100)), "cannot decode audio");
        Files.delete(mp3);
        expect.put(write(dir, "random.mp3", random(4000, 2)), "audio");
        expect.put(write(dir, "png-named.wav", Files.readAllBytes(goodPng)), "its content is a PNG image, not audio");
        expect.put(write(dir, "unknown-tag.wav", unknownFormatTag(Files.readAllBytes(goodWav))), "no stream it can decode");
        expect.put(write(dir, "huge-chunk.wav", hugeChunkWav()), "cannot decode audio");
        return expect;
    }

    /**
     * Broken videos: empty, truncated (its index, written last, cut off), random bytes, an MP4 with sound but no
     * picture, and a PNG named .mp4.
     */
    static Map<String, String> videos(Path dir, Path goodVideo, Path goodPng) throws Exception {
        Files.createDirectories(dir);
        var expect = new LinkedHashMap<String, String>();
        expect.put(write(dir, "empty.mp4", new byte[0]), "empty (0 bytes)");
        expect.put(write(dir, "truncated.mp4", half(goodVideo)), "cannot decode video");
        expect.put(write(dir, "random.mp4", random(4000, 3)), "video");
        expect.put(writeSoundOnlyMp4(dir.resolve("sound-only.mp4")).getFileName().toString(), "has no video stream");
        expect.put(write(dir, "png-named.mp4", Files.readAllBytes(goodPng)), "its content is a PNG image, not video");
        return expect;
    }

    /** A 1 s, 48×48, 10 fps MPEG-4 video without sound whose frames change colour. */
    static Path writeVideo(Path file, int seed) throws Exception {
        Files.createDirectories(file.getParent());
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 48, 48, 0); var converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(10);
            recorder.start();
            for (int i = 0; i < 10; i++) {
                try (var colour = new Scalar(20 * i, 40 * seed % 255, 255 - 20 * i, 0); var frame = new Mat(48, 48, CV_8UC3, colour)) {
                    recorder.record(converter.convert(frame), avutil.AV_PIX_FMT_RGB24);
                }
            }
            recorder.stop();
        }
        return file;
    }

    private static Path writeSoundOnlyMp4(Path file) throws Exception {
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(16000);
            recorder.start();
            recorder.recordSamples(16000, 1, FloatBuffer.wrap(tone()));
            recorder.stop();
        }
        return file;
    }

    private static Path writeMp3(Path file) throws Exception {
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp3");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
            recorder.setSampleRate(16000);
            recorder.start();
            recorder.recordSamples(16000, 1, FloatBuffer.wrap(tone()));
            recorder.stop();
        }
        return file;
    }

    private static float[] tone() {
        var pcm = new float[16000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return pcm;
    }

    /** A PNG signature and IHDR chunk claiming 60000×60000 RGB pixels, and nothing after: 3.6 gigapixels. */
    static byte[] hugePng() {
        var b = ByteBuffer.allocate(33).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(60000).putInt(60000);
        b.put(new byte[] {8, 2, 0, 0, 0}).putInt(0); // 8-bit RGB; the CRC is left wrong
        return b.array();
    }

    /** A BMP file header and BITMAPINFOHEADER claiming 60000×60000 pixels of 24 bits, and no pixels. */
    static byte[] hugeBmp() {
        var b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        b.putInt(40).putInt(60000).putInt(60000).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0);
        return b.array();
    }

    /** A RIFF/WAVE file whose first chunk claims 4 GiB − 16 bytes. */
    static byte[] hugeChunkWav() {
        var b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(56).put("WAVE".getBytes()).put("junk".getBytes()).putInt(0xFFFFFFF0);
        return b.array();
    }

    /** The WAV with its fmt chunk's format tag set to 0x1234, which no codec claims. */
    static byte[] unknownFormatTag(byte[] wav) {
        var out = wav.clone();
        var b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int pos = 12; pos + 8 <= out.length; pos += 8 + b.getInt(pos + 4)) {
            if (out[pos] == 'f' && out[pos + 1] == 'm' && out[pos + 2] == 't') {
                b.putShort(pos + 8, (short) 0x1234);
                return out;
            }
        }
        throw new IllegalArgumentException("no fmt chunk");
    }

    static byte[] random(int n, long seed) {
        var bytes = new byte[n];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] half(Path file) throws IOException {
        var bytes = Files.readAllBytes(file);
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    private static String write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
        return name;
    }
}
