package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.chain.ViewShapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The output shape of every view of a valid recipe, as {@code validate} and {@code preview} print it: one line per
 * view, the member views of a family grouped by shape. A size in letters ({@code H}, {@code n}) or {@code ≥32} is the
 * file's own.
 */
public final class RecipeShapes {
    /** A group of more member views than this prints its first and last only. */
    private static final int LISTED = 3;

    private RecipeShapes() {}

    /** {@code "img_a: 3 × 32 × 32 (an image)"}, … in recipe order, with the standard op catalogue. */
    public static List<String> lines(Recipe recipe) {
        var lines = new ArrayList<String>();
        for (var view : recipe.views().values()) {
            var shapes = ViewShapes.of(OpCatalog.standard(), view, recipe.audio().sampleRate());
            if (shapes.isEmpty()) {
                lines.add(view.name() + ": shape unknown (an op declares no shape rule)");
                continue;
            }
            var byShape = new LinkedHashMap<Shape, List<String>>();
            shapes.get().forEach((name, shape) -> byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(name));
            byShape.forEach((shape, names) -> lines.add(names(names) + ": " + describe(shape)));
        }
        return lines;
    }

    /** {@code 3 × 32 × 32 (an image)}; {@code 3 × H × W (an image, of each file's size)}. */
    static String describe(Shape shape) {
        boolean ofFile = shape.dims().stream().anyMatch(Dim.OfFile.class::isInstance);
        return shape + " (" + ViewShapeChecks.kind(shape) + (ofFile ? ", of each file's size" : "") + ")";
    }

    private static String names(List<String> names) {
        return names.size() <= LISTED ? String.join(", ", names)
                : names.get(0) + " … " + names.get(names.size() - 1) + " (" + names.size() + " views)";
    }

    /** Every line, indented, for a command's output. */
    public static String indented(Recipe recipe) {
        var out = new StringBuilder();
        lines(recipe).forEach(l -> out.append("  ").append(l).append(System.lineSeparator()));
        return out.toString();
    }
}
