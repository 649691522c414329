package dev.viewpair.recipes.cli;

import dev.viewpair.catalog.Suggest;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.TrainedModel;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A finished run folder and where to compute with it: the arguments ({@code RUN_DIR}, {@code --device}) and checks the
 * commands that read one ({@code embed}, {@code export}, {@code encode}) share, as a picocli mixin.
 */
final class RunFolder {
    @Parameters(paramLabel = "RUN_DIR", description = "a run folder written by train (recipe.yaml and checkpoint/)")
    Path run;

    @Option(names = "--device", paramLabel = "DEVICE", description = "where to compute: cpu, gpu:0, … (default: the "
            + "first of the run's train.devices)")
    String device;

    /** What a command does with the run's recipe. */
    @FunctionalInterface
    interface Work {
        void with(Recipe recipe) throws Exception;
    }

    /**
     * Loads the run's recipe and does the work; the exit status. A recipe with problems is printed with its positions
     * (exit 2), a bad argument found on the way is a user's error.
     */
    int run(Work work) throws Exception {
        try {
            work.with(recipe());
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The run's trained model on {@code --device}. */
    TrainedModel open(Recipe recipe) throws IOException {
        return TrainedModel.open(recipe, run, device);
    }

    /**
     * The run's resolved recipe ({@code RUN/recipe.yaml}), once the folder is known to hold a checkpoint.
     *
     * @throws UserError when the folder holds no recipe or no checkpoint
     * @throws RecipeException when its recipe has problems
     */
    private Recipe recipe() throws IOException, RecipeException {
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
