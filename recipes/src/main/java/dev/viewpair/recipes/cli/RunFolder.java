package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.api.EncoderModel;
import dev.viewpair.recipes.api.Encoders;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.TrainedModel;
import java.io.IOException;
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

    /** What a command does with the run through the Java API, which reads its recipe itself. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * Loads the run's recipe and does the work; the exit status. A recipe with problems is printed with its positions
     * (exit 2), a bad argument found on the way is a user's error.
     */
    int run(Work work) throws Exception {
        return run(() -> work.with(recipe()));
    }

    /** Does the action; the exit status, as {@link #run(Work)} gives it. */
    static int run(Action action) throws Exception {
        try {
            action.run();
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The run's encoder of this name on {@code --device}, as the Java API gives it. */
    EncoderModel encoder(String name) throws IOException {
        return Encoders.load(run, name, device);
    }

    /** The run's trained model on {@code --device}. */
    TrainedModel open(Recipe recipe) throws IOException {
        return TrainedModel.open(recipe, run, device);
    }

    /**
     * The run's resolved recipe ({@code RUN/recipe.yaml}), once the folder is known to hold a checkpoint.
     *
     * @throws IllegalArgumentException when the folder holds no recipe or no checkpoint
     * @throws RecipeException when its recipe has problems
     */
    private Recipe recipe() throws IOException, RecipeException {
        return TrainedModel.recipe(run);
    }
}
