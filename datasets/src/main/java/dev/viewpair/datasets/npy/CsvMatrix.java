package dev.viewpair.datasets.npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * A matrix of numbers from a CSV file: one row per line, values separated by commas, blank lines
 * skipped. A first line that is not all numbers is taken for a header row and skipped; any later
 * line that is not all numbers, or has a different count of values, is refused with an
 * {@link IllegalArgumentException} naming the file and line.
 */
public final class CsvMatrix {
    private CsvMatrix() {}

    /**
     * @return one {@code float[]} per data line, all of the same length
     * @throws IllegalArgumentException naming the file and line, for a non-numeric or ragged line or no data
     * @throws IOException if the file cannot be read
     */
    public static float[][] read(Path file) throws IOException {
        var rows = new ArrayList<float[]>();
        int lineNumber = 0;
        boolean first = true;
        try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                float[] row = parse(cells);
                boolean header = first;
                first = false;
                if (row == null) {
                    if (header) {
                        continue;
                    }
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": '" + line.strip()
                            + "' is not all numbers; a CSV matrix holds numbers only (one header line allowed)");
                }
                if (!rows.isEmpty() && row.length != rows.get(0).length) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": " + row.length + " values, but the first "
                            + "data line has " + rows.get(0).length);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows of numbers");
        }
        return rows.toArray(float[][]::new);
    }

    /** The cells as numbers, or {@code null} when any is not a number. */
    private static float[] parse(String[] cells) {
        float[] row = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                row[i] = Float.parseFloat(cells[i].strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return row;
    }
}
