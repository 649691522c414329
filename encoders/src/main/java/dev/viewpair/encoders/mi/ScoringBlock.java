package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The block plumbing the critics share: {@code forward([za, zb]) = [scores(za, zb)]}. */
abstract sealed class ScoringBlock extends AbstractBlock implements Critic permits Dot, Cosine, Bilinear, ConcatMlp, SeparableMlp, GaussianConditional {
    private static final byte VERSION = 1;

    ScoringBlock() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(scores(inputs.get(0), inputs.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[1].get(0))};
    }

    /** Fails with both shapes in the message unless za and zb are matrices of equal width. */
    static void checkPair(NDArray za, NDArray zb) {
        Shape a = za.getShape();
        Shape b = zb.getShape();
        if (a.dimension() != 2 || b.dimension() != 2 || a.get(1) != b.get(1)) {
            throw new IllegalArgumentException(
                    "a critic scores two B×D embedding batches of equal D, got " + a + " and " + b);
        }
    }

    /** Fails with the shape unless the embeddings are {@code width} wide. */
    void checkWidth(NDArray z, int width) {
        if (z.getShape().get(1) != width) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " critic of dimension " + width
                    + " got embeddings of shape " + z.getShape());
        }
    }
}
