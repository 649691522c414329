package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * The separable critic {@code s_ij = g(za_i) · h(zb_j)} with two MLPs g and h (ReLU hidden layers,
 * linear output of width {@code embed}): one MLP evaluation per sample, then one matrix product
 * for all {@code Ba×Bb} pairs. It can only represent density ratios of rank {@code embed}.
 */
public final class SeparableMlp extends ScoringBlock {
    private final int dim;
    private final int[] hidden;
    private final int embed;
    private final MlpLayers first;
    private final MlpLayers second;

    /**
     * @param dim D, the embedding width of both views
     * @param embed the width of g and h's outputs
     * @param hidden the hidden layers' widths (none: two linear maps, a low-rank bilinear critic)
     */
    public SeparableMlp(int dim, int embed, int... hidden) {
        MlpLayers.checkWidths("separable_mlp", dim, hidden);
        if (embed <= 0) {
            throw new IllegalArgumentException("separable_mlp critic needs a positive embed width, got " + embed);
        }
        this.dim = dim;
        this.hidden = hidden.clone();
        this.embed = embed;
        this.first = new MlpLayers(this::addParameter, "g", dim, hidden, embed);
        this.second = new MlpLayers(this::addParameter, "h", dim, hidden, embed);
    }

    /** D. */
    public int dim() {
        return dim;
    }

    /** The hidden layers' widths. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The width of g and h's outputs. */
    public int embed() {
        return embed;
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        checkWidth(za, dim);
        return first.apply(za, false).matMul(second.apply(zb, false).transpose());
    }

    @Override
    public String toString() {
        return "SeparableMlp[dim=" + dim + ", embed=" + embed + ", hidden=" + Arrays.toString(hidden) + "]";
    }
}
