package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.loader.BadInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code bad_inputs.jsonl}: every sample that was skipped, once, with its file and the reason. Thread-safe:
 * the loaders of training and evaluation report to it.
 */
final class BadInputLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Set<String> seen = new HashSet<>();

    BadInputLog(Path file) throws IOException {
        this.file = file;
        Files.writeString(file, "");
    }

    synchronized void add(BadInput bad) {
        if (!seen.add(bad.sampleId())) {
            return; // a bad file fails again every epoch: report it once
        }
        try {
            var line = JSON.writeValueAsString(Map.of("id", bad.sampleId(), "file", bad.file(), "reason", bad.reason()));
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized long count() {
        return seen.size();
    }
}
