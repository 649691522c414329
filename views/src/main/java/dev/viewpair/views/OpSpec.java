package dev.viewpair.views;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * Nested ops as a recipe writes them ({@code [color_jitter: {brightness: 0.4}, grayscale]}, a
     * {@link dev.viewpair.catalog.ParamType#OPS} value): an op name, or a one-key map from the name to its
     * parameters (or to nothing).
     */
    @SuppressWarnings("unchecked")
    public static List<OpSpec> listOf(List<?> written) {
        var out = new ArrayList<OpSpec>();
        for (var item : written) {
            if (item instanceof String name) {
                out.add(of(name));
            } else {
                var entry = ((Map<String, ?>) item).entrySet().iterator().next();
                out.add(entry.getValue() == null ? of(entry.getKey())
                        : new OpSpec(entry.getKey(), (Map<String, Object>) entry.getValue()));
            }
        }
        return out;
    }
}
