package dev.viewpair.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.image.ImageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
    private static final int N = 3;
    private static final int H = 4;
    private static final int W = 5;

    @TempDir
    Path dir;

    /** Pixel (i, y, x) = 7·i + 11·y + 13·x, mod 256: distinct per image and position. */
    private static byte[] pixels() {
        var p = new byte[N * H * W];
        for (int i = 0; i < N; i++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    p[(i * H + y) * W + x] = (byte) (7 * i + 11 * y + 13 * x + 200);
                }
            }
        }
        return p;
    }

    private static byte[] images(int magic, int n, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).putInt(magic).putInt(n).putInt(H).putInt(W).put(data).array();
    }

    private static byte[] labels(byte... classes) {
        return ByteBuffer.allocate(8 + classes.length).putInt(0x801).putInt(classes.length).put(classes).array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        if (name.endsWith(".gz")) {
            var out = new ByteArrayOutputStream();
            try (var gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            bytes = out.toByteArray();
        }
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void imagesDecodeToTheirPixelsAndLabelsAreTheClassIndex() throws IOException {
        var img = write("train-images-idx3-ubyte", images(0x803, N, pixels()));
        var lab = write("train-labels-idx1-ubyte", labels((byte) 7, (byte) 0, (byte) 250));
        var source = IdxSource.open(img, lab);
        assertEquals(N, source.size());
        assertEquals(H, source.height());
        assertEquals(W, source.width());
        var expected = pixels();
        for (int i = 0; i < N; i++) {
            var s = source.get(i);
            assertEquals("idx-" + i, s.id());
            var ref = s.media().get(Modality.IMAGE);
            try (var rgb = ImageDecoder.decode(ref.bytes(), ref.name())) {
                assertEquals(H, rgb.rows());
                assertEquals(W, rgb.cols());
                var got = new byte[H * W * 3];
                rgb.data().get(got);
                var gray = new byte[H * W];
                for (int k = 0; k < gray.length; k++) {
                    gray[k] = got[3 * k];
                    assertEquals(got[3 * k], got[3 * k + 2], "gray: equal channels");
                }
                assertArrayEquals(Arrays.copyOfRange(expected, i * H * W, (i + 1) * H * W), gray);
            }
        }
        assertEquals("7", source.get(0).label());
        assertEquals("250", source.get(2).label(), "labels are unsigned bytes");
        assertArrayEquals(source.get(1).media().get(Modality.IMAGE).bytes(), source.get(1).media().get(Modality.IMAGE).bytes());
        assertTrue(source.describe().contains("3 images 5×4"), source.describe());
    }

    @Test
    void aFolderOrAnImagesFileFindsItsGzippedLabels() throws IOException {
        var img = write("t10k-images-idx3-ubyte.gz", images(0x803, N, pixels()));
        write("t10k-labels-idx1-ubyte.gz", labels((byte) 1, (byte) 2, (byte) 3));
        for (var source : new IdxSource[] {IdxSource.open(dir), IdxSource.open(img)}) {
            assertEquals(N, source.size());
            assertEquals("3", source.get(2).label());
            assertTrue(source.describe().contains("t10k-labels-idx1-ubyte.gz"), source.describe());
        }
        write("train-images-idx3-ubyte", images(0x803, N, pixels()));
        var several = assertThrows(IllegalArgumentException.class, () -> IdxSource.open(dir));
        assertTrue(several.getMessage().contains("several"), several.getMessage());
        var alone = IdxSource.open(dir.resolve("train-images-idx3-ubyte"));
        assertNull(alone.get(0).label(), "no labels file beside it: unlabelled");
    }

    @Test
    void badHeadersAndTruncatedFilesAreRefusedWithTheFileName() throws IOException {
        var labels = write("l-labels-idx1-ubyte", labels((byte) 1, (byte) 2, (byte) 3));
        assertRefused(write("magic-images-idx3-ubyte", images(0x801, N, pixels())), null, "magic number 0x00000801");
        assertRefused(write("short-images-idx3-ubyte", Arrays.copyOf(images(0x803, N, pixels()), 30)), null, "truncated");
        assertRefused(write("tiny-images-idx3-ubyte", new byte[] {0, 0, 8}), null, "too short");
        assertRefused(write("long-images-idx3-ubyte", images(0x803, N - 1, pixels())), null, "trailing bytes");
        var good = write("good-images-idx3-ubyte", images(0x803, N, pixels()));
        assertRefused(write("two-labels-idx1-ubyte", labels((byte) 1, (byte) 2)), good, "2 labels but");
        assertRefused(labels, good, null);
        var gz = write("cut-images-idx3-ubyte.gz", images(0x803, N, pixels()));
        Files.write(gz, Arrays.copyOf(Files.readAllBytes(gz), 20));
        assertRefused(gz, null, "gzip");
    }

    /** {@code file} (an images file, or the labels of {@code images}) is refused, naming it; {@code words == null}: accepted. */
    private static void assertRefused(Path file, Path images, String words) throws IOException {
        if (words == null) {
            assertEquals(N, IdxSource.open(images, file).size());
            return;
        }
        var e = assertThrows(IllegalArgumentException.class, () -> {
            if (images == null) {
                IdxSource.open(file, null);
            } else {
                IdxSource.open(images, file);
            }
        });
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(words), e.getMessage());
    }
}
