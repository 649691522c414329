package dev.viewpair.recipes.model;

import java.util.List;

/**
 * Evaluation by a linear classifier on frozen embeddings:
 * {@code linear_probe: {label: label, views: [img_eval, sound_eval]}}.
 *
 * @param label the sample field holding the class (default {@code label})
 * @param views the views to embed, at most one per encoder; each encoder without one is probed on its first
 *     view. A view used by no pair (un-augmented, say) is made for evaluation only, never for training.
 */
public record LinearProbeDecl(String label, List<String> views) {
    public static final String DEFAULT_LABEL = "label";

    public LinearProbeDecl {
        views = List.copyOf(views);
    }
}
