package dev.viewpair.encoders.mi;

import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.Map;

/**
 * The parameters a recipe gave one bound or critic, checked against the keys its descriptor declares, read as
 * typed values with the declared defaults. A factory ({@link BoundDescriptor}, {@link CriticDescriptor}) reads each
 * value with the check its range needs, so that a bad value is refused naming the member, the key and the range.
 */
public final class MiParams {
    private final String kind;
    private final String name;
    private final List<Param> declared;
    private final Map<String, Object> values;

    private MiParams(String kind, String name, List<Param> declared, Map<String, Object> values) {
        this.kind = kind;
        this.name = name;
        this.declared = declared;
        this.values = values;
    }

    /**
     * @param kind "bound" or "critic", for messages
     * @param name the member's name
     * @param declared its declared parameters
     * @param values what was given (null for none)
     * @throws IllegalArgumentException naming a key it does not declare
     */
    static MiParams check(String kind, String name, List<Param> declared, Map<String, Object> values) {
        var accepted = declared.stream().map(Param::name).toList();
        Map<String, Object> given = values == null ? Map.of() : values;
        for (String key : given.keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(kind + " '" + name + "' has no parameter '" + key + "'; "
                        + (accepted.isEmpty() ? "it takes none" : "accepted: " + String.join(", ", accepted)));
            }
        }
        return new MiParams(kind, name, declared, given);
    }

    /** The given value, else the declared default. */
    private Object value(String key) {
        Object given = values.get(key);
        if (given != null) {
            return given;
        }
        return declared.stream().filter(p -> p.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException(kind + " '" + name + "' declares no parameter '" + key + "'"))
                .defaultValue();
    }

    /** A positive finite number. */
    public double positiveNumber(String key) {
        Object value = value(key);
        if (!(value instanceof Number number) || !(number.doubleValue() > 0) || Double.isInfinite(number.doubleValue())) {
            throw new IllegalArgumentException(
                    kind + " '" + name + "': '" + key + "' must be a positive number, got " + value);
        }
        return number.doubleValue();
    }

    /**
     * A number in (low, high] or [low, high] (by {@code lowInclusive}); high inclusive, infinite
     * bounds meaning "any finite number".
     */
    public double number(String key, double low, boolean lowInclusive, double high) {
        Object value = value(key);
        double number = value instanceof Number n ? n.doubleValue() : Double.NaN;
        boolean above = lowInclusive ? number >= low : number > low;
        if (!Double.isFinite(number) || !above || number > high) {
            String range = Double.isInfinite(low) && Double.isInfinite(high)
                    ? "a finite number"
                    : "a number in " + (lowInclusive ? "[" : "(") + format(low) + ", " + format(high) + "]";
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key + "' must be " + range + ", got " + value);
        }
        return number;
    }

    /** A positive whole number. */
    public int positiveInt(String key) {
        Object value = value(key);
        if (!isPositiveInt(value)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key + "' must be a positive integer, got " + value);
        }
        return ((Number) value).intValue();
    }

    /** A list of positive integers (layer widths; may be empty). */
    public int[] widths(String key) {
        Object value = value(key);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(MiParams::isPositiveInt)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key
                    + "' must be a list of positive integers (layer widths, e.g. [256, 256]), got " + value);
        }
        return list.stream().mapToInt(width -> ((Number) width).intValue()).toArray();
    }

    /** true or false. */
    public boolean flag(String key) {
        Object value = value(key);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key + "' must be true or false, got " + value);
        }
        return flag;
    }

    private static boolean isPositiveInt(Object value) {
        return (value instanceof Integer || value instanceof Long || value instanceof Short)
                && ((Number) value).longValue() > 0 && ((Number) value).longValue() <= Integer.MAX_VALUE;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
