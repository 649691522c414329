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
        return Map.of("infonce", List.of("symmetric"));
    }

    /** Critic name → accepted parameter keys. */
    public static Map<String, List<String>> critics() {
        return Map.of(
                "cosine", List.of("temperature", "learnable"),
                "bilinear", List.of(),
                "dot", List.of());
    }
}
