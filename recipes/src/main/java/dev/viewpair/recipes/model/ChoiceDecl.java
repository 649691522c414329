package dev.viewpair.recipes.model;

import java.util.Map;
import java.util.Objects;

/**
 * A catalogue member a recipe chose, as it wrote it: a pair's bound ({@code bound: infonce}, {@code bound: {type:
 * nwj}}) or critic ({@code critic: {type: cosine, temperature: 0.1}}). Names and keys are those of the bound and
 * critic catalogues ({@link dev.viewpair.encoders.mi.Bounds#standard()}, {@link dev.viewpair.encoders.mi.Critics#standard()}).
 *
 * @param type the member's name
 * @param params its parameters as given (numbers, booleans, text), in recipe order; empty for the defaults, which
 *     the member's declaration holds
 */
public record ChoiceDecl(String type, Map<String, Object> params) {
    public ChoiceDecl {
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
    }

    public static ChoiceDecl of(String type) {
        return new ChoiceDecl(type, Map.of());
    }
}
