package dev.viewpair.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one catalogue entry (defaults filled in), with typed getters. Made by
 * {@link ParamChecks#values} after {@link ParamChecks#check} found nothing wrong.
 */
public final class Params {
    /** What the values belong to, for messages: {@code op 'resize'}. */
    private final String owner;
    private final Map<String, Object> values;

    /** Values already checked against their declarations, defaults filled in ({@link ParamChecks#values}). */
    Params(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException(owner + " declares no parameter '" + name + "'");
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

    /**
     * A {@link ParamType#PATH} or {@link ParamType#WEIGHTS}, as given (resolved against the recipe's folder when it came
     * from a recipe).
     */
    public Path path(String name) {
        return Path.of(string(name));
    }

    /** A {@link ParamType#SETTINGS} map, keys as written. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> settings(String name) {
        return (Map<String, Object>) get(name);
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

    /** A {@link ParamType#INTEGERS} list. */
    public int[] integers(String name) {
        return ((List<?>) get(name)).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    public TimeExpr time(String name) {
        return TimeExpr.parse(get(name));
    }

    /** A list as the recipe wrote it ({@link ParamType#OPS}: nested ops, read by the op catalogue). */
    public List<?> list(String name) {
        return (List<?>) get(name);
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
