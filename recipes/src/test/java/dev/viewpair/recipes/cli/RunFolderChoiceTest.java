package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} never overwrites a run: a folder named with {@code --out} that holds one is refused (exit 2, nothing
 * changed) unless {@code --overwrite} replaces it; the default folder moves on to {@code NAME-2}, {@code NAME-3} ….
 */
class RunFolderChoiceTest {
    @TempDir
    static Path dir;
    static Path recipe;

    @BeforeAll
    static void data() throws Exception {
        SynthAv.generate(dir.resolve("data"), 8, 3, 1, done -> {});
        recipe = Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                seed: 5
                dataset: {type: manifest, path: data/manifest.csv}
                views:
                  a: {from: image, ops: [random_resized_crop: {size: 16}, normalize]}
                  b: {like: a}
                encoders:
                  net: {type: conv, widths: [4], dim: 8, views: [a, b]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: dot}
                train: {epochs: 1, batch: 4, workers: 1}
                """);
    }

    private static CliRun train(String... more) {
        var args = new java.util.ArrayList<>(java.util.List.of("train", recipe.toString()));
        args.addAll(java.util.List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aNamedFolderHoldingARunIsRefusedUnlessOverwriteReplacesIt() throws IOException {
        var out = dir.resolve("named");
        var first = train("--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        var metrics = Files.readString(out.resolve("metrics.jsonl"));
        var report = Files.readString(out.resolve("report.html"));

        var again = train("--out", out.toString());
        assertEquals(Main.USER_ERROR, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("--out " + out + " holds a run (recipe.yaml, metrics.jsonl, checkpoint)")
                && again.err().contains("--resume " + out) && again.err().contains("--overwrite"), again.err());
        assertEquals(metrics, Files.readString(out.resolve("metrics.jsonl")), "the earlier run is untouched");
        assertEquals(report, Files.readString(out.resolve("report.html")));

        var mine = Files.writeString(out.resolve("notes.txt"), "left by the user");
        var replaced = train("--out", out.toString(), "--overwrite");
        assertEquals(0, replaced.exit(), replaced.err());
        assertFalse(Files.exists(mine), "--overwrite empties the folder first");
        assertTrue(Files.exists(out.resolve("summary.json")));

        var both = CliRun.of("train", "--resume", out.toString(), "--overwrite");
        assertEquals(Main.USER_ERROR, both.exit());
        assertTrue(both.err().contains("drop one"), both.err());
    }

    @Test
    void theDefaultFolderMovesOnPastRunsAndNamesTheNewOne() throws IOException {
        var runs = dir.resolve("runs");
        var wanted = runs.resolve("tiny");
        var first = NewRunFolder.choose(wanted, false, false);
        assertEquals(wanted, first.dir());
        assertFalse(first.moved());
        // a folder without a run's files is used as it is
        assertEquals(wanted, NewRunFolder.choose(wanted, false, false).dir());

        var run = train("--out", wanted.toString());
        assertEquals(0, run.exit(), run.err());
        var second = NewRunFolder.choose(wanted, false, false);
        assertEquals(runs.resolve("tiny-2"), second.dir());
        assertTrue(second.moved() && Files.isDirectory(second.dir()));
        // taken as soon as chosen: the next run started before this one writes anything goes to tiny-3
        assertEquals(runs.resolve("tiny-3"), NewRunFolder.choose(wanted, false, false).dir());
        assertEquals(wanted, NewRunFolder.choose(wanted, false, true).dir(), "--overwrite keeps the folder");
        assertFalse(NewRunFolder.holdsRun(wanted));
    }
}
