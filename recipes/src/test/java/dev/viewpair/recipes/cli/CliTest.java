package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, and the docs that come from the code. */
class CliTest {
    /** The repository root (tests run in the recipes module's folder). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyShippedRecipeIsValid() throws Exception {
        try (var recipes = Files.list(ROOT.resolve("recipes"))) {
            var files = recipes.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertFalse(files.isEmpty());
            for (var f : files) {
                var r = run("validate", f.toString());
                assertEquals(0, r.exit(), f + ": " + r.err());
                assertTrue(r.out().contains("valid"), r.out());
            }
        }
    }

    @Test
    void invalidRecipeExitsTwoWithPositionsAndNoStackTrace(@TempDir Path dir) throws Exception {
        var file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                dataset: {type: manifest, path: m.csv}
                views:
                  img: {from: image, ops: [gaussian_blur: {kernel: 4}, random_resize_crop: {size: 32}]}
                encoders:
                  image: {type: conv, downsample: strided, views: [img]}
                pairs:
                  - {views: [img, img], bound: infonce, critic: cosine}
                """);
        var r = run("validate", file.toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains(file + ":4:"), r.err());
        assertTrue(r.err().contains("kernel"), r.err());
        assertTrue(r.err().contains("did you mean 'random_resized_crop'?"), r.err());
        assertTrue(r.err().contains(file + ":6:35: "), r.err());
        assertTrue(r.err().contains("did you mean 'stride'?"), r.err());
        assertFalse(r.err().contains("\tat dev."), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void boundsAndCriticsAreCheckedForDirectionCriticAndValues(@TempDir Path dir) throws Exception {
        var file = dir.resolve("bounds.yaml");
        Files.writeString(file, """
                name: bounds
                dataset: {type: manifest, path: m.csv}
                views:
                  a: {from: image, ops: [resize: {size: 16}]}
                  b: {like: a}
                  c: {like: a}
                  d: {like: a}
                encoders:
                  image: {type: conv, views: [a, b, c, d]}
                pairs:
                  - {views: [a, b], bound: club, critic: cosine}
                  - {views: [a, c], bound: {type: interpolated, alpha: 1.5}, critic: {type: concat_mlp, hidden: [64, 64]}}
                  - {views: [a, d], bound: nwj, critic: dot, direction: minimize}
                  - {views: [b, c], bound: club, critic: gaussian, direction: minimize}
                """);
        var r = run("validate", file.toString());
        assertEquals(Main.USER_ERROR, r.exit());
        var lines = r.err().lines().toList();
        assertEquals(4, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(file + ":11:28: 'club' is an upper bound on MI"), lines.get(0));
        assertTrue(lines.get(1).startsWith(file + ":11:42: bound 'club' needs the log-density critic 'gaussian'"), lines.get(1));
        assertTrue(lines.get(2).startsWith(file + ":12:28: ") && lines.get(2).contains("alpha"), lines.get(2));
        assertTrue(lines.get(3).startsWith(file + ":13:") && lines.get(3).contains("'nwj' is a lower bound"), lines.get(3));
    }

    @Test
    void userMistakesOnTheCommandLineAreMessagesNotStackTraces(@TempDir Path dir) {
        var r = run("datasets", "make", "synth-xyz", "--out", dir.toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("unknown dataset kind 'synth-xyz' — available: synth-av, synth-video"), r.err());
        var missing = run("train", dir.resolve("nope.yaml").toString());
        assertEquals(Main.USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("nope.yaml"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
    }

    @Test
    void datasetsMakeSynthVideoWritesVideosAndAManifest(@TempDir Path dir) throws Exception {
        var out = dir.resolve("synth-video");
        var r = run("datasets", "make", "synth-video", "--out", out.toString(), "--size", "6", "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 6 samples"), r.out());
        var lines = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals("id,video,label,onsets", lines.get(0));
        assertEquals(7, lines.size(), String.join("\n", lines));
        for (var line : lines.subList(1, lines.size())) {
            var video = out.resolve(line.split(",")[1]);
            assertTrue(Files.size(video) > 0, video.toString());
        }
    }

    @Test
    void theTimingVariantAndItsSyncCeiling(@TempDir Path dir) throws Exception {
        var out = dir.resolve("timing");
        var r = run("datasets", "make", "synth-video", "--variant", "timing", "--out", out.toString(), "--size", "20");
        assertEquals(0, r.exit(), r.err());
        var lines = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals("id,video,label,onsets", lines.get(0));
        assertTrue(List.of("fast", "medium", "slow").contains(lines.get(1).split(",")[2]), lines.get(1));
        var recipe = ROOT.resolve("recipes/av-sync.yaml").toString();
        var dataset = "dataset.path=" + out.resolve("manifest.csv");
        var ceiling = run("datasets", "sync-ceiling", recipe, "--set", dataset);
        assertEquals(0, ceiling.exit(), ceiling.err());
        assertTrue(ceiling.out().contains("16 anchors per sample") && ceiling.out().contains("-1s "), ceiling.out());
        var fewer = run("datasets", "sync-ceiling", recipe, "--set", dataset, "--set", "eval.sync.windows=4");
        assertEquals(0, fewer.exit(), fewer.err());
        assertTrue(fewer.out().contains("4 anchors per sample"), fewer.out());
        var wrong = run("datasets", "make", "synth-av", "--variant", "timing", "--out", dir.resolve("av").toString());
        assertEquals(Main.USER_ERROR, wrong.exit());
        assertTrue(wrong.err().contains("--variant timing is not a variant of synth-av"), wrong.err());
    }

    @Test
    void theReadmeAndTheRecipePageShowTheQuickstartRecipe() throws Exception {
        var quickstart = Files.readString(ROOT.resolve("recipes/quickstart.yaml")).strip();
        for (var page : List.of("README.md", "docs/recipes.md")) {
            assertTrue(Files.readString(ROOT.resolve(page)).contains(quickstart), page + " shows another recipe than recipes/quickstart.yaml");
        }
    }
}
