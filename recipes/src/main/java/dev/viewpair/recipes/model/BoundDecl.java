package dev.viewpair.recipes.model;

import java.util.Map;
import java.util.Objects;

/**
 * The MI bound of a pair: {@code bound: infonce} or {@code bound: {type: nwj, ...params}}. Names and
 * keys are those of {@link dev.viewpair.encoders.mi.MiVocabulary#bounds()}.
 *
 * @param type the bound's name
 * @param params its parameters (numbers, booleans, text), in recipe order; empty for the defaults
 */
public record BoundDecl(String type, Map<String, Object> params) {
    public BoundDecl {
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
    }

    public static BoundDecl of(String type) {
        return new BoundDecl(type, Map.of());
    }
}
