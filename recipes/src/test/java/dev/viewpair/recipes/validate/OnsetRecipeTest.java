package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.RecipeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code at: onset} and a window op's {@code onset} settings, against the standard catalogue: each mistake is reported
 * at the key or value that makes it (inside the settings too), with a fix.
 */
class OnsetRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();
    private static final String RECIPE = """
            dataset: {type: folder, path: sounds}
            views:
              hit: {from: audio, ops: [clip: {seconds: 1, at: onset - 0.1s, onset: {detector: percussion, threshold: 6}}, log_mel]}
              after: {from: audio, ops: [clip: {seconds: 1, at: anchor + 0.5s}, pitch_track: {algorithm: mpm}]}
            encoders:
              sound: {type: conv, views: [hit]}
              pitch: {type: conv, widths: [16], views: [after]}
            pairs:
              - {views: [hit, after], bound: infonce, critic: cosine}
            """;

    @TempDir
    Path dir;

    /** The one problem of the recipe with {@code from} replaced by {@code to}, at line 3 where {@code fragment} starts. */
    private void onlyProblemAt(String from, String to, String fragment, String message, String hint) {
        assertTrue(RECIPE.contains(from), from);
        var text = RECIPE.replace(from, to);
        var line = text.lines().toList().get(2);
        int column = line.indexOf(fragment) + 1;
        assertTrue(column > 0, fragment);
        assertProblem(onlyProblem(LOADER, dir, "r.yaml", text), 3, column, message, hint);
    }

    @Test
    void aGoodRecipeLoadsWithItsShapes() throws Exception {
        var recipe = LOADER.load(Files.writeString(dir.resolve("r.yaml"), RECIPE));
        assertEquals("onset - 0.1s", String.valueOf(recipe.views().get("hit").ops().get(0).params().get("at")));
    }

    @Test
    void anUnknownDetectorGetsTheNearestName() {
        onlyProblemAt("detector: percussion", "detector: percusion", "percusion", "unknown onset detector 'percusion'",
                "did you mean 'percussion'?");
    }

    @Test
    void anUnknownKeyGetsTheNearestName() {
        onlyProblemAt("threshold: 6", "threshhold: 6", "threshhold", "unknown parameter 'threshhold' of onset detector"
                + " 'percussion'", "did you mean 'threshold'?");
    }

    @Test
    void aValueOutOfRangeIsReportedAtTheValue() {
        onlyProblemAt("threshold: 6", "threshold: 30", "30", "'threshold' of onset detector 'percussion'", "");
    }

    @Test
    void aComplexKeyUnderPercussionSaysWhichDetectorTakesIt() {
        onlyProblemAt("{detector: percussion, threshold: 6}", "{detector: complex, sensitivity: 50}", "sensitivity",
                "unknown parameter 'sensitivity' of onset detector 'complex'", "'sensitivity' is a key of detector 'percussion'");
    }

    @Test
    void settingsWithoutAnOnsetTimeAreRefused() {
        onlyProblemAt("at: onset - 0.1s", "at: anchor - 0.1s", "{detector", "is not an onset time", "write at: onset");
    }

    @Test
    void aMisspeltOnsetTimeSaysWhatIsExpected() {
        onlyProblemAt("at: onset - 0.1s", "at: onset 0.1s", "onset 0.1s", "expected 'onset + 0.5s' or 'onset - 0.5s'", "");
    }

    @Test
    void viewsOfOneModalityMustFindOnsetsAlike() {
        var text = RECIPE.replace("at: anchor + 0.5s", "at: onset + 0.5s");
        var p = onlyProblem(LOADER, dir, "r.yaml", text);
        assertProblem(p, 4, text.lines().toList().get(3).indexOf("clip") + 1, "view 'after' finds onsets differently from view 'hit'",
                "the same onset settings");
    }

    @Test
    void anOverrideReachesIntoTheSettings() throws Exception {
        var file = Files.writeString(dir.resolve("r.yaml"), RECIPE);
        var recipe = new RecipeLoader().withOverrides(List.of("views.hit.ops.clip.onset.detector=complex",
                "views.hit.ops.clip.onset.threshold=0.5")).load(file);
        assertEquals(Map.of("detector", "complex", "threshold", 0.5), recipe.views().get("hit").ops().get(0).params().get("onset"));
        var e = assertThrows(RecipeException.class,
                () -> new RecipeLoader().withOverrides(List.of("views.hit.ops.clip.onset.detector=complx")).load(file));
        assertEquals(1, e.problems().size(), e.render());
        assertTrue(e.render().startsWith("--set views.hit.ops.clip.onset.detector=complx: unknown onset detector 'complx'"),
                e.render());
    }

    @Test
    void pitchTrackTakesOnlyItsAlgorithms() {
        var text = RECIPE.replace("algorithm: mpm", "algorithm: yinn");
        var p = onlyProblem(LOADER, dir, "r.yaml", text);
        assertProblem(p, 4, text.lines().toList().get(3).indexOf("yinn") + 1, "'algorithm' of op 'pitch_track'", "did you mean 'yin'?");
    }
}
