package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.SyncDecl;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval.sync}: a declared pair, and a shifted view fed to the encoder of the pair's second view. */
class SyncEvalTest {
    /** The quickstart fixture with a sound cut one second later, fed to the audio encoder, and a sync check. */
    private static final String BASE = edit(edit(edit(fixture("av-quickstart.yaml"),
            "encoders:\n", "  shifted: {from: audio, ops: [clip: {seconds: 1.0, at: anchor + 1.0s}, log_mel: {mels: 64}]}\nencoders:\n"),
            "views: [sound, later]}", "views: [sound, later, shifted]}"),
            "knn: {k: 20}}", "knn: {k: 20}, sync: {pair: img_a-sound, shifted: shifted}}");

    @TempDir
    Path dir;

    @Test
    void syncLoadsAndSurvivesTheRoundTrip() throws Exception {
        var recipe = load(dir, "recipe.yaml", BASE);
        assertEquals(Optional.of(new SyncDecl("img_a-sound", "shifted")), recipe.eval().sync());
        assertEquals(recipe, load(dir, "written.yaml", recipe.toYaml()));
    }

    @Test
    void unknownPairSuggestsADeclaredOne() {
        var p = onlyProblem(dir, "recipe.yaml", edit(BASE, "pair: img_a-sound", "pair: img-sound"));
        assertProblem(p, 18, column(BASE, "img_a-sound, shifted"), "eval.sync.pair: unknown pair 'img-sound'", "did you mean 'img_a-sound'?");
    }

    @Test
    void aPairRefusedForItsOwnProblemIsNotAlsoUnknownToTheSyncEvaluation() {
        var text = edit(BASE, "{views: [img_a, sound], bound: infonce, critic: bilinear}",
                "{views: [img_a, sound], bound: infonse, critic: bilinear}");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertTrue(p.message().contains("infonse"), p.render());
    }

    @Test
    void shiftedViewMustBeFedToTheSecondViewsEncoder() {
        var p = onlyProblem(dir, "recipe.yaml", edit(BASE, "shifted: shifted}", "shifted: img_b}"));
        assertProblem(p, 18, column(BASE, "shifted}"),
                "eval.sync.shifted: view 'img_b' is fed to encoder 'image', but the pair's second view 'sound' to encoder 'audio'",
                "add 'img_b' to encoders.audio.views");
    }

    @Test
    void aShiftedViewThatCanBeCutAtThePositivesTimeIsRefused() {
        var text = edit(BASE, "at: anchor + 1.0s}", "at: anchor + 0.1s, jitter: 0.2}");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, 18, column(text, "shifted}"), "eval.sync.shifted: view 'shifted' can be cut at the very time of the pair's"
                + " second view 'sound'", "e.g. at: anchor + 1.2s or later");
        assertTrue(p.message().contains("the shifted view would sometimes be the positive itself"), p.render());
    }

    /** The 1-based column of a fragment in its line of the text. */
    private static int column(String text, String fragment) {
        int i = text.indexOf(fragment);
        return i - text.lastIndexOf('\n', i);
    }
}
