package dev.viewpair.recipes.model;

import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.GaussianPosterior;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One encoder and the views it embeds (views listed together share its weights):
 * {@code image: {type: conv, widths: [32, 64, 128], dim: 128, projection: 128, views: [img_a, img_b]}}.
 *
 * @param name the encoder's name (its key under {@code encoders})
 * @param type the architecture, a name of the encoder catalogue ({@link dev.viewpair.encoders.nn.EncoderTypes#standard()})
 * @param params the parameters its type declares, checked, with defaults filled in, in declared order (those left
 *     unset are left out): what the type's descriptor builds the encoder from
 * @param views the views it embeds, in recipe order; each view is fed to exactly one encoder
 * @param stochastic {@code stochastic: {type: gaussian, min_std: 0.01}}: the projection becomes the mean of a Gaussian
 *     posterior, sampled in training ({@link GaussianPosterior}; docs/bounds.md); its parameters as given; empty for a
 *     deterministic encoder
 */
public record EncoderDecl(String name, String type, Map<String, Object> params, List<String> views,
        Optional<ChoiceDecl> stochastic) {
    public EncoderDecl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
        views = List.copyOf(views);
        Objects.requireNonNull(stochastic, "stochastic");
    }

    /** A deterministic encoder. */
    public EncoderDecl(String name, String type, Map<String, Object> params, List<String> views) {
        this(name, type, params, views, Optional.empty());
    }

    /**
     * A new, uninitialized encoder as declared: its type's, made stochastic when asked.
     *
     * @param forCheckpoint whether a checkpoint's weights will replace its own: then built without its starting
     *     weights ({@code init}), whose files are not read
     */
    public Encoder build(Families families, boolean forCheckpoint) {
        var descriptor = families.encoders().get(type);
        var encoder = forCheckpoint ? descriptor.createForCheckpoint(params) : descriptor.create(params);
        return stochastic.map(s -> encoder.stochastic(GaussianPosterior.of(s.params(), encoder.projectionDim())))
                .orElse(encoder);
    }
}
