package dev.viewpair.encoders.mi;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Checks a factory's name and parameters against {@link MiVocabulary} and reads typed values. */
final class MiParams {
    private final String kind;
    private final String name;
    private final Map<String, Object> values;

    private MiParams(String kind, String name, Map<String, Object> values) {
        this.kind = kind;
        this.name = name;
        this.values = values;
    }

    /**
     * @param kind "bound" or "critic", for messages
     * @param vocabulary name → accepted keys
     */
    static MiParams check(String kind, Map<String, List<String>> vocabulary, String name, Map<String, Object> values) {
        List<String> accepted = vocabulary.get(name);
        if (accepted == null) {
            throw new IllegalArgumentException(
                    "unknown " + kind + " '" + name + "'; known: " + String.join(", ", new TreeSet<>(vocabulary.keySet())));
        }
        Map<String, Object> given = values == null ? Map.of() : values;
        for (String key : given.keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(kind + " '" + name + "' has no parameter '" + key + "'; "
                        + (accepted.isEmpty() ? "it takes none" : "accepted: " + String.join(", ", accepted)));
            }
        }
        return new MiParams(kind, name, given);
    }

    double positiveNumber(String key, double fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
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
    double number(String key, double fallback, double low, boolean lowInclusive, double high) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
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

    int positiveInt(String key, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!isPositiveInt(value)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key + "' must be a positive integer, got " + value);
        }
        return ((Number) value).intValue();
    }

    /** A list of positive integers (layer widths; may be empty). */
    int[] widths(String key, int[] fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback.clone();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(MiParams::isPositiveInt)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key
                    + "' must be a list of positive integers (layer widths, e.g. [256, 256]), got " + value);
        }
        return list.stream().mapToInt(width -> ((Number) width).intValue()).toArray();
    }

    private static boolean isPositiveInt(Object value) {
        return (value instanceof Integer || value instanceof Long || value instanceof Short)
                && ((Number) value).longValue() > 0 && ((Number) value).longValue() <= Integer.MAX_VALUE;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    boolean flag(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException(kind + " '" + name + "': '" + key + "' must be true or false, got " + value);
        }
        return flag;
    }
}
