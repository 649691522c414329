package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code negatives: {view: ...}} on a pair: a view of the second view's kind, through its encoder, for InfoNCE. */
class HardNegativesRecipeTest {
    /** The quickstart fixture with a sound cut one second later, fed to the audio encoder, as the image–sound pair's hard negatives. */
    private static final String BASE = edit(edit(edit(fixture("av-quickstart.yaml"),
            "encoders:\n", "  shifted: {from: audio, ops: [clip: {seconds: 1.0, at: anchor + 1.0s}, log_mel: {mels: 64}]}\nencoders:\n"),
            "views: [sound, later]}", "views: [sound, later, shifted]}"),
            "critic: bilinear}", "critic: bilinear, negatives: {view: shifted}}");
    private static final int PAIR_LINE = 15;

    @TempDir
    Path dir;

    @Test
    void negativesLoadAndSurviveTheRoundTrip() throws Exception {
        var recipe = load(dir, "recipe.yaml", BASE);
        var pair = recipe.pairs().get(1);
        assertEquals(Optional.of("shifted"), pair.negatives());
        assertEquals(List.of("img_a", "sound", "shifted"), pair.trainedViews());
        assertEquals(Optional.empty(), recipe.pairs().get(0).negatives());
        assertEquals(recipe, load(dir, "written.yaml", recipe.toYaml()));
    }

    @Test
    void aBoundOtherThanInfoNceRefusesThemAndSaysWhy() {
        var text = edit(BASE, "bound: infonce, critic: bilinear", "bound: nwj, critic: bilinear");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, PAIR_LINE, column(text, "{view: shifted}"), "bound 'nwj' takes no hard negatives: it averages over the"
                + " off-diagonal scores as samples of p(x)p(y)", "use bound: infonce for this pair, or remove negatives");
    }

    @Test
    void aViewOfAnotherKindIsRefused() {
        var text = edit(BASE, "{view: shifted}", "{view: img_b}");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, PAIR_LINE, column(text, "img_b}}"),
                "pairs[1].negatives.view: view 'img_b' ends in image, but the pair's second view 'sound' in spectrogram",
                "declare a view like 'sound' cut at another time (e.g. at: anchor + 1.0s)");
    }

    @Test
    void aViewOfAnotherEncoderIsRefused() {
        var text = edit(edit(BASE, "views: [sound, later, shifted]}", "views: [sound, later]}\n  other: {type: conv, views: [shifted]}"),
                "weight: 0.5}", "weight: 0.5}\n  - {views: [img_b, shifted], bound: infonce, critic: dot}");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, PAIR_LINE + 1, column(text, "shifted}}"),
                "pairs[1].negatives.view: view 'shifted' is fed to encoder 'other', but the pair's second view 'sound' to encoder 'audio'",
                "add 'shifted' to encoders.audio.views");
    }

    @Test
    void thePairsOwnViewOrAMissingViewIsRefused() {
        var own = edit(BASE, "{view: shifted}", "{view: sound}");
        assertProblem(onlyProblem(dir, "recipe.yaml", own), PAIR_LINE, column(own, "sound}}"),
                "pairs[1].negatives.view is the pair's own view 'sound'", "cut at another time");
        var empty = edit(BASE, "{view: shifted}", "{}");
        assertProblem(onlyProblem(dir, "recipe.yaml", empty), PAIR_LINE, column(empty, "{}}"),
                "pairs[1].negatives needs 'view'", "add view: sound_shifted");
    }

    /**
     * A negative whose start may land on the positive's: the same {@code at}, or offsets no further apart than the
     * two jitters reach together (the boundary included: then the shift 0 is the range's end). The hint names the
     * nearest start, on the side the view leans to, whose window never overlaps the positive's 1 s.
     */
    @Test
    void aNegativeThatCanBeCutAtThePositivesTimeIsRefused() {
        String[][] cases = {
            {"at: anchor}", "at: anchor ± 0.0 s against at: anchor ± 0.0 s", "at: anchor + 1.0s or later"},
            {"at: anchor + 0.5s, jitter: 0.5}", "at: anchor + 0.5s ± 0.5 s against at: anchor ± 0.0 s", "at: anchor + 1.5s or later"},
            {"at: anchor - 0.3s, jitter: 0.4}", "at: anchor - 0.3s ± 0.4 s", "at: anchor - 1.4s or earlier"},
        };
        for (var c : cases) {
            var text = edit(BASE, "at: anchor + 1.0s}", c[0]);
            var p = onlyProblem(dir, "recipe.yaml", text);
            assertProblem(p, PAIR_LINE, column(text, "shifted}}"), "pairs[1].negatives.view: view 'shifted' can be cut at the very"
                    + " time of the pair's second view 'sound' (" + c[1], "cut 'shifted' further away than the jitters reach, e.g. " + c[2]);
            assertTrue(p.message().contains("a hard negative would sometimes be the positive itself"), p.render());
        }
    }

    @Test
    void aNegativeTheJittersKeepOffThePositivesTimeOrCutAtAnAbsoluteTimeLoads() throws Exception {
        for (var at : List.of("at: anchor + 0.6s, jitter: 0.5}", "at: anchor - 0.25s, jitter: 0.2}", "at: 0.0}")) {
            var recipe = load(dir, "recipe.yaml", edit(BASE, "at: anchor + 1.0s}", at));
            assertEquals(Optional.of("shifted"), recipe.pairs().get(1).negatives(), at);
        }
    }

    /** The 1-based column of a fragment in its line of the text. */
    private static int column(String text, String fragment) {
        int i = text.indexOf(fragment);
        return i - text.lastIndexOf('\n', i);
    }
}
