package dev.viewpair.recipes.validate;

import java.util.List;

/**
 * One map of the recipe being read ({@code train}, one encoder, one pair): reports its unknown keys
 * when made, then hands out values by key. Absent keys and explicit nulls both count as not given.
 */
final class Section {
    private final PosNode.Mapping map;
    private final String path;
    private final Problems problems;

    private Section(PosNode.Mapping map, String path, List<String> keys, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
        for (var entry : map.entries().values()) {
            if (!keys.contains(entry.key())) {
                problems.add(entry, "unknown key '" + entry.key() + "' in " + where(),
                        Problems.suggest(entry.key(), keys, "allowed keys"));
            }
        }
    }

    /**
     * The section at {@code node} allowing {@code keys}, or {@code null} (and a problem) when the node is
     * not a map.
     *
     * @param path how messages name it: {@code train}, {@code pairs[1]}; empty for the recipe itself
     */
    static Section of(PosNode node, String path, List<String> keys, Problems problems) {
        if (!(node instanceof PosNode.Mapping m)) {
            problems.add(node, (path.isEmpty() ? "the recipe" : path) + ": expected a map, got " + node.describe(),
                    "write it as {key: value, ...} or as indented 'key: value' lines; keys: " + String.join(", ", keys));
            return null;
        }
        return new Section(m, path, keys, problems);
    }

    PosNode.Mapping node() {
        return map;
    }

    /** How messages name this section. */
    String where() {
        return path.isEmpty() ? "the recipe" : path;
    }

    /** How messages name one key of it: {@code train.epochs}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of a key, or {@code null} when absent or null. */
    PosNode get(String key) {
        var entry = map.entries().get(key);
        return entry == null || entry.value().isNull() ? null : entry.value();
    }

    /** Whether the key is written, even without a value. */
    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** The value of a key that must be given, or {@code null} and a problem. */
    PosNode required(String key, String example) {
        var entry = map.entries().get(key);
        if (entry == null) {
            problems.add(map, where() + " needs '" + key + "'", "add " + key + ": " + example);
            return null;
        }
        if (entry.value().isNull()) {
            problems.add(entry, "'" + path(key) + "' has no value", "write " + key + ": " + example);
            return null;
        }
        return entry.value();
    }

    /** Text, the fallback when not given, or {@code null} and a problem when of the wrong type. */
    String text(String key, String fallback) {
        var v = get(key);
        return v == null ? fallback : problems.text(v, path(key));
    }

    /** A whole number ≥ min, the fallback when not given, or {@code null} and a problem. */
    Integer integer(String key, int fallback, int min) {
        var v = get(key);
        return v == null ? Integer.valueOf(fallback) : problems.integer(v, path(key), min);
    }

    /** A number above (exclusive) or from min, the fallback when not given, or {@code null} and a problem. */
    Double number(String key, double fallback, double min, boolean exclusive) {
        var v = get(key);
        return v == null ? Double.valueOf(fallback) : problems.number(v, path(key), min, exclusive);
    }

    /** A text value from a fixed vocabulary, the fallback when not given, or {@code null} and a problem. */
    String choice(String key, String fallback, List<String> allowed, String what) {
        var v = get(key);
        return v == null ? fallback : oneOf(v, path(key), allowed, what, problems);
    }

    /** A text value from a fixed vocabulary, or {@code null} and a problem. */
    static String oneOf(PosNode node, String path, List<String> allowed, String what, Problems problems) {
        var text = problems.text(node, path);
        if (text == null) {
            return null;
        }
        if (!allowed.contains(text)) {
            problems.add(node, path + ": unknown " + what + " '" + text + "'", Problems.suggest(text, allowed, "choose one of"));
            return null;
        }
        return text;
    }
}
