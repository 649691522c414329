package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.validate.RecipeShapes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code viewpair validate RECIPE}: exit 0 when the recipe is valid, else 2 with one line per problem. */
@Command(name = "validate", description = "Check a recipe without running it: exit 0 if valid, 2 with FILE:LINE:COL messages if not.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECIPE", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Mixin
    RecipeOverrides overrides;

    @Override
    public Integer call() {
        try {
            var r = overrides.loader().load(recipe);
            System.out.printf("%s: valid — %d views, %d encoders, %d pairs%n", recipe, r.views().size(),
                    r.encoders().size(), r.pairs().size());
            System.out.print(RecipeShapes.indented(r));
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        }
    }
}
