package dev.viewpair.views.catalog;

import dev.viewpair.views.OpSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one op (defaults filled in), with typed getters. Made by
 * {@link OpDescriptor#params(Map)} after {@link OpDescriptor#check(Map)} found nothing wrong.
 */
public final class Params {
    private final String op;
    private final Map<String, Object> values;

    Params(String op, Map<String, Object> values) {
        this.op = op;
        this.values = values;
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("op '" + op + "' declares no parameter '" + name + "'");
        }
        return values.get(name);
    }

    public double number(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public int integer(String name) {
        return ((Number) get(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    /** A {@link ParamType#PATH}, as given (resolved against the recipe's folder when it came from a recipe). */
    public Path path(String name) {
        return Path.of(string(name));
    }

    /** A [low, high] pair; a single number x is [x, x]. */
    public double[] range(String name) {
        double[] v = numbersOf(get(name));
        return v.length == 1 ? new double[] {v[0], v[0]} : v;
    }

    /** A list of numbers; a single number is a list of one. */
    public double[] numbers(String name) {
        return numbersOf(get(name));
    }

    public TimeExpr time(String name) {
        return TimeExpr.parse(get(name));
    }

    /** A list of nested ops ({@link ParamType#OPS}), each as the recipe wrote it. */
    public List<OpSpec> ops(String name) {
        return opsOf(get(name));
    }

    /** Reads nested ops: an op name, or a one-key map from the name to its parameters (or to nothing). */
    @SuppressWarnings("unchecked")
    static List<OpSpec> opsOf(Object v) {
        var out = new ArrayList<OpSpec>();
        for (var item : (List<?>) v) {
            if (item instanceof String name) {
                out.add(OpSpec.of(name));
            } else {
                var entry = ((Map<String, ?>) item).entrySet().iterator().next();
                out.add(entry.getValue() == null ? OpSpec.of(entry.getKey())
                        : new OpSpec(entry.getKey(), (Map<String, Object>) entry.getValue()));
            }
        }
        return out;
    }

    /** True when the recipe gave this parameter or it has a default ({@link Param#optionalUnset} has none). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    static double[] numbersOf(Object v) {
        if (v instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        List<?> list = (List<?>) v;
        var out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
