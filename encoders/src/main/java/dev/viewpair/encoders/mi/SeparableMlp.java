package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * The separable critic {@code s_ij = g(za_i) · h(zb_j)} with two MLPs g and h (ReLU hidden layers,
 * linear output of width {@code embed}): one MLP evaluation per sample, then one matrix product
 * for all {@code Ba×Bb} pairs. It can only represent density ratios of rank {@code embed}.
 */
public final class SeparableMlp extends ScoringBlock {
    private final int dimA;
    private final int dimB;
    private final int[] hidden;
    private final int embed;
    private final MlpLayers first;
    private final MlpLayers second;

    /**
     * @param dimA the width of view A's embeddings
     * @param dimB the width of view B's embeddings
     * @param embed the width of g and h's outputs
     * @param hidden the hidden layers' widths (none: two linear maps, a low-rank bilinear critic)
     */
    public SeparableMlp(int dimA, int dimB, int embed, int[] hidden) {
        MlpLayers.checkWidths("separable_mlp", dimA, dimB, hidden);
        if (embed <= 0) {
            throw new IllegalArgumentException("separable_mlp critic needs a positive embed width, got " + embed);
        }
        this.dimA = dimA;
        this.dimB = dimB;
        this.hidden = hidden.clone();
        this.embed = embed;
        this.first = new MlpLayers(this::addParameter, "g", dimA, hidden, embed);
        this.second = new MlpLayers(this::addParameter, "h", dimB, hidden, embed);
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
        return first.apply(za, false).matMul(second.apply(zb, false).transpose());
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        checkBuiltWidths("separable_mlp", widthA, widthB, dimA, dimB);
    }

    @Override
    public String toString() {
        return "SeparableMlp[dims=" + dimA + "," + dimB + ", embed=" + embed + ", hidden=" + Arrays.toString(hidden) + "]";
    }
}
