package dev.viewpair.recipes.cli;

import dev.viewpair.catalog.Suggest;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A finished run folder as the commands that read one ({@code embed}, {@code export}, {@code encode}) find it. */
final class RunFolder {
    private RunFolder() {}

    /**
     * The run's resolved recipe ({@code RUN/recipe.yaml}), once the folder is known to hold a checkpoint.
     *
     * @throws UserError when the folder holds no recipe or no checkpoint
     * @throws RecipeException when its recipe has problems
     */
    static Recipe recipe(Path run) throws IOException, RecipeException {
        var recipeFile = run.resolve("recipe.yaml");
        // the checkpoint train --resume would continue from (checkpoint/, or checkpoint.old/ after a crash mid-swap)
        if (!Files.exists(recipeFile) || Training.lastCheckpoint(run).isEmpty()) {
            throw new UserError(run + " is not a finished run folder: it needs recipe.yaml and checkpoint/ (written by train)");
        }
        return new RecipeLoader().load(recipeFile);
    }

    /**
     * The run's encoder of this name.
     *
     * @throws UserError naming the closest encoder name, or all of them
     */
    static EncoderDecl encoder(Recipe recipe, String name) {
        var declared = recipe.encoders().get(name);
        if (declared == null) {
            var suggestion = Suggest.closest(name, recipe.encoders().keySet());
            throw new UserError("the run has no encoder '" + name + "'" + (suggestion != null
                    ? " — did you mean '" + suggestion + "'?" : " — encoders: " + String.join(", ", recipe.encoders().keySet())));
        }
        return declared;
    }
}
