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
 * @param params the parameters its type declares, checked, with defaults filled in, in declared order (those left
 *     unset are left out): what the type's descriptor builds the encoder from
 * @param views the views it embeds, in recipe order; each view is fed to exactly one encoder
 */
public record EncoderDecl(String name, String type, Map<String, Object> params, List<String> views) {
    public EncoderDecl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
        views = List.copyOf(views);
    }
}
