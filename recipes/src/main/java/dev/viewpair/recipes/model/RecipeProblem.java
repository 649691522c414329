package dev.viewpair.recipes.model;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a recipe file, where it is and what to do about it.
 *
 * @param file the recipe file, as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file (it cannot be read)
 * @param column 1-based column, or 0 with line 0
 * @param message what is wrong
 * @param hint what to do ("did you mean 'train'?"); empty when there is nothing to add
 */
public record RecipeProblem(Path file, int line, int column, String message, String hint) {
    /** File, then line, then column. */
    public static final Comparator<RecipeProblem> BY_POSITION = Comparator
            .comparing((RecipeProblem p) -> p.file().toString())
            .thenComparingInt(RecipeProblem::line)
            .thenComparingInt(RecipeProblem::column);

    public RecipeProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    /** {@code FILE:LINE:COL: what is wrong — what to do}. */
    public String render() {
        var where = line > 0 ? file + ":" + line + ":" + column : file.toString();
        return where + ": " + message + (hint.isEmpty() ? "" : " — " + hint);
    }
}
