package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.BadInputException;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair train RECIPE [--out DIR]}: validates, trains, evaluates, and writes the run folder. */
@Command(name = "train", description = "Validate a recipe, train all its pairs together, evaluate, and write the run folder.")
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECIPE", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: runs/<recipe name>)")
    Path out;

    @Override
    public Integer call() throws Exception {
        return train(recipe, out);
    }

    static int train(Path recipeFile, Path out) throws Exception {
        try {
            var recipe = new RecipeLoader().load(recipeFile);
            var runDir = out != null ? out : Path.of("runs", recipe.name());
            new Training(recipe, runDir, System.out).run();
            return 0;
        } catch (NonFiniteLossException e) {
            // not a crash: the guard stopped the run before a NaN reached the parameters
            System.err.println("viewpair: training stopped: " + e.getMessage()
                    + " — every step before it is in the run folder's metrics.jsonl");
            return 1;
        } catch (BadInputException e) {
            // the recipe asked for it (dataset.on_bad_input: fail_fast): the file is the user's to fix
            System.err.println("viewpair: training stopped at a bad input (dataset.on_bad_input: fail_fast): " + e.getMessage()
                    + "\n  it is listed in the run folder's bad_inputs.jsonl; metrics.jsonl and the last checkpoint keep"
                    + " every step before it — fix or remove the file, or set on_bad_input: skip to go past such files");
            return Main.USER_ERROR;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException | ManifestException e) {
            // wiring problems that only show with real data (an empty split, a missing dataset): the user's to fix
            throw new UserError(e.getMessage());
        }
    }
}
