package dev.viewpair.recipes.model;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a recipe file, where it is and what to do about it.
 *
 * @param file the recipe file, as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file (it cannot be read); in an override, which
 *     one (1-based, in command-line order)
 * @param column 1-based column, or 0 with line 0 or in an override
 * @param message what is wrong
 * @param hint what to do ("did you mean 'train'?"); empty when there is nothing to add
 * @param override the {@code KEY=VALUE} of the command line's {@code --set} that the problem is in; empty when it is
 *     in the file
 */
public record RecipeProblem(Path file, int line, int column, String message, String hint, String override) {
    /** File, then its overrides after it, then line, then column. */
    public static final Comparator<RecipeProblem> BY_POSITION = Comparator
            .comparing((RecipeProblem p) -> p.file().toString())
            .thenComparing(p -> !p.override().isEmpty())
            .thenComparingInt(RecipeProblem::line)
            .thenComparingInt(RecipeProblem::column);

    public RecipeProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
        override = override == null ? "" : override;
    }

    /** A problem in the file. */
    public RecipeProblem(Path file, int line, int column, String message, String hint) {
        this(file, line, column, message, hint, "");
    }

    /** {@code FILE:LINE:COL: what is wrong — what to do}, or {@code --set KEY=VALUE: what is wrong — what to do}. */
    public String render() {
        var where = !override.isEmpty() ? "--set " + override : line > 0 ? file + ":" + line + ":" + column : file.toString();
        return where + ": " + message + (hint.isEmpty() ? "" : " — " + hint);
    }
}
