package dev.viewpair.views.compose;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import java.util.Arrays;
import java.util.List;

/**
 * torchvision's {@code RandomChoice}: each draw applies exactly one of the options, option i with probability
 * {@code weights[i] / Σ weights} (one uniform draw from the view's stream picks it).
 *
 * @param options the ops to choose from
 * @param weights one non-negative weight per option, not all zero
 */
public record OneOf(List<Op<Object, Object>> options, double[] weights) implements Op<Object, Object> {
    public OneOf {
        options = List.copyOf(options);
        weights = weights.clone();
        if (options.isEmpty()) {
            throw new IllegalArgumentException("one_of needs at least one op");
        }
        if (weights.length != options.size()) {
            throw new IllegalArgumentException("one_of has " + options.size() + " ops but " + weights.length
                    + " weights: give one weight per op, or none for equal weights");
        }
        if (Arrays.stream(weights).anyMatch(w -> !(w >= 0) || Double.isInfinite(w)) || Arrays.stream(weights).sum() <= 0) {
            throw new IllegalArgumentException("one_of weights must be finite, ≥ 0 and not all 0, got " + Arrays.toString(weights));
        }
    }

    /** Options of equal weight. */
    public static OneOf uniform(List<Op<Object, Object>> options) {
        var w = new double[options.size()];
        Arrays.fill(w, 1.0);
        return new OneOf(options, w);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The option a uniform draw u in [0, 1) picks. */
    int pick(double u) {
        double total = Arrays.stream(weights).sum();
        double target = u * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (target < cumulative) {
                return i;
            }
        }
        // rounding can leave target at the very top: the last option of non-zero weight
        int last = weights.length - 1;
        while (weights[last] == 0) {
            last--;
        }
        return last;
    }

    @Override
    public Object apply(Object input, ViewContext ctx) {
        return options.get(pick(ctx.rng().uniform())).apply(input, ctx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneOf other && options.equals(other.options) && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return 31 * options.hashCode() + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "OneOf" + options + " weights " + Arrays.toString(weights);
    }
}
