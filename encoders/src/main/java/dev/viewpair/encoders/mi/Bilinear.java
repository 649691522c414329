package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * The bilinear critic {@code s_ij = za_i W zb_jᵀ} with a learned {@code Da×Db} matrix W, initialized to the identity
 * (for equal widths it starts as the dot critic; otherwise the rectangular identity, pairing the first min(Da, Db)
 * coordinates). W is a weight: weight decay applies to it. Unequal widths are what a local–global pair has: a stage's
 * channels against an embedding; W then acts on each position's vector alone, DIM's 1×1 convolution.
 */
public final class Bilinear extends ScoringBlock {
    private final int dimA;
    private final int dimB;
    private final Parameter weight;

    /** @param dim D, the embedding width of both views */
    public Bilinear(int dim) {
        this(dim, dim);
    }

    /**
     * @param dimA the width of view A's embeddings
     * @param dimB the width of view B's embeddings
     */
    public Bilinear(int dimA, int dimB) {
        if (dimA <= 0 || dimB <= 0) {
            throw new IllegalArgumentException("bilinear critic needs positive widths, got " + dimA + " and " + dimB);
        }
        this.dimA = dimA;
        this.dimB = dimB;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dimA, dimB))
                .optInitializer((manager, shape, dataType) -> manager.eye(dimA, dimB, 0, dataType))
                .build());
    }

    /** Da, the width of view A's embeddings. */
    public int dim() {
        return dimA;
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        if (widthA != dimA || widthB != dimB) {
            throw new IllegalArgumentException("bilinear critic of widths " + dimA + " × " + dimB
                    + " scores embeddings of those widths, not " + widthA + " and " + widthB);
        }
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        return za.matMul(weight.getArray()).matMul(zb.transpose());
    }
}
