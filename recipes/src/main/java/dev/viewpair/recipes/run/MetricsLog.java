package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object a line, flushed as it is written so a crashed run keeps every
 * record up to the crash. Records are also kept in memory for the plots at the end of the run.
 */
public final class MetricsLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final List<Map<String, Object>> records = new ArrayList<>();

    public MetricsLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /**
     * The log of a resumed run: the file is replaced (atomically) by the records kept from before the
     * checkpoint, and new records follow them.
     */
    static MetricsLog continuing(Path file, List<Map<String, Object>> kept) throws IOException {
        var fresh = file.resolveSibling(file.getFileName() + ".tmp");
        var lines = new ArrayList<String>();
        for (var record : kept) {
            lines.add(JSON.writeValueAsString(record));
        }
        Files.write(fresh, lines, StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        var log = new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        log.records.addAll(kept);
        return log;
    }

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /**
     * The records of a {@code metrics.jsonl}, in order, up to a line that is not whole JSON (the last one, cut short
     * when a run was killed while writing it).
     */
    static List<Map<String, Object>> read(Path file) throws IOException {
        var records = new ArrayList<Map<String, Object>>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                records.add(parse(line));
            } catch (IOException e) {
                break;
            }
        }
        return records;
    }

    /**
     * A number of a record or of {@code summary.json} as read back: Jackson writes NaN and ±Infinity as the strings
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    static double number(Object value) {
        return value instanceof String s ? Double.parseDouble(s) : ((Number) value).doubleValue();
    }

    /** One line of the log as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String line) throws IOException {
        return JSON.readValue(line, Map.class);
    }

    public void write(Map<String, Object> record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
            records.add(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.jsonl", e);
        }
    }

    /** Every record written so far. */
    public List<Map<String, Object>> records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
