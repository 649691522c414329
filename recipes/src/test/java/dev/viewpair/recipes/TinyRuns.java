package dev.viewpair.recipes;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small trained runs tests read: a few generated samples and a recipe, trained quietly into a run folder. */
public final class TinyRuns {
    private TinyRuns() {}

    /**
     * Generates 8 synth-av samples into {@code dir/data}, writes the recipe (whose dataset is {@code data/manifest.csv})
     * to {@code dir/NAME.yaml} and trains it into {@code dir/run}.
     *
     * @return the run folder
     */
    public static Path train(Path dir, String name, String recipe) throws Exception {
        SynthAv.generate(dir.resolve("data"), 8, 3, 1, done -> {});
        var recipeFile = Files.writeString(dir.resolve(name + ".yaml"), recipe);
        var runDir = dir.resolve("run");
        new Training(new RecipeLoader().load(recipeFile), runDir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        return runDir;
    }
}
