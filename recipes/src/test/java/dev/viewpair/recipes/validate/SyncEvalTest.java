package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.ShiftedView;
import dev.viewpair.recipes.model.SyncDecl;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval.sync}: a declared pair whose second view is cut at the anchor, the anchors per sample and the offsets. */
class SyncEvalTest {
    /** The quickstart fixture with a sync check of the image–sound pair. */
    private static final String BASE = edit(fixture("av-quickstart.yaml"),
            "knn: {k: 20}}", "knn: {k: 20}, sync: {pair: img_a-sound, windows: 4, offsets: [0.5, 1.0]}}");

    @TempDir
    Path dir;

    @Test
    void syncLoadsAndSurvivesTheRoundTrip() throws Exception {
        var recipe = load(dir, "recipe.yaml", BASE);
        assertEquals(Optional.of(new SyncDecl("img_a-sound", 4, List.of(0.5, 1.0))), recipe.eval().sync());
        assertEquals(List.of(0.5, -0.5, 1.0, -1.0), recipe.eval().sync().get().signedOffsets());
        assertEquals(recipe, load(dir, "written.yaml", recipe.toYaml()));
    }

    @Test
    void windowsAndOffsetsHaveDefaults() throws Exception {
        var recipe = load(dir, "recipe.yaml", edit(BASE, ", windows: 4, offsets: [0.5, 1.0]", ""));
        assertEquals(Optional.of(new SyncDecl("img_a-sound", 16, List.of(0.25, 0.5, 1.0))), recipe.eval().sync());
    }

    @Test
    void anchorsAreUniformUnlessTheRecipeAsksForTheViews() throws Exception {
        assertEquals(SyncDecl.Anchors.UNIFORM, load(dir, "recipe.yaml", BASE).eval().sync().get().anchors());
        var recipe = load(dir, "views.yaml", edit(BASE, "offsets: [0.5, 1.0]", "offsets: [0.5, 1.0], anchors: views"));
        assertEquals(Optional.of(new SyncDecl("img_a-sound", 4, List.of(0.5, 1.0), SyncDecl.Anchors.VIEWS)), recipe.eval().sync());
        assertEquals(recipe, load(dir, "written.yaml", recipe.toYaml()));
        var text = edit(BASE, "offsets: [0.5, 1.0]", "offsets: [0.5, 1.0], anchors: onsets");
        assertProblem(onlyProblem(dir, "bad.yaml", text), 17, column(text, "onsets}"), "eval.sync.anchors: unknown anchor placement 'onsets'",
                "");
    }

    @Test
    void theOldShiftedViewIsRefusedWithHowToWriteItNow() {
        var text = edit(BASE, "windows: 4, offsets: [0.5, 1.0]", "shifted: later");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, 17, column(text, "shifted: later"), "eval.sync.shifted is no longer read",
                "replace shifted: VIEW by offsets: [0.25, 0.5, 1.0]");
    }

    @Test
    void unknownPairSuggestsADeclaredOne() {
        var p = onlyProblem(dir, "recipe.yaml", edit(BASE, "pair: img_a-sound", "pair: img-sound"));
        assertProblem(p, 17, column(BASE, "img_a-sound, windows"), "eval.sync.pair: unknown pair 'img-sound'",
                "did you mean 'img_a-sound'?");
    }

    @Test
    void aPairRefusedForItsOwnProblemIsNotAlsoUnknownToTheSyncEvaluation() {
        var text = edit(BASE, "{views: [img_a, sound], bound: infonce, critic: bilinear}",
                "{views: [img_a, sound], bound: infonse, critic: bilinear}");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertTrue(p.message().contains("infonse"), p.render());
    }

    @Test
    void aSecondViewCutAtNoTimeCannotBeShifted() {
        var text = edit(BASE, "pair: img_a-sound", "pair: img-img");
        var p = onlyProblem(dir, "recipe.yaml", text);
        assertProblem(p, 17, column(text, "img-img, windows"), "eval.sync.pair: the sync evaluation cuts the pair's second view"
                + " 'img_b' later and earlier, but view 'img_b' cuts no window at a time relative to the anchor", "cut 'img_b' at the anchor");
    }

    @Test
    void offsetsMustBePositiveAndDistinct() {
        var zero = edit(BASE, "offsets: [0.5, 1.0]", "offsets: [0.5, 0]");
        assertProblem(onlyProblem(dir, "recipe.yaml", zero), 17, column(zero, "0]"), "eval.sync.offsets[1]", "");
        var twice = edit(BASE, "offsets: [0.5, 1.0]", "offsets: [0.5, 0.5]");
        assertProblem(onlyProblem(dir, "recipe.yaml", twice), 17, column(twice, "0.5]"),
                "eval.sync.offsets[1]: offset 0.5 is written twice", "remove one");
        var none = edit(BASE, "offsets: [0.5, 1.0]", "offsets: []");
        assertProblem(onlyProblem(dir, "recipe.yaml", none), 17, column(none, "[]"), "eval.sync.offsets is empty", "e.g. [1.0]");
    }

    @Test
    void windowsAreBounded() {
        var text = edit(BASE, "windows: 4", "windows: 1001");
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 17, column(text, "1001"),
                "eval.sync.windows: at most 1000 anchors per sample, got 1001", "smaller");
    }

    @Test
    void aShiftedViewMovesEveryAnchoredCutAndNothingElse() {
        var ops = OpCatalog.standard();
        var sound = new dev.viewpair.views.ViewSpec("sound", dev.viewpair.views.Modality.VIDEO, List.of(
                new OpSpec("audio_window", Map.of("seconds", 0.5, "at", "anchor - 0.25s")),
                new OpSpec("log_mel", Map.of("mels", 16))));
        var later = ShiftedView.of(sound, 1.0, ops);
        assertEquals("sound@+1s", later.name());
        assertEquals(new OpSpec("audio_window", Map.of("seconds", 0.5, "at", "anchor + 0.75s")), later.ops().get(0));
        assertEquals(sound.ops().get(1), later.ops().get(1));
        // an 'at' left out is the anchor
        var frames = new dev.viewpair.views.ViewSpec("frame", dev.viewpair.views.Modality.VIDEO, List.of(
                new OpSpec("frames", Map.of("n", 2, "rate", 8))));
        var earlier = ShiftedView.of(frames, -0.25, ops);
        assertEquals("frame@-0.25s", earlier.name());
        assertEquals("anchor - 0.25s", earlier.ops().get(0).params().get("at"));
    }

    /**
     * A window cut inside {@code random_apply} or {@code one_of} has no one place on the timeline, so the sync
     * evaluation could not shift it: refused at the nested op, with where to put it instead.
     */
    @Test
    void aWindowCutInsideACombinatorIsRefusedAtTheNestedOp() {
        var line = "  sound: {from: audio, ops: [clip: {seconds: 1.0, at: anchor}, log_mel: {mels: 64}]}";
        for (var nested : List.of("random_apply: {p: 0.5, ops: [clip: {seconds: 1.0, at: anchor}]}",
                "one_of: {ops: [clip: {seconds: 1.0, at: anchor}, clip: {seconds: 1.0, at: anchor + 0.25s}]}")) {
            var text = edit(BASE, line, "  sound: {from: audio, ops: [" + nested + ", log_mel: {mels: 64}]}");
            var combinator = nested.substring(0, nested.indexOf(':'));
            var failure = RecipeFiles.failure(dir, combinator + ".yaml", text);
            assertEquals(nested.split("clip:", -1).length - 1, failure.problems().size(),
                    "one problem per nested clip, none more about the broken view: " + failure.render());
            var p = failure.problems().get(0);
            assertProblem(p, 7, column(text, "clip: {seconds: 1.0, at: anchor}"), "op 'clip' inside " + combinator
                    + " in view 'sound' cuts a window of time, so it cannot sit inside " + combinator,
                    "put 'clip' in the view's own ops, before " + combinator);
            assertTrue(p.message().contains("sync evaluation"), failure.render());
        }
    }

    /** The 1-based column of a fragment in its line of the text. */
    private static int column(String text, String fragment) {
        int i = text.indexOf(fragment);
        return i - text.lastIndexOf('\n', i);
    }
}
