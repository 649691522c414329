package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apart_from} between two views' windows, against the standard catalogue: each mistake is reported at the key
 * or value that makes it, with a fix.
 */
class ClipApartRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();

    private static final String RECIPE = """
            dataset: {type: folder, path: sounds}
            views:
              first: {from: audio, ops: [clip: {seconds: 1, jitter: 2}, log_mel]}
              second: {from: audio, ops: [clip: {seconds: 1, jitter: 2, apart_from: first, min_gap: 0.2}, log_mel]}
              third: {like: second}
            encoders:
              audio: {type: conv, views: [first, second, third]}
            pairs:
              - {views: [first, second], bound: infonce, critic: cosine}
            """;

    @TempDir
    Path dir;

    private List<RecipeProblem> problems(String text) throws Exception {
        var file = Files.writeString(dir.resolve("r.yaml"), text);
        var e = assertThrows(RecipeException.class, () -> LOADER.load(file));
        var rendered = e.render();
        assertTrue(!rendered.contains("Exception") && !rendered.contains("\tat "), rendered);
        return e.problems();
    }

    /** The one problem of the recipe with {@code from} replaced by {@code to}, checked for line, column, message, hint. */
    private void onlyProblem(String from, String to, int line, String fragment, String message, String hint) throws Exception {
        assertTrue(RECIPE.contains(from), from);
        var text = RECIPE.replace(from, to);
        var found = problems(text);
        assertEquals(1, found.size(), found.stream().map(RecipeProblem::render).toList().toString());
        var p = found.get(0);
        int column = text.lines().toList().get(line - 1).indexOf(fragment) + 1;
        assertTrue(column > 0, "line " + line + " has no " + fragment);
        assertEquals(line + ":" + column, p.line() + ":" + p.column(), p.render());
        assertTrue(p.message().contains(message), p.render());
        assertTrue(p.hint().contains(hint), p.render());
    }

    @Test
    void aGoodRecipeLoads() throws Exception {
        var recipe = LOADER.load(Files.writeString(dir.resolve("r.yaml"), RECIPE));
        assertEquals(List.of("first", "second", "third"), List.copyOf(recipe.views().keySet()));
        var text = RECIPE.replace("min_gap: 0.2", "max_overlap: 0.5");
        LOADER.load(Files.writeString(dir.resolve("r.yaml"), text));
    }

    @Test
    void anUnknownViewGetsTheNearestName() throws Exception {
        onlyProblem("apart_from: first", "apart_from: frist", 4, "frist", "keeps apart from view 'frist', which is not a view",
                "did you mean 'first'?");
    }

    @Test
    void aViewWithoutAWindowIsRefused() throws Exception {
        onlyProblem("[clip: {seconds: 1, jitter: 2}, log_mel]", "[gain, clip: {seconds: 1, jitter: 2}, log_mel]", 4, "first, min",
                "which cuts no window first", "whose first op is clip or audio_window");
    }

    @Test
    void aCircleIsReportedOnce() throws Exception {
        onlyProblem("clip: {seconds: 1, jitter: 2}", "clip: {seconds: 1, jitter: 2, apart_from: second}", 3, "second}",
                "apart_from goes round in a circle: first → second → first", "remove apart_from from one");
    }

    @Test
    void minGapAndMaxOverlapTogetherAreRefused() throws Exception {
        onlyProblem("min_gap: 0.2", "min_gap: 0.2, max_overlap: 0.5", 4, "0.5", "min_gap and max_overlap are both given",
                "keep one");
    }

    @Test
    void outOfRangeAmountsAreRefused() throws Exception {
        onlyProblem("min_gap: 0.2", "min_gap: -0.2", 4, "-0.2", "'min_gap' of op 'clip'", "give a number");
        onlyProblem("min_gap: 0.2", "max_overlap: 1", 4, "1}", "max_overlap 1 lets the windows overlap entirely", "below 1");
    }

    @Test
    void aGapTheJitterCannotAlwaysLeaveIsRefusedWithTheJitterThatWould() throws Exception {
        onlyProblem("jitter: 2, apart_from", "jitter: 1, apart_from", 4, "0.2}",
                "view 'second' cannot always keep min_gap 0.2 s from view 'first': when view 'first' starts at the anchor,"
                        + " every start within ±1 s of the anchor is closer than min_gap 0.2 s to it — a jitter of 1.2 s or more",
                "widen its jitter");
    }

    @Test
    void aViewLikeTheOneItIsKeptApartFromIsRefused() throws Exception {
        onlyProblem("third: {like: second}", "third: {like: second}\n  fourth: {like: fifth}\n  fifth: {from: audio, ops:"
                + " [clip: {seconds: 1, jitter: 2, apart_from: fourth}, log_mel]}", 6, "fifth}",
                "view 'fourth' is like 'fifth', which keeps apart from view 'fourth'", "give 'fourth' its own ops");
    }

    @Test
    void anAnchoredWindowApartFromAnAbsoluteOneIsRefused() throws Exception {
        onlyProblem("[clip: {seconds: 1, jitter: 2}, log_mel]", "[clip: {seconds: 1, at: 1.5, jitter: 2}, log_mel]", 4, "0.2}",
                "one window's 'at' is relative to the anchor and the other's is not", "of the same kind");
    }

    @Test
    void aRuleOnALaterOpIsRefused() throws Exception {
        onlyProblem("second: {from: audio, ops: [clip: {seconds: 1, jitter: 2, apart_from: first, min_gap: 0.2}, log_mel]}",
                "second: {from: audio, ops: [gain, clip: {seconds: 1, jitter: 2, apart_from: first, min_gap: 0.2}, log_mel]}",
                4, "apart_from", "keeps apart from view 'first' but is not the view's first op", "without p");
    }
}
