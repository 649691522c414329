package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.ContactSheet;
import dev.viewpair.recipes.validate.RecipeShapes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair preview RECIPE [--out FILE] [--samples N] [--epoch E] [--split S]}: a contact sheet of a recipe's views. */
@Command(name = "preview", description = "Draw a contact sheet of what a recipe feeds its encoders: one row per sample,"
        + " one column per view, before training.")
final class PreviewCommand implements Callable<Integer> {
    /** How many unreadable samples are named one by one; the rest are only counted. */
    private static final int NAMED_UNREADABLE = 5;

    @Parameters(paramLabel = "RECIPE", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Mixin
    RecipeOverrides overrides;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "views.png", description = "the image to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "8", description = "rows: the first N samples of the split (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--epoch", paramLabel = "E", defaultValue = "0", description = "the epoch whose random views to draw (default: ${DEFAULT-VALUE})")
    int epoch;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() throws Exception {
        if (samples < 1) {
            throw new UserError("--samples must be at least 1, got " + samples);
        }
        if (epoch < 0) {
            throw new UserError("--epoch must be 0 or more, got " + epoch);
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw new UserError("--split must be train or test, got '" + split + "'");
        }
        try {
            var r = overrides.loader().load(recipe);
            var sheet = ContactSheet.write(r, split, samples, epoch, out);
            System.out.printf("%s: %d samples × %d views (%s split, epoch %d) → %s (%d×%d)%n", r.name(), sheet.rows(),
                    r.views().size(), split, epoch, out, sheet.width(), sheet.height());
            System.out.print(RecipeShapes.indented(r));
            var unreadable = sheet.unreadable();
            if (!unreadable.isEmpty()) {
                System.out.printf("%d of %d samples unreadable (grey rows):%n", unreadable.size(), sheet.rows());
                unreadable.stream().limit(NAMED_UNREADABLE).forEach(u -> System.out.printf("  %s: %s%n", u.id(), u.reason()));
                if (unreadable.size() > NAMED_UNREADABLE) {
                    System.out.printf("  … and %d more%n", unreadable.size() - NAMED_UNREADABLE);
                }
            }
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException | ManifestException e) {
            throw new UserError(e.getMessage());
        }
    }
}
