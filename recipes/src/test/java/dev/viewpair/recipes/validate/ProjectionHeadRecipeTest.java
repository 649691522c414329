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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encoder's projection head in a recipe: read, written into the resolved recipe, refused with positions. */
class ProjectionHeadRecipeTest {
    private static final String BASE = fixture("av-quickstart.yaml");
    /** Line 10 of the fixture, the image encoder. */
    private static final String IMAGE = "projection: 128, views: [img_a, img_b]";

    @TempDir
    Path dir;

    private RecipeProblem only(String to) {
        return onlyProblem(dir, "recipe.yaml", edit(BASE, IMAGE, to));
    }

    @Test
    void recipesWithoutTheNewKeysResolveToTheSameParameters() throws RecipeException {
        var recipe = load(dir, "recipe.yaml", BASE);
        // the keys a recipe gave before heads were a choice, and no more: so its hash is the one it had
        assertEquals(List.of("widths", "dim", "downsample", "projection"), List.copyOf(recipe.encoders().get("image").params().keySet()));
        assertEquals(List.of("widths", "dim", "downsample"), List.copyOf(recipe.encoders().get("audio").params().keySet()));
    }

    @Test
    void aHeadIsWrittenIntoTheResolvedRecipeAndReadBack() throws RecipeException {
        var recipe = load(dir, "recipe.yaml", edit(BASE, IMAGE, "projection: 64, head: byol, head_hidden: 256, views: [img_a, img_b]"));
        var params = recipe.encoders().get("image").params();
        assertEquals(Map.of("widths", List.of(32, 64, 128), "dim", 128, "downsample", "pool", "projection", 64, "head", "byol",
                "head_hidden", 256), params);
        var yaml = recipe.toYaml();
        assertTrue(yaml.contains("head: byol"), yaml);
        var again = load(dir, "resolved.yaml", yaml);
        assertEquals(params, again.encoders().get("image").params());
        assertEquals(recipe.hash(), again.hash());
        var plain = load(dir, "plain.yaml", BASE);
        assertTrue(!plain.hash().equals(recipe.hash()));
    }

    @Test
    void anUnknownHeadSuggestsTheClosest() {
        // '  image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128, head: ' is 78 characters
        assertProblem(only("projection: 128, head: simclar, views: [img_a, img_b]"), 10, 79, "simclar", "did you mean 'simclr'?");
    }

    @Test
    void sizesTheHeadDoesNotHaveAreRefusedAtTheirKey() {
        // 'projection' is at column 56 of line 10; each problem points at the value of the key to change
        assertProblem(only("projection: 128, head: linear, head_hidden: 64, views: [img_a, img_b]"), 10, 56 + 44,
                "encoders.image.head_hidden does not apply to head: linear", "remove head_hidden, or choose head: mlp");
        assertProblem(only("projection: 128, head: simclr, head_bottleneck: 64, views: [img_a, img_b]"), 10, 56 + 48,
                "encoders.image.head_bottleneck applies to head: dino only, got head: simclr", "choose head: dino");
        assertProblem(onlyProblem(dir, "recipe.yaml", edit(BASE, "dim: 128, views: [sound", "dim: 128, head_hidden: 64, views: [sound")),
                11, 69, "encoders.audio.head_hidden is set but the encoder has no head", "add head: simclr");
        assertProblem(only("projection: 128, head: dino, head_hidden: 0, views: [img_a, img_b]"), 10, 56 + 42,
                "encoders.image.head_hidden must be ≥ 1, got 0", "give a whole number ≥ 1");
    }
}
