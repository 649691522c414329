package dev.viewpair.views.chain;

import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.ShapeContext;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.ViewSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A view's output shapes, computed from its ops' {@link ShapeRule}s without reading a file: the view's own, or, for a
 * view with a family op, each member view's ({@code crops.global0}), since the ops after the family op run on each
 * member.
 */
public final class ViewShapes {
    private ViewShapes() {}

    /** The shapes of a view whose ops are fine, without positions. */
    public static Optional<Map<String, Shape>> of(OpCatalog catalog, ViewSpec view, int sampleRate) {
        return of(catalog, view, sampleRate, List.of());
    }

    /**
     * The shapes of a view whose ops are fine.
     *
     * @param sampleRate the rate the recipe decodes sound at ({@code audio.sample_rate})
     * @param origins where each of the view's ops is written, in order, kept in the dimensions an op makes vary; or
     *     an empty list
     * @return view name (or {@code view.member}) → its shape, in member order; empty when an op declares no rule
     */
    public static Optional<Map<String, Shape>> of(OpCatalog catalog, ViewSpec view, int sampleRate, List<?> origins) {
        Map<String, Shape> shapes = new LinkedHashMap<>(Map.of(view.name(), Shape.initial(view.from(), sampleRate)));
        var stage = Stage.initial(view.from());
        for (int i = 0; i < view.ops().size(); i++) {
            var spec = view.ops().get(i);
            Object origin = origins.isEmpty() ? null : origins.get(i);
            var d = catalog.descriptor(spec, stage);
            var next = new LinkedHashMap<String, Shape>();
            for (var e : shapes.entrySet()) {
                if (d.family()) {
                    var members = catalog.memberShapes(spec, stage, e.getValue(), origin);
                    if (members.isEmpty()) {
                        return Optional.empty();
                    }
                    members.get().forEach((m, shape) -> next.put(e.getKey() + "." + m, shape));
                } else {
                    var shape = catalog.shape(spec, stage, e.getValue(), ShapeContext.at(origin));
                    if (shape.isEmpty()) {
                        return Optional.empty();
                    }
                    next.put(e.getKey(), shape.get());
                }
            }
            shapes = next;
            stage = d.output();
        }
        return Optional.of(shapes);
    }
}
