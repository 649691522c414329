package dev.viewpair.recipes.api;

import dev.viewpair.views.ViewTensor;
import java.util.Map;

/**
 * One sample's views, or why it has none.
 *
 * @param id the sample's id
 * @param label its label, or {@code null}
 * @param views view name → tensor (row-major {@code float[]} data and its {@code int[]} shape: images C×H×W,
 *     spectrograms 1×bins×frames, waveforms 1×samples), in the order the views were declared; empty when
 *     {@code problem} is set
 * @param problem why the sample's media could not be read (naming the file), or {@code null}
 */
public record Viewed(String id, String label, Map<String, ViewTensor> views, String problem) {
    public Viewed {
        views = views == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(views));
    }

    /** Whether the sample could be read (its views are there). */
    public boolean ok() {
        return problem == null;
    }
}
