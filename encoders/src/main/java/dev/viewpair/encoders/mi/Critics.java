package dev.viewpair.encoders.mi;

import java.util.List;
import java.util.Map;

/** Builds critics by the names and parameters of {@link MiVocabulary#critics()}. */
public final class Critics {
    /** The cosine critic's temperature when a recipe gives none. */
    public static final double DEFAULT_TEMPERATURE = 0.1;
    /** The MLP critics' hidden widths when a recipe gives none (Poole et al.'s benchmark). */
    public static final int[] DEFAULT_HIDDEN = {256, 256};
    /** The separable MLP critic's output width when a recipe gives none. */
    public static final int DEFAULT_EMBED = 32;

    private Critics() {}

    /**
     * @param name {@code cosine} (temperature: number, default 0.1; learnable: boolean, default
     *     false), {@code bilinear}, {@code dot}, {@code concat_mlp} (hidden: list of widths,
     *     default [256, 256]), {@code separable_mlp} (hidden, default [256, 256]; embed, default
     *     32) or {@code gaussian} (hidden, default [256, 256])
     * @param params the critic's parameters (null or empty for defaults)
     * @param dim the embedding width the critic scores (of both views; the MLP critics' constructors
     *     also take two widths)
     * @return a new, uninitialized critic
     * @throws IllegalArgumentException naming the unknown critic or parameter, or the bad value
     */
    public static Critic create(String name, Map<String, Object> params, int dim) {
        return create(name, params, dim, dim);
    }

    /**
     * As {@link #create(String, Map, int)} for views of different widths, which only the MLP critics
     * ({@code concat_mlp}, {@code separable_mlp}, {@code gaussian}) score.
     *
     * @param dimA the width of view A's embeddings (rows of the score matrix)
     * @param dimB the width of view B's embeddings (columns)
     */
    public static Critic create(String name, Map<String, Object> params, int dimA, int dimB) {
        var values = MiParams.check("critic", MiVocabulary.critics(), name, params);
        if (dimA != dimB && List.of("cosine", "bilinear", "dot").contains(name)) {
            throw new IllegalArgumentException("critic '" + name + "' scores embeddings of equal width, got " + dimA
                    + " and " + dimB + "; use concat_mlp, separable_mlp or gaussian");
        }
        return switch (name) {
            case "cosine" -> new Cosine(
                    values.positiveNumber("temperature", DEFAULT_TEMPERATURE), values.flag("learnable", false));
            case "bilinear" -> new Bilinear(dimA);
            case "dot" -> new Dot();
            case "concat_mlp" -> new ConcatMlp(dimA, dimB, values.widths("hidden", DEFAULT_HIDDEN));
            case "separable_mlp" -> new SeparableMlp(
                    dimA, dimB, values.positiveInt("embed", DEFAULT_EMBED), values.widths("hidden", DEFAULT_HIDDEN));
            case "gaussian" -> new GaussianConditional(dimA, dimB, values.widths("hidden", DEFAULT_HIDDEN));
            default -> throw new IllegalStateException("MiVocabulary lists critic '" + name + "' that Critics cannot build");
        };
    }
}
