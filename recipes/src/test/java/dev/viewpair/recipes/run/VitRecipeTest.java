package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.nn.VisionTransformer;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code vit} encoder in a recipe: validated (its parameters, the heads that must divide the width, views whose
 * sides its patch must divide and that must share one size, each refused at its FILE:LINE:COL), written into the
 * resolved recipe, trained two steps by the real trainer on tiny views (patch 4 on 16 × 16, depth 1, width 16), saved
 * and loaded back.
 */
class VitRecipeTest {
    private static final String RECIPE = """
            dataset: {type: folder, path: images}
            views:
              a: {from: image, ops: [random_resized_crop: {size: 16}]}
              b: {like: a}
            encoders:
              image: {type: vit, patch: 4, depth: 1, width: 16, heads: 2, pool: mean, projection: 8, views: [a, b]}
            pairs:
              - {views: [a, b], bound: infonce, critic: cosine}
            train: {epochs: 1, batch: 4}
            """;

    @TempDir
    Path dir;

    private Recipe load(String text) throws Exception {
        return new RecipeLoader().load(Files.writeString(dir.resolve("r.yaml"), text));
    }

    /** The only problem of a recipe that must fail, checked to be at the first {@code token} on {@code line}. */
    private RecipeProblem onlyAt(String text, int line, String token) throws Exception {
        var e = assertThrows(RecipeException.class, () -> load(text));
        assertEquals(1, e.problems().size(), e.render());
        var problem = e.problems().get(0);
        int column = text.lines().toList().get(line - 1).indexOf(token) + 1;
        assertEquals(line + ":" + column, problem.line() + ":" + problem.column(), problem.render());
        assertEquals(dir.resolve("r.yaml"), problem.file());
        return problem;
    }

    @Test
    void aVitEncoderIsValidatedWrittenAndTrainsAStep() throws Exception {
        var recipe = load(RECIPE);
        assertEquals(Map.of("patch", 4, "depth", 1, "width", 16, "heads", 2, "mlp_ratio", 4.0, "pool", "mean", "projection", 8),
                recipe.encoders().get("image").params());
        var yaml = recipe.toYaml();
        assertTrue(yaml.contains("type: vit") && yaml.contains("mlp_ratio: 4") && yaml.contains("pool: mean"), yaml);
        Files.writeString(dir.resolve("again.yaml"), yaml);
        assertEquals(recipe, new RecipeLoader().load(dir.resolve("again.yaml")));

        float[][] trained;
        try (var trainer = RecipeTrainer.build(Families.standard(), recipe, List.of(Device.cpu()), 1)) {
            var encoder = trainer.encoder("image");
            var batch = NewMembersEndToEndTest.images(4, 16);
            var first = trainer.trainStep(0, batch, 0);
            assertTrue(Double.isFinite(first.loss()), first.toString());
            assertTrue(encoder.backbone() instanceof VisionTransformer);
            assertEquals(16, encoder.dim());
            assertEquals(8, encoder.projectionDim());
            var positions = encoder.backbone().getParameters().get("pos_embed").getArray();
            assertEquals(List.of(1L, 17L, 16L), List.of(positions.getShape().get(0), positions.getShape().get(1),
                    positions.getShape().get(2)), "16 patches of 4 × 4 and the class token");
            var before = positions.duplicate();
            trainer.trainStep(0, batch, 1);
            assertFalse(before.allClose(positions), "a step moves the position embeddings");
            assertEquals(2, trainer.step());
            trained = trainer.embed("image", List.of(batch).iterator(), "a");
            trainer.save(dir.resolve("checkpoint"));
        }
        // a checkpoint sets the position embeddings up for the recorded view size and loads them by name
        try (var restored = RecipeTrainer.build(Families.standard(), recipe, List.of(Device.cpu()), 1)) {
            restored.load(dir.resolve("checkpoint"));
            var loaded = restored.embed("image", List.of(NewMembersEndToEndTest.images(4, 16)).iterator(), "a");
            for (int i = 0; i < trained.length; i++) {
                assertArrayEquals(trained[i], loaded[i], "row " + i);
            }
        }
    }

    @Test
    void aPatchThatDoesNotDivideTheViewIsRefusedAtTheEncodersViews() throws Exception {
        var p = onlyAt(RECIPE.replace("patch: 4", "patch: 5"), 6, "[a, b]");
        assertEquals("encoder 'image' (vit) cuts its views into 5 × 5 patches, but view 'a' (3 × 16 × 16, an image) has a"
                + " side of 16, not a multiple of patch 5", p.message());
        assertEquals("resize or crop the view to a multiple of 5, or choose a patch that divides 16", p.hint());
    }

    @Test
    void viewsOfTwoSizesAreRefusedSinceThePositionsFixTheirNumberOfPatches() throws Exception {
        var p = onlyAt(RECIPE.replace("b: {like: a}", "b: {from: image, ops: [random_resized_crop: {size: 8}]}"), 6, "[a, b]");
        assertEquals("encoder 'image' (vit) learns a position embedding for each patch of its views, so they need one shape,"
                + " but view 'a' is 3 × 16 × 16 and view 'b' is 3 × 8 × 8", p.message());
    }

    @Test
    void headsThatDoNotDivideTheWidthAreRefusedAtHeads() throws Exception {
        var p = onlyAt(RECIPE.replace("heads: 2", "heads: 3"), 6, "3,");
        assertTrue(p.message().contains("vit encoder's heads (3) do not divide its width (16)"), p.render());
        assertTrue(p.hint().contains("choose heads that divide width"), p.render());
    }

    @Test
    void anUnknownPoolingGetsASuggestion() throws Exception {
        var p = onlyAt(RECIPE.replace("pool: mean", "pool: maen"), 6, "maen");
        assertEquals("encoders.image.pool: unknown pool 'maen'", p.message());
        assertEquals("did you mean 'mean'?", p.hint());
    }
}
