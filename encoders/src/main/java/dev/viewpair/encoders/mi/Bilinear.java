package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * The bilinear critic {@code s_ij = za_i W zb_jᵀ} with a learned {@code D×D} matrix W, initialized
 * to the identity (so it starts as the dot critic). W is a weight: weight decay applies to it.
 */
public final class Bilinear extends ScoringBlock {
    private final int dim;
    private final Parameter weight;

    /** @param dim D, the embedding width of both views */
    public Bilinear(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("bilinear critic needs a positive dimension, got " + dim);
        }
        this.dim = dim;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dim, dim))
                .optInitializer((manager, shape, dataType) -> manager.eye(dim).toType(dataType, false))
                .build());
    }

    /** D. */
    public int dim() {
        return dim;
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        if (widthA != dim || widthB != dim) {
            throw new IllegalArgumentException("bilinear critic of dimension " + dim
                    + " scores embeddings of that width, not " + widthA + " and " + widthB);
        }
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        return za.matMul(weight.getArray()).matMul(zb.transpose());
    }
}
