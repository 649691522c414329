package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Objects;

/**
 * One encoder and the views it embeds (views listed together share its weights):
 * {@code image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128, views: [img_a, img_b]}}.
 *
 * @param name the encoder's name (its key under {@code encoders})
 * @param type the architecture, one of {@link #TYPES}
 * @param widths channel (or hidden) widths, first layer to last
 * @param dim the embedding size
 * @param projection the size of the projection head on top, or 0 for none
 * @param downsample how a conv encoder halves its maps after each stage: {@code pool} (stride-1 convolution,
 *     then 2×2 max-pool: keeps small detail) or {@code stride} (stride-2 convolution: four times cheaper)
 * @param views the views it embeds, in recipe order; each view is fed to exactly one encoder
 */
public record EncoderDecl(String name, String type, List<Integer> widths, int dim, int projection, String downsample, List<String> views) {
    /** The architectures a recipe may name: a small CNN (images, spectrograms) and an MLP (flat vectors). */
    public static final List<String> TYPES = List.of("conv", "mlp");

    /** The downsampling a conv encoder may use; the first is the default. */
    public static final List<String> DOWNSAMPLING = List.of("pool", "stride");

    /** Widths when the recipe gives none. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(32, 64, 128);

    /** Embedding size when the recipe gives none. */
    public static final int DEFAULT_DIM = 128;

    public EncoderDecl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        widths = List.copyOf(widths);
        views = List.copyOf(views);
    }

    /** Whether a projection head sits on top of the encoder. */
    public boolean hasProjection() {
        return projection > 0;
    }
}
