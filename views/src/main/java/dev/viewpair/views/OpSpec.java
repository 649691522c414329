package dev.viewpair.views;

import java.util.Map;

/**
 * An op as a recipe names it: {@code random_resized_crop: {size: 64, scale: [0.2, 1]}}.
 *
 * @param name the catalogue name
 * @param params the raw parameters (numbers, strings, booleans, lists), checked by the catalogue
 */
public record OpSpec(String name, Map<String, Object> params) {
    public OpSpec {
        params = Map.copyOf(params);
    }

    public static OpSpec of(String name) {
        return new OpSpec(name, Map.of());
    }
}
