package dev.viewpair.recipes.model;

import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.chain.OpCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;

/**
 * A view cut some seconds later or earlier than a declared one, for the sync evaluation ({@link SyncDecl}): the same
 * ops, every time-cutting op whose {@code at} is relative to the anchor moved by the offset ({@code at: anchor - 0.25s}
 * shifted by 1 s is {@code at: anchor + 0.75s}; an {@code at} left out is the anchor).
 */
public final class ShiftedView {
    private ShiftedView() {}

    /** The name of {@code view} shifted by {@code offset} seconds: {@code sound@+0.25s}, {@code sound@-1s}. */
    public static String name(String view, double offset) {
        return view + "@" + label(offset);
    }

    /** A signed offset as reports write it: {@code +0.25s}, {@code -1s}. */
    public static String label(double offset) {
        var text = String.format(Locale.ROOT, "%.6f", Math.abs(offset)).replaceAll("0+$", "").replaceAll("\\.$", "");
        return (offset < 0 ? "-" : "+") + text + "s";
    }

    /**
     * {@code spec} shifted by {@code offset} seconds, named {@link #name}.
     *
     * @throws IllegalArgumentException when no op of the view cuts a window at a time relative to the anchor, so
     *     that shifting it would change nothing
     */
    public static ViewSpec of(ViewSpec spec, double offset, OpCatalog ops) {
        var shifted = new ArrayList<OpSpec>();
        boolean moved = false;
        for (var op : spec.ops()) {
            boolean timed = ops.find(op.name()).stream().anyMatch(OpDescriptor::cutsTime);
            var at = timed ? TimeExpr.parse(op.params().getOrDefault("at", "anchor")) : null;
            if (at == null || !at.anchored()) {
                shifted.add(op);
                continue;
            }
            var params = new HashMap<>(op.params());
            params.put("at", new TimeExpr(true, at.seconds() + offset).toString());
            shifted.add(new OpSpec(op.name(), params));
            moved = true;
        }
        if (!moved) {
            throw new IllegalArgumentException("view '" + spec.name() + "' cuts no window at a time relative to the anchor,"
                    + " so it cannot be shifted");
        }
        return new ViewSpec(name(spec.name(), offset), spec.from(), shifted);
    }
}
