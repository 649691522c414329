package dev.viewpair.encoders.mi;

import java.util.Map;

/** Builds critics by the names and parameters of {@link MiVocabulary#critics()}. */
public final class Critics {
    /** The cosine critic's temperature when a recipe gives none. */
    public static final double DEFAULT_TEMPERATURE = 0.1;

    private Critics() {}

    /**
     * @param name {@code cosine} (temperature: number, default 0.1; learnable: boolean, default
     *     false), {@code bilinear} or {@code dot}
     * @param params the critic's parameters (null or empty for defaults)
     * @param dim the embedding width the critic scores (used by bilinear)
     * @return a new, uninitialized critic
     * @throws IllegalArgumentException naming the unknown critic or parameter, or the bad value
     */
    public static Critic create(String name, Map<String, Object> params, int dim) {
        var values = MiParams.check("critic", MiVocabulary.critics(), name, params);
        return switch (name) {
            case "cosine" -> new Cosine(
                    values.positiveNumber("temperature", DEFAULT_TEMPERATURE), values.flag("learnable", false));
            case "bilinear" -> new Bilinear(dim);
            case "dot" -> new Dot();
            default -> throw new IllegalStateException("MiVocabulary lists critic '" + name + "' that Critics cannot build");
        };
    }
}
