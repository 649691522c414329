package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import dev.viewpair.catalog.Suggest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The problems found so far in one recipe file, and the typed reads that report them. Reading goes
 * on after a problem so that the user sees every problem at once.
 */
final class Problems {
    private final Path file;
    private final List<String> overrides;
    private final List<RecipeProblem> found = new ArrayList<>();

    Problems(Path file) {
        this(file, List.of());
    }

    /**
     * The problems of a file read with these overrides ({@code KEY=VALUE}, {@link Overrides}): a node of the i-th
     * (0-based) stands at line {@code -(i + 1)}, and its problems name the override instead of a place in the file.
     */
    Problems(Path file, List<String> overrides) {
        this.file = file;
        this.overrides = List.copyOf(overrides);
    }

    Path file() {
        return file;
    }

    void add(int line, int column, String message, String hint) {
        found.add(line < 0 ? new RecipeProblem(file, -line, 0, message, hint, overrides.get(-line - 1))
                : new RecipeProblem(file, line, column, message, hint));
    }

    void add(PosNode at, String message, String hint) {
        add(at.line(), at.column(), message, hint);
    }

    /** Where a node is, for a message that points at another problem's cause: {@code line 12}, or its override. */
    String where(PosNode node) {
        return node.line() < 0 ? "--set " + overrides.get(-node.line() - 1) : "line " + node.line();
    }

    /** A problem with a map key itself (unknown, duplicated). */
    void add(PosNode.Entry at, String message, String hint) {
        add(at.line(), at.column(), message, hint);
    }

    /** A problem with the whole file (it cannot be read at all). */
    void addFile(String message, String hint) {
        add(0, 0, message, hint);
    }

    /** How many problems were found so far: compare before and after reading a part. */
    int count() {
        return found.size();
    }

    void throwIfAny() throws RecipeException {
        if (!found.isEmpty()) {
            throw new RecipeException(found);
        }
    }

    /** "did you mean 'x'?" when a known name is close, else the known names. */
    static String suggest(String word, Collection<String> known, String knownAre) {
        var closest = Suggest.closest(word, known);
        if (closest != null) {
            return "did you mean '" + closest + "'?";
        }
        return known.isEmpty() ? "" : knownAre + ": " + String.join(", ", known.stream().sorted().toList());
    }

    /** Text, else a problem and {@code null}. */
    String text(PosNode node, String path) {
        if (node instanceof PosNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        add(node, path + ": expected a name or text, got " + node.describe(), "write a word, quoted if it holds special characters");
        return null;
    }

    /** A whole number ≥ min that fits in an int, else a problem and {@code null}. */
    Integer integer(PosNode node, String path, int min) {
        Long value = whole(node, path, min);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE) {
            add(node, path + " must be ≤ " + Integer.MAX_VALUE + ", got " + value, "give a smaller whole number");
            return null;
        }
        return value.intValue();
    }

    /** A whole number ≥ min, else a problem and {@code null}. */
    Long whole(PosNode node, String path, long min) {
        Object v = node instanceof PosNode.Scalar s ? s.value() : null;
        long value;
        if (v instanceof Integer || v instanceof Long) {
            value = ((Number) v).longValue();
        } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            value = d.longValue();
        } else {
            add(node, path + ": expected a whole number, got " + node.describe(), "give a whole number ≥ " + min);
            return null;
        }
        if (value < min) {
            add(node, path + " must be ≥ " + min + ", got " + value, "give a whole number ≥ " + min);
            return null;
        }
        return value;
    }

    /**
     * A finite number above {@code min} ({@code exclusive}) or from {@code min} on, else a problem and
     * {@code null}.
     */
    Double number(PosNode node, String path, double min, boolean exclusive) {
        Object v = node instanceof PosNode.Scalar s ? s.value() : null;
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            add(node, path + ": expected a number, got " + node.describe(), "give a number " + bound(min, exclusive));
            return null;
        }
        double x = n.doubleValue();
        if (exclusive ? !(x > min) : !(x >= min)) {
            add(node, path + " must be " + bound(min, exclusive) + ", got " + n, "give a number " + bound(min, exclusive));
            return null;
        }
        return x;
    }

    private static String bound(double min, boolean exclusive) {
        var m = min == Math.rint(min) ? Long.toString((long) min) : Double.toString(min);
        return (exclusive ? "> " : "≥ ") + m;
    }

    /** A list, else a problem and {@code null}. */
    List<PosNode> list(PosNode node, String path, String example) {
        if (node instanceof PosNode.Sequence s) {
            return s.items();
        }
        add(node, path + ": expected a list, got " + node.describe(), "write a list such as " + example);
        return null;
    }

    /** A map, else a problem and {@code null}. */
    PosNode.Mapping map(PosNode node, String path, String example) {
        if (node instanceof PosNode.Mapping m) {
            return m;
        }
        add(node, path + ": expected a map, got " + node.describe(), "write a map such as " + example);
        return null;
    }
}
