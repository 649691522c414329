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
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code bad_inputs.jsonl}: every distinct file that could not be read, once per run however many epochs and
 * evaluations meet it, with the sample's id and the reason ({@code {"file": …, "id": …, "reason": …}}), each
 * line written and flushed as it is found. Under {@code fail_fast} the first one is written and then stops the
 * run with a {@link BadInputException}. Thread-safe: the loaders of training and evaluation report to it.
 */
final class BadInputLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final boolean failFast;
    private final Consumer<String> notice;
    private final Set<String> seen = new HashSet<>();

    /**
     * @param notice told once, at the first bad input, where the list is (the console)
     */
    BadInputLog(Path file, boolean failFast, Consumer<String> notice) throws IOException {
        this.file = file;
        this.failFast = failFast;
        this.notice = notice;
        Files.writeString(file, "");
    }

    synchronized void add(BadInput bad) {
        if (!seen.add(bad.file())) {
            return; // a bad file fails again every epoch: report it once
        }
        try {
            var line = new LinkedHashMap<String, String>();
            line.put("file", bad.file());
            line.put("id", bad.sampleId());
            line.put("reason", bad.reason());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (failFast) {
            throw new BadInputException(bad);
        }
        if (seen.size() == 1) {
            notice.accept("skipping unreadable input " + bad.file() + " — every skipped file is listed with its reason in " + file);
        }
    }

    /** Distinct files skipped so far. */
    synchronized long count() {
        return seen.size();
    }

    /** The list's path. */
    Path file() {
        return file;
    }
}
