package dev.viewpair.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files written by real NumPy (fixtures made once by {@code npy/make_fixtures.py}) and by {@link Npy} itself. */
class NpyTest {
    /** The fixtures' 4×3 matrix: (0..11) / 4 − 1, row-major. */
    private static final float[][] MATRIX = {
        {-1f, -0.75f, -0.5f}, {-0.25f, 0f, 0.25f}, {0.5f, 0.75f, 1f}, {1.25f, 1.5f, 1.75f}};

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsNumpyFloatMatricesOfBothWidthsAndBothHeaderVersions() throws Exception {
        for (var name : new String[] {"f4_2d.npy", "f8_2d.npy", "f4_2d_v2.npy"}) {
            assertTrue(Arrays.deepEquals(MATRIX, Npy.readMatrix(fixture(name))), name);
        }
        var v2 = Npy.readHeader(fixture("f4_2d_v2.npy"));
        assertEquals("<f4", v2.descr());
        assertFalse(v2.fortranOrder());
        assertArrayEquals(new long[] {4, 3}, v2.shape());
        assertEquals(2, Files.readAllBytes(fixture("f4_2d_v2.npy"))[6], "the fixture really is format 2.0");
    }

    @Test
    void readsOneDimensionalArraysAsColumnsAndIntegersAsFloats() throws Exception {
        assertTrue(Arrays.deepEquals(new float[][] {{0.5f}, {-2f}, {3.25f}}, Npy.readMatrix(fixture("f4_1d.npy"))));
        assertTrue(Arrays.deepEquals(new float[][] {{7}, {-1}, {0}, {3}}, Npy.readMatrix(fixture("i8_1d.npy"))));
        assertTrue(Arrays.deepEquals(new float[][] {{1, 2}, {3, 4}}, Npy.readMatrix(fixture("i4_2d.npy"))));
    }

    @Test
    void refusesWhatItCannotReadNamingTheFileAndTheFix() throws Exception {
        assertRefused("big_endian.npy", "big-endian dtype >f4", "astype('<f4')");
        assertRefused("fortran_order.npy", "Fortran", "ascontiguousarray");
        assertRefused("object.npy", "object array", "<f4");
        assertRefused("three_d.npy", "3-D array", "(n, d)");
    }

    @Test
    void readsArraysOfAnyRankWhole(@TempDir Path dir) throws Exception {
        var three = Npy.readArray(fixture("three_d.npy"));
        assertArrayEquals(new long[] {2, 2, 2}, three.shape());
        assertArrayEquals(new float[8], three.values());
        var matrix = Npy.readArray(fixture("f8_2d.npy"));
        assertArrayEquals(new long[] {4, 3}, matrix.shape());
        assertArrayEquals(Arrays.stream(MATRIX).reduce(new float[0], (a, b) -> {
            var joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            return joined;
        }), matrix.values());
        assertRefusedWhole("fortran_order.npy", "Fortran");
        assertRefusedWhole("big_endian.npy", "big-endian dtype >f4");
        var cut = dir.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(fixture("f4_2d.npy"));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5));
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.readArray(cut));
        assertTrue(e.getMessage().contains("ends after 43 of 48 data bytes"), e.getMessage());
    }

    private static void assertRefusedWhole(String name, String part) throws Exception {
        var file = fixture(name);
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.readArray(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotNpyOrIsTruncated(@TempDir Path dir) throws Exception {
        var text = dir.resolve("x.npy");
        Files.writeString(text, "1,2,3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(text));
        assertTrue(e.getMessage().startsWith(text + ": not a NumPy .npy file"), e.getMessage());

        var cut = dir.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(fixture("f4_2d.npy"));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5));
        e = assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(cut));
        assertTrue(e.getMessage().contains("ends in row 3 of 4"), e.getMessage());
    }

    @Test
    void writesWhatNumpyWritesByteForByte(@TempDir Path dir) throws Exception {
        var file = dir.resolve("m.npy");
        Npy.write(file, MATRIX);
        assertArrayEquals(Files.readAllBytes(fixture("f4_2d.npy")), Files.readAllBytes(file));
        var column = dir.resolve("v.npy");
        Npy.write(column, new float[] {0.5f, -2f, 3.25f});
        assertArrayEquals(Files.readAllBytes(fixture("f4_1d.npy")), Files.readAllBytes(column));
    }

    @Test
    void roundTripsAndAlignsTheDataTo64Bytes(@TempDir Path dir) throws Exception {
        var random = new Random(3);
        var rows = new float[300][7];
        for (var row : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        rows[0][0] = Float.MIN_VALUE;
        rows[1][1] = -Float.MAX_VALUE;
        var file = dir.resolve("r.npy");
        Npy.write(file, rows);
        assertTrue(Arrays.deepEquals(rows, Npy.readMatrix(file)));

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(1, bytes[6], "version 1.0");
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals('\n', bytes[10 + headerLength - 1]);
        assertEquals(10 + headerLength + 300 * 7 * 4, bytes.length);
        String dict = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (300, 7), }"), dict);

        var empty = dir.resolve("e.npy");
        Npy.write(empty, new float[0][]);
        assertEquals(0, Npy.readMatrix(empty).length);
    }

    @Test
    void refusesToWriteRaggedRows(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(dir.resolve("r.npy"), new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values, row 0 has 2"), e.getMessage());
    }

    private static void assertRefused(String name, String... parts) throws Exception {
        var file = fixture(name);
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (var part : parts) {
            assertTrue(e.getMessage().contains(part), name + ": " + e.getMessage());
        }
    }
}
