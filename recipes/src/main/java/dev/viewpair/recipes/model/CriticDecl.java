package dev.viewpair.recipes.model;

import java.util.Map;
import java.util.Objects;

/**
 * The critic of a pair: {@code critic: bilinear} or {@code critic: {type: cosine, temperature: 0.1}}.
 * Names and keys are those of {@link dev.viewpair.encoders.mi.MiVocabulary#critics()}.
 *
 * @param type the critic's name
 * @param params its parameters (numbers, booleans, text), in recipe order; empty for the defaults
 */
public record CriticDecl(String type, Map<String, Object> params) {
    public CriticDecl {
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
    }

    public static CriticDecl of(String type) {
        return new CriticDecl(type, Map.of());
    }
}
