package dev.viewpair.views.compose;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import java.util.List;

/**
 * Ops applied one after the other, drawing from the view's random stream in order: the nested ops of
 * {@code random_apply}, so that {@code random_apply: {p: 1, ops: [a, b]}} makes exactly what {@code [a, b]}
 * makes.
 *
 * @param ops first to last
 */
public record Sequence(List<Op<Object, Object>> ops) implements Op<Object, Object> {
    public Sequence {
        ops = List.copyOf(ops);
    }

    @Override
    public Object apply(Object input, ViewContext ctx) {
        Object x = input;
        for (var op : ops) {
            x = op.apply(x, ctx);
        }
        return x;
    }
}
