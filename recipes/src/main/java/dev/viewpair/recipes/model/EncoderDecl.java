package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One encoder and the views it embeds (views listed together share its weights):
 * {@code image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128, views: [img_a, img_b]}}.
 *
 * @param name the encoder's name (its key under {@code encoders})
 * @param type the architecture, a name of the encoder catalogue ({@link dev.viewpair.encoders.nn.EncoderTypes#standard()})
 * @param widths channel (or hidden) widths, first layer to last
 * @param dim the embedding size
 * @param projection the size of the projection head on top, or 0 for none
 * @param downsample how a conv encoder halves its maps after each stage: {@code pool} (stride-1 convolution,
 *     then 2×2 max-pool: keeps small detail) or {@code stride} (stride-2 convolution: four times cheaper)
 * @param views the views it embeds, in recipe order; each view is fed to exactly one encoder
 */
public record EncoderDecl(String name, String type, List<Integer> widths, int dim, int projection, String downsample, List<String> views) {
    /** The downsampling a conv encoder may use; the first is the default. */
    public static final List<String> DOWNSAMPLING = List.of("pool", "stride");

    public EncoderDecl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        widths = List.copyOf(widths);
        views = List.copyOf(views);
    }

    /** Its settings by key, as its encoder type's descriptor reads them. */
    public Map<String, Object> params() {
        return Map.of("widths", widths, "dim", dim, "projection", projection, "downsample", downsample);
    }

    /** Whether a projection head sits on top of the encoder. */
    public boolean hasProjection() {
        return projection > 0;
    }
}
