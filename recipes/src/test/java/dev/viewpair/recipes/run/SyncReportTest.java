package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync rows of the end table and the page, from a summary of now and from one of an older run. */
class SyncReportTest {
    @TempDir
    Path dir;

    private static Map<String, Object> summary(Map<String, Object> sync) {
        var s = new LinkedHashMap<String, Object>();
        s.put("pairs", Map.of());
        s.put("eval", Map.of("linear_probe", Map.of(), "knn", Map.of(), "retrieval", Map.of(), "sync", sync));
        s.put("recipe", "r");
        s.put("recipe_hash", "0");
        s.put("steps", 10);
        s.put("epochs", 1);
        s.put("wall_seconds", 1.0);
        s.put("data", Map.of("wait_fraction", 0.0, "bad_inputs", 0));
        return s;
    }

    @Test
    void rowsPerOffsetWithIntervalTiesAndCeiling() throws Exception {
        var plus = new LinkedHashMap<String, Object>();
        plus.put("offset_seconds", 0.5);
        plus.put("accuracy", 0.75);
        plus.put("low", 0.6);
        plus.put("high", 0.85);
        plus.put("trials", 40);
        plus.put("samples", 13);
        plus.put("design_effect", 1.8);
        plus.put("ties", 8);
        plus.put("ties_by", "onsets");
        plus.put("with_ties", 0.7);
        plus.put("ceiling", 0.9);
        var summary = summary(Map.of("frame-sound", Map.of("+0.5s", plus)));
        var table = Report.table(summary);
        assertTrue(table.contains("  in sync vs +0.5s") && table.contains("[0.600, 0.850]") && table.contains("0.900")
                && table.contains("ties by onsets") && table.contains("     40      13  1.80 ")
                && table.contains("Wilson's over trials / deff"), table);
        HtmlReport.write(summary, "name: r", List.of(), dir.resolve("report.html"));
        var page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("Sync: frame-sound") && page.contains("0.600 – 0.850") && page.contains("<td>13</td>")
                && page.contains("<td>1.80</td>") && page.contains("divided by the design effect"), page);
        // a run of several offsets from before the interval counted by sample: its interval is said to be the old one
        plus.remove("samples");
        plus.remove("design_effect");
        var older = summary(Map.of("frame-sound", Map.of("+0.5s", plus)));
        assertTrue(Report.table(older).contains("counts every trial as independent (older run)"), Report.table(older));
        HtmlReport.write(older, "name: r", List.of(), dir.resolve("older.html"));
        assertTrue(Files.readString(dir.resolve("older.html")).contains("counts every trial as independent"));
    }

    @Test
    void anOlderRunsSingleAccuracyStillShows() throws Exception {
        var summary = summary(Map.of("frame-sound", Map.of("accuracy", 0.791, "n", 67)));
        var table = Report.table(summary);
        assertTrue(table.contains("in sync vs shifted (older run)") && table.contains("0.791") && table.contains(" 67 "), table);
        HtmlReport.write(summary, "name: r", List.of(), dir.resolve("old.html"));
        assertTrue(Files.readString(dir.resolve("old.html")).contains("shifted (older run)"));
    }
}
