package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.cli.CliRun;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report a run rewrites while it trains ({@code train.report_every}), and {@code ./viewpair report RUN_DIR}: a real
 * run of 8 steps, watched from its step listener; its folder rebuilt finished, without its summary, and cut short.
 */
class LiveReportTest {
    private static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"";
    private static final Pattern STEP = Pattern.compile("step (\\d+) of (\\d+) \\(");

    @TempDir
    static Path dir;
    static Path run;
    /** The page as the step listener found it after the steps it waited at. */
    static final List<String> seen = new ArrayList<>();
    static String finalPage;

    @BeforeAll
    static void train() throws Exception {
        var manifest = SynthAv.generate(dir.resolve("data"), 96, 5, 2, done -> {});
        var recipe = dir.resolve("live.yaml");
        Files.writeString(recipe, """
                name: live
                seed: 5
                dataset: {type: manifest, path: %s, split: {train: 0.75, test: 0.25}}
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 24, scale: [0.6, 1]}, hflip, normalize]}
                  img_b: {like: img_a}
                encoders:
                  image: {type: conv, widths: [8, 16], dim: 16, projection: 16, views: [img_a, img_b]}
                pairs:
                  - {name: image-image, views: [img_a, img_b], bound: infonce, critic: cosine}
                train: {epochs: 2, batch: 16, optimizer: {type: adamw, lr: 3e-3}, workers: 2, report_every: 1}
                eval: {linear_probe: {label: label}}
                """.formatted(manifest));
        run = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        // every step is due (report_every: 1), but a rewrite drawing its plots when one is due leaves that one out: the
        // listener waits after steps 0 and 1 until the page of that step is there (its plots done), so step 1 starts the
        // page of step 2
        new Training(new RecipeLoader().load(recipe), run, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .onStep(m -> {
                    if (m.step() <= 1) {
                        seen.add(waitForPageOfStep(m.step() + 1));
                    }
                }).run();
        finalPage = Files.readString(run.resolve("report.html"));
    }

    /** The page once it shows {@code step} steps done (within a minute). */
    private static String waitForPageOfStep(long step) {
        long end = System.nanoTime() + 60_000_000_000L;
        var page = run.resolve("report.html");
        while (System.nanoTime() < end) {
            try {
                if (Files.exists(page)) {
                    var text = Files.readString(page);
                    var m = STEP.matcher(text);
                    if (m.find() && Long.parseLong(m.group(1)) == step) {
                        return text;
                    }
                }
                Thread.sleep(5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no page of step " + step + " within a minute");
    }

    @Test
    void thePageAppearsAndChangesWhileTrainingAndReloadsItself() {
        assertEquals(2, seen.size());
        for (int i = 0; i < 2; i++) {
            var page = seen.get(i);
            var m = STEP.matcher(page);
            assertTrue(m.find(), page);
            assertEquals(i + 1, Long.parseLong(m.group(1)));
            assertEquals(8, Long.parseLong(m.group(2)), "72 train samples in batches of 16, 2 epochs: " + page);
            assertTrue(page.contains("<title>viewpair run: live (in progress)</title>"), page);
            assertTrue(page.contains(REFRESH), page);
            assertTrue(page.contains("In progress"), page);
            assertTrue(page.contains("<img src=\"mi.png\""), page);
            assertFalse(page.contains("Linear probe"), "no evaluation before the end: " + page);
        }
        assertNotEquals(seen.get(0), seen.get(1));
        // the pace so far sets the reload: one step's time, at least 5 s
        var refresh = Pattern.compile(Pattern.quote(REFRESH) + "(\\d+)\"").matcher(seen.get(1));
        assertTrue(refresh.find());
        assertTrue(Integer.parseInt(refresh.group(1)) >= 5);
    }

    @Test
    void theFinalPageHasTheSummaryAndNoReload() throws IOException {
        assertFalse(finalPage.contains("http-equiv"), finalPage);
        assertFalse(finalPage.contains("in progress"), finalPage);
        assertTrue(finalPage.contains("<title>viewpair run: live</title>"), finalPage);
        assertTrue(finalPage.contains("<h2>Linear probe (test accuracy)</h2>"), finalPage);
        assertTrue(finalPage.contains("<img src=\"tsne-image.png\""), finalPage);
        // the plan is the first record, and no temporary file is left
        assertEquals(Map.of("type", "plan", "total_steps", 8), MetricsLog.read(run.resolve("metrics.jsonl")).get(0));
        try (var files = Files.list(run)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void reportRebuildsTheFinishedRunsPage() throws Exception {
        var copy = copyOf(run, "finished");
        for (var f : List.of("report.html", "mi.png", "loss.png", "lr.png", "geometry.png")) {
            Files.delete(copy.resolve(f));
        }
        var r = CliRun.of("report", copy.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("the run's final report"), r.out());
        assertEquals(finalPage, Files.readString(copy.resolve("report.html")));
        for (var f : List.of("mi.png", "loss.png", "lr.png", "geometry.png")) {
            assertTrue(Files.size(copy.resolve(f)) > 0, f);
        }
    }

    @Test
    void reportOfARunWithoutItsSummaryIsInProgress() throws Exception {
        var copy = copyOf(run, "unsummarized");
        Files.delete(copy.resolve("summary.json"));
        var r = CliRun.of("report", copy.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("in progress: all 8 steps of 2 epochs trained, evaluation not finished"), r.out());
        var page = Files.readString(copy.resolve("report.html"));
        assertTrue(page.contains(REFRESH) && page.contains("(in progress)"), page);
        assertFalse(page.contains("tsne-image.png"), "the maps are the final report's: " + page);
    }

    @Test
    void reportOfAKilledRunShowsItsStepsSoFar() throws Exception {
        var copy = copyOf(run, "killed");
        Files.delete(copy.resolve("summary.json"));
        // killed while writing the record after step 3's: the half line is left out
        var lines = Files.readAllLines(copy.resolve("metrics.jsonl"));
        int cut = 0;
        for (int i = 0, steps = 0; steps < 4; i++) {
            cut = i + 1;
            steps += lines.get(i).contains("\"type\":\"step\"") ? 1 : 0;
        }
        Files.writeString(copy.resolve("metrics.jsonl"), String.join("\n", lines.subList(0, cut)) + "\n"
                + lines.get(cut).substring(0, lines.get(cut).length() / 2));
        var r = CliRun.of("report", copy.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("in progress: step 4 of 8 (50%), epoch 1 of 2;"), r.out());
        assertTrue(Files.readString(copy.resolve("report.html")).contains("step 4 of 8 (50%)"));
    }

    @Test
    void reportNamesTheFolderAndWhatItLacks() throws Exception {
        var empty = Files.createDirectories(dir.resolve("empty"));
        var r = CliRun.of("report", empty.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(empty + " is not a run folder: " + empty.resolve("recipe.yaml") + " is missing"),
                r.err());
        var noMetrics = copyOf(run, "no-metrics");
        Files.delete(noMetrics.resolve("metrics.jsonl"));
        r = CliRun.of("report", noMetrics.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(noMetrics.resolve("metrics.jsonl") + " is missing"), r.err());
        var nothing = dir.resolve("nothing");
        r = CliRun.of("report", nothing.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(nothing + " is not a folder"), r.err());
    }

    /** The run's files (not its checkpoint) in a new folder. */
    private static Path copyOf(Path from, String name) throws IOException {
        var to = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(from)) {
            for (var f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
