package dev.viewpair.recipes.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewpair.encoders.nn.EncoderTypes;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How problems render and sort, and what a recipe built by hand guarantees. */
class RecipeProblemTest {
    private static final Path FILE = Path.of("recipes", "av.yaml");

    @Test
    void problemRendersFileLineColumnMessageAndHint() {
        var p = new RecipeProblem(FILE, 5, 18, "unknown op 'random_resize_crop'", "did you mean 'random_resized_crop'?");
        assertEquals(FILE + ":5:18: unknown op 'random_resize_crop' — did you mean 'random_resized_crop'?", p.render());
        assertEquals(FILE + ": no such file", new RecipeProblem(FILE, 0, 0, "no such file", null).render());
    }

    @Test
    void exceptionSortsItsProblemsAndKeepsNoStackTrace() {
        var late = new RecipeProblem(FILE, 9, 1, "late", "");
        var early = new RecipeProblem(FILE, 2, 30, "early", "fix it");
        var sameLineFirst = new RecipeProblem(FILE, 2, 4, "first", "");
        var e = new RecipeException(List.of(late, early, sameLineFirst));
        assertEquals(List.of(sameLineFirst, early, late), e.problems());
        assertEquals(FILE + ":2:4: first\n" + FILE + ":2:30: early — fix it\n" + FILE + ":9:1: late", e.render());
        assertEquals(e.render(), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertThrows(IllegalArgumentException.class, () -> new RecipeException(List.of()));
    }

    @Test
    void recipeKeepsViewOrderAndCannotBeChanged() {
        var views = new LinkedHashMap<String, ViewSpec>();
        for (var name : List.of("z", "a", "m")) {
            views.put(name, new ViewSpec(name, Modality.IMAGE, List.of(OpSpec.of("hflip"))));
        }
        var encoder = new EncoderDecl("image", "conv", Map.of("widths", EncoderTypes.DEFAULT_WIDTHS, "dim", 64, "downsample", "pool"),
                List.of("z", "a", "m"));
        var recipe = new Recipe("r", 1, new DatasetDecl("folder", Path.of("/data"), DatasetDecl.ALL_TRAIN), AudioSettings.DEFAULT,
                views, Map.of("image", encoder),
                List.of(new PairDecl("z-a", "z", "a", ChoiceDecl.of("infonce"), ChoiceDecl.of("dot"), 1, PairDecl.MAXIMIZE)),
                TrainDecl.DEFAULT, EvalDecl.NONE);
        views.clear();
        assertEquals(List.of("z", "a", "m"), List.copyOf(recipe.views().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> recipe.views().remove("z"));
        assertEquals(encoder, recipe.encoderOf("m"));
        assertThrows(IllegalArgumentException.class, () -> recipe.encoderOf("nowhere"));
        // equal recipes have equal canonical text and hash; a different one does not
        var copy = new Recipe("r", 1, recipe.dataset(), recipe.audio(), recipe.views(), recipe.encoders(), recipe.pairs(),
                recipe.train(), recipe.eval());
        assertEquals(recipe.hash(), copy.hash());
        var other = new Recipe("r", 2, recipe.dataset(), recipe.audio(), recipe.views(), recipe.encoders(), recipe.pairs(),
                recipe.train(), recipe.eval());
        assertNotEquals(recipe.hash(), other.hash());
    }
}
