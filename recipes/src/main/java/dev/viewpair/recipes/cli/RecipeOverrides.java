package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.validate.RecipeLoader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE}, repeatable: values that replace the recipe's for this command, shared by the commands that
 * read a recipe ({@code train}, {@code validate}, {@code preview}, {@code preprocess}, {@code datasets sync-ceiling}) as a picocli mixin.
 */
final class RecipeOverrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = {
        "replace a recipe value (repeatable): dotted keys, list items by name, a YAML value, e.g."
                + " --set train.epochs=20 --set pairs.image-audio.weight=0.5"
                + " --set views.img_a.ops.random_resized_crop.size=64; checked like a line of the recipe"})
    List<String> sets = new ArrayList<>();

    /** A loader that applies the overrides to every recipe it reads. */
    RecipeLoader loader() {
        return new RecipeLoader().withOverrides(sets);
    }
}
