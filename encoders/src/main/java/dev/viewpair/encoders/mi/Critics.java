package dev.viewpair.encoders.mi;

import static dev.viewpair.catalog.ParamType.BOOLEAN;
import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.NUMBERS;
import static dev.viewpair.catalog.ParamType.NUMBER;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The critic catalogue: every critic a recipe may name, declared once with its parameters and factory. Validation,
 * the resolved recipe, the trainer, {@code viewpair list critics} and the tables in docs/ read it.
 */
public final class Critics {
    /** The name of the exact-posterior critic ({@link EncoderPosterior}). */
    public static final String POSTERIOR = "posterior";
    /** The cosine critic's temperature when a recipe gives none. */
    public static final double DEFAULT_TEMPERATURE = 0.1;
    /** The MLP critics' hidden widths when a recipe gives none (Poole et al.'s benchmark). */
    public static final int[] DEFAULT_HIDDEN = {256, 256};
    /** The separable MLP critic's output width when a recipe gives none. */
    public static final int DEFAULT_EMBED = 32;

    private static final Param HIDDEN = Param.optional("hidden", NUMBERS,
            Arrays.stream(DEFAULT_HIDDEN).boxed().toList(), 1.0, null, "hidden layer widths");

    private static final Catalog<CriticDescriptor> STANDARD = new Catalog<>("critic", List.of(
            new CriticDescriptor("dot", List.of(), "za_i · zb_j", true, (v, a, b) -> new Dot()),
            new CriticDescriptor("cosine", List.of(
                    Param.optional("temperature", NUMBER, DEFAULT_TEMPERATURE, 0.0, null, "τ, > 0"),
                    Param.optional("learnable", BOOLEAN, false, null, null, "learn τ with the encoders")),
                    "cos(za_i, zb_j) / τ", true,
                    (v, a, b) -> new Cosine(v.positiveNumber("temperature"), v.flag("learnable"))),
            new CriticDescriptor("bilinear", List.of(), "za_i W zb_jᵀ", false, (v, a, b) -> new Bilinear(a, b)),
            new CriticDescriptor("separable_mlp", List.of(HIDDEN,
                    Param.optional("embed", INTEGER, DEFAULT_EMBED, 1.0, null, "output width of g and h")),
                    "g(za_i) · h(zb_j)", false,
                    (v, a, b) -> new SeparableMlp(a, b, v.positiveInt("embed"), v.widths("hidden"))),
            new CriticDescriptor("concat_mlp", List.of(HIDDEN), "MLP([za_i ; zb_j]), all K² pairs batched", false,
                    (v, a, b) -> new ConcatMlp(a, b, v.widths("hidden"))),
            new CriticDescriptor("gaussian", List.of(HIDDEN), "log q(zb_j | za_i), q fitted by likelihood", false,
                    (v, a, b) -> new GaussianConditional(a, b, v.widths("hidden"))),
            new CriticDescriptor(POSTERIOR, List.of(), "log p(zb_j | za_i) − log N(zb_j; 0, I): a stochastic encoder's own"
                    + " posterior (VIEW@posterior against VIEW), exact", false, (v, a, b) -> new EncoderPosterior())));

    private Critics() {}

    /** Every critic viewpair ships. */
    public static Catalog<CriticDescriptor> standard() {
        return STANDARD;
    }

    /**
     * A critic of the standard catalogue for embeddings of one width.
     *
     * @param name one of {@link #standard()}'s names
     * @param params the critic's parameters (null or empty for defaults)
     * @param dim the embedding width the critic scores (of both views)
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
        return STANDARD.find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown critic '" + name + "'; known: " + String.join(", ", new TreeSet<>(STANDARD.names()))))
                .create(params, dimA, dimB);
    }
}
