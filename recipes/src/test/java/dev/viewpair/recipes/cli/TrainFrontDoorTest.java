package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} never overwrites a run: a folder named with {@code --out} that holds one is refused (exit 2, nothing
 * changed) unless {@code --overwrite} replaces it; the default folder moves on to {@code NAME-2}, {@code NAME-3} ….
 * {@code --set KEY=VALUE} on every command that reads a recipe: checked as a line is, recorded in the run's
 * recipe, and a resume it would change is refused.
 */
class TrainFrontDoorTest {
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
        var args = new ArrayList<>(List.of("train", recipe.toString()));
        args.addAll(List.of(more));
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

        // the earlier run is deleted only when the new one starts writing: a run refused before that leaves it
        var kept = Files.readString(out.resolve("metrics.jsonl"));
        var refused = train("--out", out.toString(), "--overwrite", "--devices", "cpu,cpu,cpu");
        assertEquals(Main.USER_ERROR, refused.exit(), refused.err());
        assertEquals(kept, Files.readString(out.resolve("metrics.jsonl")));

        var both = CliRun.of("train", "--resume", out.toString(), "--overwrite");
        assertEquals(Main.USER_ERROR, both.exit());
        assertTrue(both.err().contains("drop one"), both.err());
    }

    @Test
    void theDefaultFolderIsTakenOnceAndMovesOnPastRuns() throws IOException {
        var runs = dir.resolve("runs");
        var wanted = runs.resolve("tiny");
        var first = NewRunFolder.choose(wanted, false, false);
        assertEquals(wanted, first.dir());
        assertTrue(first.claimed() && !first.moved() && Files.isDirectory(wanted));
        // taken as soon as chosen: a run started at the same moment goes to tiny-2
        var second = NewRunFolder.choose(wanted, false, false);
        assertEquals(runs.resolve("tiny-2"), second.dir());
        assertTrue(second.moved());
        // a run that wrote nothing (refused before its first file) gives its folder back
        second.releaseIfEmpty();
        assertFalse(Files.exists(second.dir()));

        var run = train("--out", wanted.toString());
        assertEquals(0, run.exit(), run.err());
        first.releaseIfEmpty();
        assertTrue(Training.holdsRun(wanted), "a folder the run wrote into stays");
        assertEquals(runs.resolve("tiny-2"), NewRunFolder.choose(wanted, false, false).dir());
        assertEquals(runs.resolve("tiny-3"), NewRunFolder.choose(wanted, false, false).dir());
        var replace = NewRunFolder.choose(wanted, false, true);
        assertEquals(wanted, replace.dir(), "--overwrite keeps the folder");
        assertTrue(replace.replace() && !replace.claimed());
    }

    @Test
    void everyCommandThatReadsARecipeTakesOverridesAndNamesTheirProblems() {
        var expected = "--set train.epochs=abc: train.epochs: expected a whole number, got 'abc' — give a whole number ≥ 1";
        for (var command : List.of(
                List.of("validate", recipe.toString()),
                List.of("preview", recipe.toString(), "--out", dir.resolve("v.png").toString()),
                List.of("preprocess", recipe.toString(), "--out", dir.resolve("shards").toString()),
                List.of("train", recipe.toString(), "--out", dir.resolve("never").toString()))) {
            var args = new ArrayList<>(command);
            args.addAll(List.of("--set", "train.epochs=abc"));
            var r = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.USER_ERROR, r.exit(), command + ": " + r.out() + r.err());
            assertEquals(expected, r.err().strip(), command.get(0));
        }
        assertFalse(Files.exists(dir.resolve("never")), "nothing is written for a refused recipe");
        var valid = CliRun.of("validate", recipe.toString(), "--set", "encoders.net.dim=16", "--set", "views.a.ops.random_resized_crop.size=12");
        assertEquals(0, valid.exit(), valid.err());
        assertTrue(valid.out().contains("  a: 3 × 12 × 12 (an image)\n  b: 3 × 12 × 12 (an image)\n"), valid.out());
    }

    @Test
    void theRunsRecipeRecordsTheOverridesAndAResumeMayNotChangeIt() throws Exception {
        var out = dir.resolve("set");
        var r = train("--out", out.toString(), "--set", "train.epochs=2", "--set", "pairs.a-b.weight=0.5");
        assertEquals(0, r.exit(), r.err());
        var stored = new RecipeLoader().load(out.resolve("recipe.yaml"));
        assertEquals(2, stored.train().epochs());
        assertEquals(0.5, stored.pairs().get(0).weight());
        var withSets = new RecipeLoader().withOverrides(List.of("train.epochs=2", "pairs.a-b.weight=0.5")).load(recipe);
        assertEquals(withSets.hash(), stored.hash(), "the run folder holds the recipe that was trained");

        var metrics = Files.readString(out.resolve("metrics.jsonl"));
        var changed = CliRun.of("train", "--resume", out.toString(), "--set", "train.epochs=3");
        assertEquals(Main.USER_ERROR, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.err().contains("--set train.epochs=3 changes the run's recipe " + out.resolve("recipe.yaml"))
                && changed.err().contains("a run continues with the recipe it started with"), changed.err());
        assertEquals(metrics, Files.readString(out.resolve("metrics.jsonl")), "nothing was changed");
        var bad = CliRun.of("train", "--resume", out.toString(), "--set", "train.epochs=abc");
        assertEquals(Main.USER_ERROR, bad.exit());
        assertTrue(bad.err().startsWith("--set train.epochs=abc: "), bad.err());
    }
}
