package dev.viewpair.recipes.model;

/**
 * Evaluation by a linear classifier on frozen embeddings: {@code linear_probe: {label: label}}.
 *
 * @param label the sample field holding the class (default {@code label})
 */
public record LinearProbeDecl(String label) {
    public static final String DEFAULT_LABEL = "label";
}
