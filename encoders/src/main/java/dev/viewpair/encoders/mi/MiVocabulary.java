package dev.viewpair.encoders.mi;

import java.util.List;
import java.util.Map;

/**
 * The bound and critic names a recipe may use, with the parameter keys each accepts. Recipe
 * validation reads this; the factories that build bounds and critics ({@link Bounds#create},
 * {@link Critics#create}) accept exactly these.
 */
public final class MiVocabulary {
    private MiVocabulary() {}

    /** Bound name → accepted parameter keys. */
    public static Map<String, List<String>> bounds() {
        return Map.ofEntries(
                Map.entry("infonce", List.of("symmetric")),
                Map.entry("nwj", List.of()),
                Map.entry("dv", List.of()),
                Map.entry("mine", List.of("ema")),
                Map.entry("js", List.of()),
                Map.entry("tuba", List.of("ema")),
                Map.entry("interpolated", List.of("alpha")),
                Map.entry("smile", List.of("tau")),
                Map.entry("ba", List.of("entropy")),
                Map.entry("loo", List.of()),
                Map.entry("club", List.of()));
    }

    /** The names of the upper bounds (minimized: {@code direction: minimize}); the rest are lower bounds. */
    public static List<String> upperBounds() {
        return List.of("loo", "club");
    }

    /**
     * Bound name → the critic it requires, for bounds that need conditional log-densities ({@code
     * ba}, {@code loo} and {@code club} need {@code gaussian}); bounds not listed take any critic.
     */
    public static Map<String, String> requiredCritics() {
        return Map.of("ba", "gaussian", "loo", "gaussian", "club", "gaussian");
    }

    /** Critic name → accepted parameter keys. */
    public static Map<String, List<String>> critics() {
        return Map.of(
                "cosine", List.of("temperature", "learnable"),
                "bilinear", List.of(),
                "dot", List.of(),
                "concat_mlp", List.of("hidden"),
                "separable_mlp", List.of("hidden", "embed"),
                "gaussian", List.of("hidden"));
    }
}
