package dev.viewpair.recipes.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipe value with the line and column where it starts (both 1-based), as read from YAML or JSON.
 * Jackson's {@code JsonNode} tree forgets positions, so the reader builds this one instead.
 */
sealed interface PosNode permits PosNode.Scalar, PosNode.Sequence, PosNode.Mapping {
    int line();

    int column();

    /** The value as plain Java: maps, lists, strings, numbers, booleans and {@code null}. */
    Object plain();

    /** How a message quotes this value after "got": {@code 'ten'}, {@code 3}, {@code a list}. */
    String describe();

    /** True for an explicit {@code null} ({@code ~}, {@code null} or nothing after the colon). */
    default boolean isNull() {
        return this instanceof Scalar s && s.value() == null;
    }

    /** A string, number ({@code Integer}, {@code Long} or {@code Double}), boolean or {@code null}. */
    record Scalar(Object value, int line, int column) implements PosNode {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing";
            }
            return value instanceof String s ? "'" + s + "'" : value.toString();
        }
    }

    /** A list. */
    record Sequence(List<PosNode> items, int line, int column) implements PosNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object plain() {
            var out = new ArrayList<>();
            items.forEach(i -> out.add(i.plain()));
            return Collections.unmodifiableList(out);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A map whose keys keep the file's order; each entry remembers where its key is. */
    record Mapping(Map<String, Entry> entries, int line, int column) implements PosNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Object plain() {
            var out = new LinkedHashMap<String, Object>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return Collections.unmodifiableMap(out);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** One key of a map: where the key is written, and its value. */
    record Entry(String key, int line, int column, PosNode value) {}
}
