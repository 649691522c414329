package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.encoders.nn.EncoderDescriptor;
import dev.viewpair.encoders.nn.EncoderInput;
import dev.viewpair.encoders.nn.EncoderTypes;
import dev.viewpair.encoders.nn.MlpEncoder;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The information bottleneck in a recipe: a stochastic encoder ({@code stochastic: {type: gaussian, min_std: …}}) and
 * the exact-posterior pairs on one view ({@code views: [img_a@posterior, img_a], critic: posterior}) with a warmed-up
 * weight, read and written back; refused with their position and the fix: {@code stochastic} on a type that cannot
 * have it or with a bad floor, an exact pair on a deterministic encoder, the posterior critic on other views or bounds,
 * the posterior layer under another critic, β pairs not minimized.
 */
class BottleneckRecipeTest {
    private static final String BASE = fixture("av-quickstart.yaml");
    private static final String ENCODER = "image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128, views: [img_a, img_b]}";
    private static final String STOCHASTIC = "image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128,"
            + " stochastic: {type: gaussian, min_std: 0.05}, views: [img_a, img_b]}";
    /** Line 13 of the fixture, the first pair. */
    private static final String PAIR = "- {name: img-img, views: [img_a, img_b], bound: infonce, critic: {type: cosine, temperature: 0.1}, weight: 1.0}";
    private static final String LOO = "- {views: [img_a@posterior, img_a], bound: loo, critic: posterior, direction: minimize,"
            + " weight: 0.01, warmup: 100}";

    @TempDir
    Path dir;

    /** The fixture with a stochastic image encoder and {@code pair} after the first pair (on line 14). */
    private static String bottleneck(String pair) {
        return edit(edit(BASE, ENCODER, STOCHASTIC), PAIR, PAIR + "\n  " + pair);
    }

    private static int column(String line, String at) {
        return ("  " + line).indexOf(at) + 1;
    }

    @Test
    void aStochasticEncoderAndItsExactPairsAreReadAndWrittenBack() throws RecipeException {
        var recipe = load(dir, "recipe.yaml", bottleneck(LOO + "\n  - {views: [img_b@posterior, img_b], bound: vib,"
                + " critic: posterior, direction: minimize, weight: 0.01}"));
        var image = recipe.encoders().get("image");
        assertEquals(new ChoiceDecl("gaussian", Map.of("min_std", 0.05)), image.stochastic().orElseThrow());
        var loo = recipe.pairs().get(1);
        assertEquals("img_a.posterior-img_a", loo.name());
        assertEquals(List.of("img_a@posterior", "img_a"), loo.sides());
        assertEquals(100, loo.warmup());
        assertEquals(0, recipe.pairs().get(2).warmup());
        var yaml = recipe.toYaml();
        assertTrue(yaml.contains("stochastic") && yaml.contains("warmup:"), yaml);
        var again = load(dir, "resolved.yaml", yaml);
        assertEquals(recipe.encoders(), again.encoders());
        assertEquals(recipe.pairs(), again.pairs());
        assertEquals(recipe.hash(), again.hash());
        // a shorthand and the default floor
        var shorthand = load(dir, "short.yaml", edit(BASE, ENCODER, ENCODER.replace("views:", "stochastic: gaussian, views:")));
        assertEquals(0.01, shorthand.encoders().get("image").stochastic().orElseThrow().params().get("min_std"));
        // a recipe without the new keys writes none of them: its hash is as before
        var plain = load(dir, "plain.yaml", BASE);
        assertFalse(plain.toYaml().contains("stochastic") || plain.toYaml().contains("warmup:"), plain.toYaml());
        assertTrue(plain.encoders().get("image").stochastic().isEmpty());
    }

    @Test
    void stochasticIsRefusedOnATypeWithoutAHeadAndWithABadKindOrFloor() {
        var bare = new EncoderDescriptor("bare", List.of(), "an MLP without a projection head (a test's encoder type)",
                v -> new EncoderInput.OneShape("flattens its views"), v -> MlpEncoder.builder().hidden(8).dim(8).build());
        var types = new ArrayList<>(EncoderTypes.standard().entries());
        types.add(bare);
        var families = Families.standard().withEncoders(new Catalog<>("encoder type", types));
        String line = "image: {type: bare, stochastic: gaussian, views: [img_a, img_b]}";
        var p = RecipeFiles.onlyProblem(new RecipeLoader(families), dir, "recipe.yaml", edit(BASE, ENCODER, line));
        assertProblem(p, 10, column(line, "gaussian"), "encoders.image.stochastic: encoder type 'bare' takes no"
                + " projection head", "remove stochastic");
        String typo = ENCODER.replace("views:", "stochastic: {type: gausian}, views:");
        assertProblem(onlyProblem(dir, "recipe.yaml", edit(BASE, ENCODER, typo)), 10, column(typo, "gausian"),
                "gausian", "did you mean 'gaussian'");
        String zero = ENCODER.replace("views:", "stochastic: {type: gaussian, min_std: 0}, views:");
        assertProblem(onlyProblem(dir, "recipe.yaml", edit(BASE, ENCODER, zero)), 10, column(zero, "0}"),
                "encoders.image.stochastic.min_std", "");
    }

    @Test
    void anExactPairOnADeterministicEncoderNamesTheFix() {
        String text = edit(BASE, PAIR, PAIR + "\n  " + LOO);
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 14, column(LOO, "img_a@posterior"),
                "fed to encoder 'image', which is not stochastic", "add stochastic: {type: gaussian} to encoders.image");
    }

    @Test
    void thePosteriorCriticReadsAViewsPosteriorAgainstItsOwnSampleWithTheUpperBoundsOnly() {
        String views = "- {views: [img_a, img_b], bound: loo, critic: posterior, direction: minimize}";
        assertProblem(only(views), 14, column(views, "[img_a, img_b]"), "critic 'posterior' scores a view's posterior"
                + " against that view's own sampled representation", "write views: [img_a@posterior, img_a]");
        String infonce = "- {views: [img_a@posterior, img_a], bound: infonce, critic: posterior}";
        assertProblem(only(infonce), 14, column(infonce, "posterior}"), "only the upper bounds loo, club, vib read",
                "use bound: loo");
        String cosine = "- {views: [img_a@posterior, img_a], bound: infonce, critic: cosine}";
        assertProblem(only(cosine), 14, column(cosine, "cosine"), "'img_a@posterior' is a stochastic encoder's posterior",
                "write critic: posterior");
        String gaussian = "- {views: [img_a@posterior, img_a], bound: vib, critic: gaussian, direction: minimize}";
        assertProblem(only(gaussian), 14, column(gaussian, "gaussian"), "bound 'vib' needs the log-density critic"
                + " 'posterior'", "write critic: posterior");
    }

    @Test
    void betaPairsMustBeMinimized() {
        String vib = "- {views: [img_a@posterior, img_a], bound: vib, critic: posterior, weight: 0.01, warmup: 100}";
        assertProblem(only(vib), 14, column(vib, "vib"), "'vib' is an upper bound on MI: it can only be minimized",
                "add direction: minimize");
        String loo = "- {views: [img_a@posterior, img_a], bound: loo, critic: posterior, weight: 0.01}";
        assertProblem(only(loo), 14, column(loo, "loo"), "'loo' is an upper bound", "add direction: minimize");
        String warmup = LOO.replace("warmup: 100", "warmup: -5");
        assertProblem(only(warmup), 14, column(warmup, "-5"), "pairs[1].warmup", "");
    }

    private RecipeProblem only(String pair) {
        return onlyProblem(dir, "recipe.yaml", bottleneck(pair));
    }
}
