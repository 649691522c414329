package dev.viewpair.views.compose;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;

/**
 * torchvision's {@code RandomApply}: applies an op with probability {@code p}, else passes the input through.
 * An op's own {@code p:} and {@code random_apply: {p, ops}} (whose op is a {@link Sequence}) both come here,
 * so they mean the same. With {@code p} of 0 or 1 no random number is drawn: the view is then exactly the
 * one without the op, or the one with the op alone.
 *
 * @param op what is applied
 * @param p the probability of applying it, in [0, 1]
 */
public record RandomApply(Op<Object, Object> op, double p) implements Op<Object, Object> {
    public RandomApply {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be a probability in [0, 1], got " + p);
        }
    }

    /** The op itself when {@code p ≥ 1}, else the op applied with probability p. */
    public static Op<Object, Object> of(Op<Object, Object> op, double p) {
        return p >= 1 ? op : new RandomApply(op, p);
    }

    @Override
    public Object apply(Object input, ViewContext ctx) {
        if (p <= 0 || !ctx.rng().bernoulli(p)) {
            return input;
        }
        return op.apply(input, ctx);
    }
}
