package dev.viewpair.recipes.model;

import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.PairSpec;
import java.util.Objects;

/**
 * A view read at a layer of its encoder, as a recipe writes it: {@code img@stage2}; a plain {@code img} reads the
 * layer the place it is written in defaults to (the projection in a pair, the embedding in a linear probe).
 *
 * @param view the view's name
 * @param layer the layer's name ({@code stage1} …, {@code embedding}, {@code projection})
 */
public record LayerRef(String view, String layer) {
    /** What separates a view from its layer. */
    public static final String AT = "@";

    public LayerRef {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(layer, "layer");
    }

    /** {@code view@layer}, or a plain {@code view} at {@code defaultLayer}. */
    public static LayerRef parse(String written, String defaultLayer) {
        int at = written.indexOf(AT);
        return at < 0 ? new LayerRef(written, defaultLayer) : new LayerRef(written.substring(0, at), written.substring(at + 1));
    }

    /** A pair's side: a plain view is its projection. */
    public static LayerRef pairSide(String written) {
        return parse(written, EncoderLayer.PROJECTION);
    }

    /** A probed view: a plain view is its embedding. */
    public static LayerRef probed(String written) {
        return parse(written, EncoderLayer.EMBEDDING);
    }

    /** As a pair's side is written: the plain view for its projection. */
    public String asPairSide() {
        return PairSpec.side(view, layer);
    }
}
