package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipes with {@code random_apply}, {@code one_of} and view families, against the standard catalogue: nested
 * ops are checked like top-level ones, with positions and suggestions; member views and groups can be named
 * wherever a view can.
 */
class ViewFamiliesRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();

    private static final String RECIPE = """
            dataset: {type: folder, path: images, split: {train: 0.8, test: 0.2}}
            views:
              img_a: {from: image, ops: [random_resized_crop: {size: 32}, random_apply: {p: 0.8, ops: [color_jitter: {brightness: 0.4}, grayscale]}, normalize]}
              img_b: {from: image, ops: [random_resized_crop: {size: 32}, one_of: {ops: [hflip, solarize], weights: [1, 3]}, normalize]}
              crops: {from: image, ops: [multi_crop: {global: 2, global_size: 32, local: 3, local_size: 16}, hflip, normalize]}
              lab: {from: image, ops: [random_resized_crop: {size: 32}, lab_split]}
              grid: {from: image, ops: [resize: {size: 64}, patch_grid: {grid: 3, patch: 24, stride: 16}, normalize]}
              sound: {from: audio, ops: [clip: {seconds: 1.0}, random_apply: {ops: [gain: {db: [-6, 6]}]}, log_mel]}
            encoders:
              image: {type: conv, views: [img_a, img_b, crops]}
              lum: {type: conv, views: [lab.L]}
              chroma: {type: conv, views: [lab.ab]}
              patches: {type: conv, views: [grid]}
              audio: {type: conv, views: [sound]}
            pairs:
              - {views: [img_a, img_b], bound: infonce, critic: cosine}
              - {name: dino, views: [crops.local, crops.global], bound: infonce, critic: cosine, weight: 3}
              - {views: [crops.global, crops.global], bound: infonce, critic: cosine}
              - {views: [lab.L, lab.ab], bound: infonce, critic: dot}
              - {views: [grid.r0c0, grid.r2c2], bound: infonce, critic: dot}
              - {views: [img_a, sound], bound: infonce, critic: dot}
            eval: {linear_probe: {views: [crops.global0]}, retrieval: [[lab.L, lab.ab]]}
            """;

    @TempDir
    Path dir;

    private Recipe load(String text) throws Exception {
        return LOADER.load(Files.writeString(dir.resolve("r.yaml"), text));
    }

    private List<RecipeProblem> problems(String text) throws Exception {
        var file = Files.writeString(dir.resolve("r.yaml"), text);
        var e = assertThrows(RecipeException.class, () -> LOADER.load(file));
        var rendered = e.render();
        assertTrue(!rendered.contains("Exception") && !rendered.contains("\tat "), rendered);
        return e.problems();
    }

    private static String edit(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    /** Checks a problem's line, its column (where {@code fragment} starts on that line), message and hint. */
    private static void assertAt(RecipeProblem p, String text, int line, String fragment, String message, String hint) {
        int column = text.lines().toList().get(line - 1).indexOf(fragment) + 1;
        assertTrue(column > 0, "line " + line + " has no " + fragment);
        assertEquals(line + ":" + column, p.line() + ":" + p.column(), p.render());
        assertTrue(p.message().contains(message), p.render());
        assertTrue(p.hint().contains(hint), p.render());
    }

    private RecipeProblem only(String from, String to) throws Exception {
        var problems = problems(edit(RECIPE, from, to));
        assertEquals(1, problems.size(), problems.stream().map(RecipeProblem::render).toList().toString());
        return problems.get(0);
    }

    @Test
    void membersAndGroupsAreViewsEverywhere() throws Exception {
        var recipe = load(RECIPE);
        assertEquals(List.of("img_a", "img_b", "crops", "lab", "grid", "sound"), List.copyOf(recipe.views().keySet()));
        assertEquals(List.of("img_a", "img_b", "crops.global0", "crops.global1", "crops.local0", "crops.local1", "crops.local2"),
                recipe.encoders().get("image").views());
        assertEquals(9, recipe.encoders().get("patches").views().size());
        assertEquals("grid.r2c2", recipe.encoders().get("patches").views().get(8));
        assertEquals("lum", recipe.encoderOf("lab.L").name());
        assertEquals(List.of("crops.global0"), recipe.eval().linearProbe().orElseThrow().views());
        // the loaded recipe written out and read again is the same recipe
        assertEquals(recipe, load(recipe.toYaml().replace(dir.resolve("images").toString(), "images")));
    }

    @Test
    void aGroupInAPairStandsForEveryPairingWithTheWeightShared() throws Exception {
        var pairs = load(RECIPE).pairs();
        var dino = pairs.stream().filter(p -> p.name().startsWith("dino.")).toList();
        assertEquals(6, dino.size(), "3 local × 2 global");
        assertEquals("dino.crops.local0-crops.global0", dino.get(0).name());
        assertEquals(List.of("crops.local2", "crops.global1"), dino.get(5).views());
        dino.forEach(p -> assertEquals(0.5, p.weight(), 1e-12));
        // the same group on both sides: each unordered pairing once
        var globals = pairs.stream().filter(p -> p.name().startsWith("crops.global0-")).map(PairDecl::views).toList();
        assertEquals(List.of(List.of("crops.global0", "crops.global1")), globals);
    }

    @Test
    void nestedUnknownOpIsReportedWhereItIsWrittenWithASuggestion() throws Exception {
        var text = edit(RECIPE, "grayscale]}", "greyscale]}");
        var p = only("grayscale]}", "greyscale]}");
        assertAt(p, text, 3, "greyscale", "unknown op 'greyscale' inside random_apply in view 'img_a'", "did you mean 'grayscale'?");
    }

    @Test
    void nestedUnknownParameterPointsAtItsKey() throws Exception {
        var text = edit(RECIPE, "{brightness: 0.4}", "{brightnes: 0.4}");
        var p = only("{brightness: 0.4}", "{brightnes: 0.4}");
        assertAt(p, text, 3, "brightnes:", "unknown parameter 'brightnes' of op 'color_jitter' in view 'img_a'",
                "did you mean 'brightness'?");
    }

    @Test
    void nestedOpsMustFitTheStageWhereTheyAre() throws Exception {
        var text = edit(RECIPE, "[hflip, solarize]", "[hflip, time_mask]");
        assertAt(only("[hflip, solarize]", "[hflip, time_mask]"), text, 4, "time_mask",
                "op 'time_mask' inside one_of in view 'img_b' cannot take an image (what one_of takes)", "ops that take an image:");
        text = edit(RECIPE, "ops: [gain: {db: [-6, 6]}]", "ops: [log_mel]");
        assertAt(only("ops: [gain: {db: [-6, 6]}]", "ops: [log_mel]"), text, 8, "log_mel]",
                "op 'log_mel' inside random_apply in view 'sound' gives a spectrogram, but the ops inside random_apply must give back"
                        + " what they take (a waveform)", "move it out of random_apply");
        text = edit(RECIPE, "[hflip, solarize]", "[hflip, lab_split]");
        assertAt(only("[hflip, solarize]", "[hflip, lab_split]"), text, 4, "lab_split",
                "op 'lab_split' inside one_of in view 'img_b' makes several views", "put it in the view's own ops");
    }

    @Test
    void oneOfWeightsMustMatchItsOps() throws Exception {
        var text = edit(RECIPE, "weights: [1, 3]", "weights: [1, 3, 1]");
        assertAt(only("weights: [1, 3]", "weights: [1, 3, 1]"), text, 4, "[1, 3, 1]", "one_of has 2 ops but 3 weights",
                "give one weight per op");
    }

    @Test
    void aFamilyOpTakesNoPAndComesOncePerView() throws Exception {
        var text = edit(RECIPE, "lab_split]}", "lab_split: {p: 0.5}]}");
        assertAt(only("lab_split]}", "lab_split: {p: 0.5}]}"), text, 6, "p: 0.5", "unknown parameter 'p' of op 'lab_split'", "");
        text = edit(RECIPE, "lab_split]}", "lab_split, multi_crop]}");
        assertAt(only("lab_split]}", "lab_split, multi_crop]}"), text, 6, "multi_crop", "view 'lab' has a second family op 'multi_crop'",
                "a view splits into member views once");
    }

    @Test
    void aMisspeltMemberGetsTheNearestMemberAndABrokenFamilyNoFollowUps() throws Exception {
        var text = edit(RECIPE, "views: [crops.global0]}", "views: [crops.globl0]}");
        assertAt(only("views: [crops.global0]}", "views: [crops.globl0]}"), text, 22, "crops.globl0",
                "eval.linear_probe.views[0]: unknown view 'crops.globl0'", "did you mean 'crops.global0'?");
        // a family op with a bad parameter: its members are unknown, and only the parameter is reported
        text = edit(RECIPE, "local: 3,", "local: -1,");
        assertAt(only("local: 3,", "local: -1,"), text, 5, "-1", "'local' of op 'multi_crop' must be ≥ 0", "");
    }

    @Test
    void evaluationNamesSingleViewsNotGroups() throws Exception {
        var text = edit(RECIPE, "views: [crops.global0]}", "views: [crops.global]}");
        assertAt(only("views: [crops.global0]}", "views: [crops.global]}"), text, 22, "crops.global]",
                "'crops.global' is a group of 2 member views; a linear probe", "name one of them, e.g. crops.global0");
    }

    /** A member view cuts no time of its own, so the sync evaluation cannot shift it: said at the pair's name. */
    @Test
    void theSyncEvaluationCannotShiftAMemberView() throws Exception {
        var to = "retrieval: [[lab.L, lab.ab]], sync: {pair: lab.L-lab.ab}}";
        var text = edit(RECIPE, "retrieval: [[lab.L, lab.ab]]}", to);
        assertAt(only("retrieval: [[lab.L, lab.ab]]}", to), text, 22, "lab.L-lab.ab}",
                "the sync evaluation cuts the pair's second view 'lab.ab' later and earlier, but it is a member view of a family"
                        + " view, which cuts no time", "cut 'lab.ab' at the anchor");
    }
}
