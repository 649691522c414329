package dev.viewpair.datasets.loader;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.MediaSniffer;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.image.ImageDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken media through the standard decode-and-view path: each failure is a bad input naming the file at fault. */
class BadMediaTest {
    @TempDir
    Path dir;

    private static final ViewSet IMAGE_AND_SOUND = ViewSet.build(List.of(
            new ViewSpec("img", Modality.IMAGE, List.of(new OpSpec("resize", Map.of("size", 8)))),
            new ViewSpec("sound", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 0.05)),
                    new OpSpec("log_mel", Map.of("mels", 8, "n_fft", 128, "hop", 64))))), OpCatalog.standard(), 1);
    private static final DecodedViews VIEWS = new DecodedViews(IMAGE_AND_SOUND, 8000);

    private Path goodPng() {
        var file = dir.resolve("good.png");
        try (var colour = new Scalar(10, 120, 240, 0); var image = new Mat(16, 16, CV_8UC3, colour)) {
            imwrite(file.toString(), image);
        }
        return file;
    }

    /** A 0.2 s 16-bit mono WAV at 8 kHz, written byte by byte (the RIFF layout is the point here). */
    private static byte[] wav() {
        int n = 1600;
        var b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (8000 * Math.sin(i * 0.3)));
        }
        return b.array();
    }

    private static Sample sample(String id, Path image, Path sound) {
        return new Sample(id, Map.of(Modality.IMAGE, new MediaRef.FileMedia(image), Modality.AUDIO, new MediaRef.FileMedia(sound)), null, Map.of());
    }

    private Source source(List<Sample> samples) {
        var list = new SampleList("test", dir, samples);
        return (SampleList.Backed) () -> list;
    }

    private BadMediaException bad(Sample s) {
        return assertThrows(BadMediaException.class, () -> VIEWS.views(s, 0));
    }

    @Test
    void aGoodPairMakesItsViewsAndABrokenHalfIsBlamedAlone() throws Exception {
        var png = goodPng();
        var sound = Files.write(dir.resolve("good.wav"), wav());
        assertEquals(2, VIEWS.views(sample("ok", png, sound), 0).size());

        var truncated = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(wav(), 30));
        var e = bad(sample("cut", png, truncated));
        assertEquals(truncated.toString(), e.file(), "the sound, not the good image beside it");
        assertTrue(e.getMessage().contains("cut.wav"), e.getMessage());
        // FFmpeg's error code is given in words, without JavaCV's hints for programmers
        assertTrue(e.getMessage().contains("Invalid data found when processing input)"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
        assertTrue(!e.getMessage().contains("setFormat") && !e.getMessage().contains("FFmpegLogCallback"), e.getMessage());

        var missing = dir.resolve("gone.png");
        e = bad(sample("gone", missing, sound));
        assertEquals(missing.toString(), e.file());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void headersClaimingHugeImagesAreRefusedBeforeDecodingNamingTheFile() throws Exception {
        var sound = Files.write(dir.resolve("good.wav"), wav());
        // 20000×20000 is under OpenCV's own limit of 2^30 pixels: only the header check stands between it and a
        // 1.2 GB allocation
        var bmp = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54).putInt(40).putInt(20000).putInt(-20000)
                .putShort((short) 1).putShort((short) 24);
        var webp = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN); // extended WebP: 24-bit sizes minus one
        webp.put("RIFF".getBytes()).putInt(22).put("WEBPVP8X".getBytes()).putInt(10).putInt(0)
                .put((byte) 0x1F).put((byte) 0x4E).put((byte) 0).put((byte) 0x1F).put((byte) 0x4E).put((byte) 0);
        var tiff = ByteBuffer.allocate(8 + 2 + 24 + 4).order(ByteOrder.BIG_ENDIAN); // big-endian, LONG width, SHORT height
        tiff.put("MM".getBytes()).putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 256).putShort((short) 4).putInt(1).putInt(20000);
        tiff.putShort((short) 257).putShort((short) 3).putInt(1).putShort((short) 20000).putShort((short) 0);
        var png = ByteBuffer.allocate(33);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put("IHDR".getBytes())
                .putInt(60000).putInt(60000);
        var cases = Map.of("big.bmp", bmp.array(), "big.webp", webp.array(), "big.tif", tiff.array(), "big.png", png.array());
        for (var c : cases.entrySet()) {
            var file = Files.write(dir.resolve(c.getKey()), c.getValue());
            var e = bad(sample(c.getKey(), file, sound));
            assertEquals(file.toString(), e.file());
            String megapixels = c.getKey().equals("big.png") ? "3600.0" : "400.0";
            assertTrue(e.getMessage().contains("'" + file + "' has " + megapixels + " megapixels, more than the limit"), e.getMessage());
            // every cut of such a header is refused as bad media: the header readers never index past the bytes
            for (int n = 1; n < c.getValue().length; n++) {
                var cut = java.util.Arrays.copyOf(c.getValue(), n);
                assertThrows(MediaException.class, () -> ImageDecoder.decode(cut, "cut"), c.getKey() + " cut at " + n);
            }
        }
    }

    @Test
    void aWavChunkClaimingFourGibibytesIsAnErrorNotACrash() throws Exception {
        var b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(56).put("WAVE".getBytes()).put("junk".getBytes()).putInt(0xFFFFFFF0);
        var file = Files.write(dir.resolve("huge-chunk.wav"), b.array());
        // the chunk walk used to overflow an int and index past the array
        assertThrows(MediaException.class, () -> AudioDecoder.decode(b.array(), "huge-chunk.wav", 8000));
        var e = bad(sample("h", goodPng(), file));
        assertEquals(file.toString(), e.file());

        // a good WAV after such a chunk size is still found when the size is honest
        var good = AudioDecoder.decode(wav(), "w", 8000);
        assertEquals(1600, good.samples().length);
    }

    @Test
    void contentOfAnotherModalityIsNamedInTheReason() throws Exception {
        var png = goodPng();
        var pngAsWav = Files.copy(png, dir.resolve("picture.wav"));
        var e = bad(sample("p", png, pngAsWav));
        assertTrue(e.getMessage().contains("its content is a PNG image, not audio"), e.getMessage());
        var wavAsJpg = Files.write(dir.resolve("sound.jpg"), wav());
        e = bad(sample("w", wavAsJpg, pngAsWav));
        assertEquals(wavAsJpg.toString(), e.file());
        assertTrue(e.getMessage().contains("its content is WAV audio, not image"), e.getMessage());
        // within a modality the decoders read by content: a PNG named .jpg is a good image
        var pngAsJpg = Files.copy(png, dir.resolve("picture.jpg"));
        assertEquals(2, VIEWS.views(sample("j", pngAsJpg, Files.write(dir.resolve("s.wav"), wav())), 0).size());

        assertEquals(Modality.VIDEO, MediaSniffer.sniff(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}).orElseThrow().modality());
        assertEquals(Modality.AUDIO, MediaSniffer.sniff(new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34}).orElseThrow().modality());
        assertTrue(MediaSniffer.sniff(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}).isEmpty());
    }

    @Test
    void anEpochWithoutABatchBecauseOfBadInputsSaysSo() throws Exception {
        var png = goodPng();
        var sound = Files.write(dir.resolve("good.wav"), wav());
        var empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < 5; i++) {
            samples.add(sample("s" + i, png, i < 3 ? empty : sound));
        }
        Source source = source(samples);
        var reported = new ArrayList<BadInput>();
        try (var loader = BatchLoader.builder(source, VIEWS).batchSize(4).workers(2).onBadInput(reported::add).build()) {
            var e = assertThrows(IllegalArgumentException.class, () -> loader.epoch(0).hasNext());
            assertTrue(e.getMessage().contains("3 of the 5 samples could not be read") && e.getMessage().contains("fewer than one batch of 4"),
                    e.getMessage());
        }
        assertEquals(3, reported.size());
        reported.forEach(b -> assertEquals(empty.toString(), b.file()));

        try (var loader = BatchLoader.builder(source, VIEWS).batchSize(4).workers(2).shuffle(false).keepPartialLast(true).build()) {
            var it = loader.epoch(0);
            assertTrue(it.hasNext(), "an evaluation keeps the 2 readable samples");
            assertEquals(2, it.next().size());
        }
        Source broken = source(samples.subList(0, 3));
        try (var loader = BatchLoader.builder(broken, VIEWS).batchSize(2).keepPartialLast(true).build()) {
            var e = assertThrows(IllegalArgumentException.class, () -> loader.epoch(0).hasNext());
            assertTrue(e.getMessage().startsWith("none of the 3 samples could be read"), e.getMessage());
        }
    }
}
