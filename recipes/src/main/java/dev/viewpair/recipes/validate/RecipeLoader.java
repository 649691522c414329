package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.views.chain.OpCatalog;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a recipe file (YAML: {@code .yaml}/{@code .yml}, JSON: {@code .json}), checks it against the catalogue
 * of each family ({@link Families}), and resolves it. Every problem found is reported at once, each
 * with its file, line and column.
 */
public final class RecipeLoader {
    private final Families families;
    /** Whether a checkpoint holds the weights: files of starting weights are then not opened. */
    private final boolean weightsFromCheckpoint;
    private final List<String> overrides;

    /** A loader checking every family against its standard catalogue ({@link Families#standard()}). */
    public RecipeLoader() {
        this(Families.standard());
    }

    /** A loader checking ops against the given catalogue, the other families against their standard ones. */
    public RecipeLoader(OpCatalog catalog) {
        this(Families.standard().withOps(catalog));
    }

    /** A loader checking each family against the given catalogues. */
    public RecipeLoader(Families families) {
        this(families, false, List.of());
    }

    private RecipeLoader(Families families, boolean weightsFromCheckpoint, List<String> overrides) {
        this.families = Objects.requireNonNull(families, "families");
        this.weightsFromCheckpoint = weightsFromCheckpoint;
        this.overrides = List.copyOf(overrides);
    }

    /**
     * This loader for the recipe of a run whose checkpoint holds the weights (a run to resume, a trained run's model):
     * parameters naming files of starting weights ({@link dev.viewpair.catalog.ParamType#WEIGHTS}, a resnet's
     * {@code init}) are read as written, but their files are not opened, so a run still loads once they are gone.
     */
    public RecipeLoader weightsFromCheckpoint() {
        return new RecipeLoader(families, true, overrides);
    }

    /**
     * A loader that writes these overrides, {@code KEY=VALUE} as the command line's {@code --set} takes them, into
     * every recipe it reads before checking it: {@code train.epochs=20}, {@code pairs.image-audio.weight=0.5} (list
     * items by name). An override is checked as a line of the file would be; its problems name it
     * ({@code --set train.epochs=abc: …}) instead of a line.
     */
    public RecipeLoader withOverrides(List<String> overrides) {
        return new RecipeLoader(families, weightsFromCheckpoint, overrides);
    }

    /**
     * The resolved recipe of a file: {@code like} expanded, defaults filled, the dataset path resolved
     * against the file's folder.
     *
     * @throws RecipeException holding every problem found; {@link RecipeException#render()} gives one line each
     */
    public Recipe load(Path file) throws RecipeException {
        var problems = new Problems(file, overrides);
        var format = format(file, problems);
        String text = null;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            problems.addFile("no such file", "check the path");
        } catch (CharacterCodingException e) {
            problems.addFile("the file is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            problems.addFile("cannot read the file: " + e.getMessage(), "check that it is a readable file");
        }
        problems.throwIfAny();
        return resolve(text, format, problems);
    }

    /**
     * The resolved recipe of a file's text read elsewhere (a cluster job ships the text to its workers): checked and
     * resolved as if {@code file} held it — the format from its name, the dataset path against its folder — without
     * reading the file.
     *
     * @throws RecipeException holding every problem found
     */
    public Recipe load(Path file, String text) throws RecipeException {
        var problems = new Problems(file, overrides);
        var format = format(file, problems);
        return resolve(Objects.requireNonNull(text, "text"), format, problems);
    }

    private static TreeReader.Format format(Path file, Problems problems) throws RecipeException {
        var format = TreeReader.Format.of(file.getFileName().toString());
        if (format == null) {
            problems.addFile("not a recipe file name", "a recipe file ends in .yaml, .yml or .json");
            problems.throwIfAny();
        }
        return format;
    }

    private Recipe resolve(String text, TreeReader.Format format, Problems problems) throws RecipeException {
        var read = TreeReader.read(text, format, problems);
        problems.throwIfAny();
        var tree = Overrides.apply(read, overrides, problems);
        problems.throwIfAny();
        var recipe = new RecipeValidator(families, problems, weightsFromCheckpoint).validate(tree);
        problems.throwIfAny();
        return recipe;
    }
}
