package dev.viewpair.recipes.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that keep the order the recipe wrote ({@link Map#copyOf} does not). */
final class Frozen {
    private Frozen() {}

    static <K, V> Map<K, V> map(Map<K, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
