package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views read inside their encoder ({@code VIEW@LAYER}): read into pairs and the linear probe, written back into the
 * resolved recipe, and refused with their position and a fix when the layer is unknown or the critic, the bound or hard
 * negatives cannot score it.
 */
class LayersRecipeTest {
    private static final String BASE = fixture("av-quickstart.yaml");
    /** Line 13 of the fixture, the first pair. */
    private static final String PAIR = "- {name: img-img, views: [img_a, img_b], bound: infonce, critic: {type: cosine, temperature: 0.1}, weight: 1.0}";

    @TempDir
    Path dir;

    private static String pair(String to) {
        return edit(BASE, PAIR, to);
    }

    /** The problem of a recipe whose first pair is {@code to}, with its column: where {@code at} starts on line 13. */
    private RecipeProblem only(String to) {
        return onlyProblem(dir, "recipe.yaml", pair(to));
    }

    private static int column(String line, String at) {
        return ("  " + line).indexOf(at) + 1;
    }

    @Test
    void aLocalGlobalPairIsReadAndWrittenBack() throws RecipeException {
        var recipe = load(dir, "recipe.yaml", pair("- {views: [img_a@stage2, img_b], bound: js, critic: bilinear}"));
        var dim = recipe.pairs().get(0);
        assertEquals("img_a.stage2-img_b", dim.name());
        assertEquals(List.of("img_a", "img_b"), dim.views());
        assertEquals("stage2", dim.layerA());
        assertEquals("projection", dim.layerB());
        assertEquals(List.of("img_a@stage2", "img_b"), dim.sides());
        var yaml = recipe.toYaml();
        assertTrue(yaml.contains("img_a@stage2"), yaml);
        var again = load(dir, "resolved.yaml", yaml);
        assertEquals(recipe.pairs(), again.pairs());
        assertEquals(recipe.hash(), again.hash());
        // a plain view is its projection: writing it out changes nothing
        var explicit = load(dir, "explicit.yaml", edit(BASE, "views: [img_a, img_b], bound", "views: [img_a@projection, img_b@projection], bound"));
        assertEquals(load(dir, "plain.yaml", BASE).hash(), explicit.hash());
    }

    @Test
    void aPairReadingAStageTakesTheSeparableCriticWhenItNamesNone() throws RecipeException {
        var recipe = load(dir, "recipe.yaml", pair("- {views: [img_a@stage2, img_b], bound: js}"));
        assertEquals("separable_mlp", recipe.pairs().get(0).critic().type());
        var again = load(dir, "resolved.yaml", recipe.toYaml());
        assertEquals(recipe.pairs(), again.pairs());
        // a pair of projections still names its critic
        String plain = "- {views: [img_a, img_b], bound: js}";
        assertProblem(only(plain), 13, column(plain, "{views"), "needs 'critic'", "cosine");
    }

    @Test
    void anUnknownLayerNamesTheEncodersLayersAndTheClosest() {
        String line = "- {views: [img_a@stage4, img_b], bound: js, critic: bilinear}";
        assertProblem(only(line), 13, column(line, "img_a@stage4"), "encoder 'image', which has no layer 'stage4'; its"
                + " layers are input, stage1, stage2, stage3, embedding, projection", "did you mean 'stage1'");
        String typo = "- {views: [img_a, img_b@embeding], bound: js, critic: bilinear}";
        assertProblem(only(typo), 13, column(typo, "img_b@embeding"), "no layer 'embeding'", "did you mean 'embedding'?");
    }

    @Test
    void criticsBoundsAndHardNegativesThatCannotScoreALayerAreRefusedAtTheirKey() {
        String cosine = "- {views: [img_a@stage2, img_b], bound: js, critic: cosine}";
        assertProblem(only(cosine), 13, column(cosine, "cosine"), "critic 'cosine' scores vectors of equal width, but it would"
                + " score 'img_a@stage2' (local: 64 channels per position) against 'img_b' (projection, 128 wide)", "critic: bilinear or separable_mlp");
        String dv = "- {views: [img_a@stage2, img_b], bound: dv, critic: bilinear}";
        assertProblem(only(dv), 13, column(dv, "dv"), "bound 'dv' cannot score", "bound: js");
        String concat = "- {views: [img_a@stage2, img_b@stage3], bound: js, critic: concat_mlp}";
        assertProblem(only(concat), 13, column(concat, "concat_mlp"), "critic 'concat_mlp' cannot score", "separable_mlp");
        String gaussian = "- {views: [img_a@stage1, img_b@embedding], bound: js, critic: gaussian}";
        assertProblem(only(gaussian), 13, column(gaussian, "gaussian"), "critic 'gaussian' cannot score", "separable_mlp");
    }

    @Test
    void theLinearProbeReadsAPooledLayer() throws RecipeException {
        var probe = "eval: {linear_probe: {label: label}";
        var recipe = load(dir, "recipe.yaml", edit(BASE, probe, "eval: {linear_probe: {label: label, views: [img_a, img_a@stage2]}"));
        assertEquals(List.of("img_a", "img_a@stage2"), recipe.eval().linearProbe().orElseThrow().views());
        var twice = onlyProblem(dir, "recipe.yaml", edit(BASE, probe, "eval: {linear_probe: {label: label, views: [img_a@stage2, img_b@stage2]}"));
        assertTrue(twice.message().contains("both probe layer stage2 of encoder 'image'"), twice.render());
        var unknown = onlyProblem(dir, "recipe.yaml", edit(BASE, probe, "eval: {linear_probe: {label: label, views: [img_a@stage7]}"));
        assertTrue(unknown.message().contains("no layer 'stage7'"), unknown.render());
    }
}
