package dev.viewpair.recipes.validate;

import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.chain.ViewShapes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the output shape of every view the views section declares, from its ops' shape rules, and refuses a view
 * whose shape differs between draws (an op that draws a length or a size, a combinator whose options disagree): a
 * batch stacks one view of many samples, so the run would stop at the first batch that mixes two shapes. A size that
 * only the file sets ({@code 3 × H × W} without a resize or crop) is not refused: many datasets hold files of one size.
 */
final class ViewShapeChecks {
    private final OpCatalog catalog;
    private final Problems problems;

    ViewShapeChecks(OpCatalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /**
     * The shapes of the views read without problems, each view whose shape varies reported at the op that makes it vary.
     *
     * @param sampleRate the rate the recipe decodes sound at
     * @return view name (member view name for a family) → its shape, where every op of the view declares a shape rule
     */
    Map<String, Shape> check(ViewsReader.Result views, int sampleRate) {
        var shapes = new LinkedHashMap<String, Shape>();
        var reported = new HashSet<PosNode>();
        views.views().forEach((name, spec) -> ViewShapes.of(catalog, spec, sampleRate, views.opsAt().get(name))
                .ifPresent(made -> made.forEach((view, shape) -> {
                    shapes.put(view, shape);
                    // one problem per op: a view like it, and every member of a family, vary for the same reason
                    shape.varying().filter(v -> v.origin() instanceof PosNode at && reported.add(at)).ifPresent(v ->
                            problems.add((PosNode) v.origin(), "view '" + view + "' has shape " + shape + " (" + kind(shape)
                                    + "), which differs between draws: " + v.why() + " — a batch needs one shape per view",
                                    v.fix()));
                })));
        return shapes;
    }

    /** "a spectrogram", "a stack of 4 frames", for messages. */
    static String kind(Shape shape) {
        return shape.isFrameStack() ? "a stack of " + shape.frames() + (shape.frames() == 1 ? " frame" : " frames")
                : OpCatalog.article(shape.stage());
    }
}
