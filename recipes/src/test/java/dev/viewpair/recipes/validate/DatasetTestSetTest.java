package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.viewpair.recipes.model.DatasetDecl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset.test}: a published test set of its own instead of a test fraction. */
class DatasetTestSetTest {
    private static final String MINIMAL = fixture("minimal.yaml");

    @TempDir
    Path dir;

    @Test
    void aTestSetIsResolvedLikeThePathAndSurvivesTheWrittenRecipe() throws Exception {
        Files.createDirectories(dir.resolve("recipes"));
        var text = edit(MINIMAL, "  path: ../images", "  path: ../images\n  test: ../test-images");
        var recipe = load(dir.resolve("recipes"), "r.yaml", text);
        assertEquals(new DatasetDecl("folder", dir.toAbsolutePath().resolve("images"), DatasetDecl.ALL_TRAIN,
                DatasetDecl.SKIP, false, dir.toAbsolutePath().resolve("test-images")), recipe.dataset());
        // a run writes its resolved recipe and embed reads it back: the test set must be in it
        var again = load(dir, "written.yaml", recipe.toYaml());
        assertEquals(recipe.dataset(), again.dataset());
    }

    @Test
    void withoutATestSetThereIsNone() throws Exception {
        assertNull(load(dir, "r.yaml", MINIMAL).dataset().test());
    }

    @Test
    void aTestSetAndATestFractionTogetherAreAProblemAtTheTestSet() {
        var text = edit(MINIMAL, "  path: ../images", "  path: ../images\n  split: {train: 0.9, test: 0.1}\n  test: t");
        assertProblem(onlyProblem(dir, "r.yaml", text), 6, 9, "dataset.test names a test set, and dataset.split has a test fraction too",
                "keep one");
    }
}
