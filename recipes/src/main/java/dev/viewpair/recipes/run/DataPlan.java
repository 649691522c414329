package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.datasets.split.Splits;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The recipe's dataset opened and split: train, and test where the recipe declares one.
 *
 * @param all every sample
 * @param train the train split
 * @param test the test split, or {@code null}
 */
record DataPlan(Source all, Source train, Source test) {
    static DataPlan of(Recipe recipe) throws IOException {
        var d = recipe.dataset();
        if (!Files.exists(d.path())) {
            throw new IllegalArgumentException("dataset " + d.path() + " does not exist — check dataset.path in the recipe"
                    + " (relative paths start at the recipe's folder)");
        }
        Source all = switch (d.type()) {
            case "manifest" -> ManifestSource.open(d.path());
            default -> throw new IllegalArgumentException("dataset type '" + d.type() + "' is not available yet — use manifest");
        };
        var splits = Splits.of(d.split(), recipe.seed());
        Source train = splits.select(all, "train");
        Source test = d.split().containsKey("test") ? splits.select(all, "test") : null;
        return new DataPlan(all, train, test);
    }
}
