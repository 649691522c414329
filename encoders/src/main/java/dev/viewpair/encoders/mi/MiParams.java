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
