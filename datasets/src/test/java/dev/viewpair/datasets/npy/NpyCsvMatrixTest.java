package dev.viewpair.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvMatrix}: numbers, an optional header line, and clear refusals. */
class NpyCsvMatrixTest {
    @Test
    void readsNumbersWithOrWithoutAHeader(@TempDir Path dir) throws Exception {
        var plain = dir.resolve("plain.csv");
        Files.writeString(plain, "1,2.5\n-3e2, 4\n\n");
        assertTrue(Arrays.deepEquals(new float[][] {{1, 2.5f}, {-300, 4}}, CsvMatrix.read(plain)));
        var headed = dir.resolve("headed.csv");
        Files.writeString(headed, "x0,x1\n1,2\n3,4\n");
        assertTrue(Arrays.deepEquals(new float[][] {{1, 2}, {3, 4}}, CsvMatrix.read(headed)));
    }

    @Test
    void refusesTextAfterTheFirstLineRaggedLinesAndNoData(@TempDir Path dir) throws Exception {
        var text = dir.resolve("text.csv");
        Files.writeString(text, "1,2\n3,abc\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CsvMatrix.read(text));
        assertTrue(e.getMessage().startsWith(text + ":2: '3,abc' is not all numbers"), e.getMessage());

        var ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvMatrix.read(ragged));
        assertTrue(e.getMessage().startsWith(ragged + ":3: 1 values, but the first data line has 2"), e.getMessage());

        var headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "a,b\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvMatrix.read(headerOnly));
        assertTrue(e.getMessage().contains("no rows of numbers"), e.getMessage());
    }
}
