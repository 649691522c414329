package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The block plumbing the critics share: {@code forward([za, zb]) = [scores(za, zb)]}. */
abstract sealed class ScoringBlock extends AbstractBlock implements Critic permits Dot, Cosine, Bilinear, ConcatMlp, SeparableMlp, GaussianConditional,
        EncoderPosterior {
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

    @Override
    public NDArray localScores(NDArray local, NDArray global) {
        localGlobalRefusal().ifPresent(reason -> {
            throw new UnsupportedOperationException(
                    getClass().getSimpleName() + " critic takes no local–global pairs: " + reason);
        });
        Shape l = local.getShape();
        Shape g = global.getShape();
        if (l.dimension() != 3 || g.dimension() != 2 || l.get(0) != g.get(0)) {
            throw new IllegalArgumentException("local–global scores need B×P×D local features and B×E global vectors of"
                    + " the same batch B, got " + l + " and " + g
                    + " (feature maps B×C×H×W go in as B×(H·W)×C: channels last)");
        }
        long batch = l.get(0);
        long positions = l.get(1);
        // rows sample-major (i, p): one call scores all B·P local vectors against the B global ones
        NDArray rows = scores(local.reshape(batch * positions, l.get(2)), global);
        return rows.reshape(batch, positions, batch).transpose(1, 0, 2);
    }

    @Override
    public NDArray localLocalScores(NDArray localA, NDArray localB) {
        localLocalRefusal().ifPresent(reason -> {
            throw new UnsupportedOperationException(
                    getClass().getSimpleName() + " critic takes no local–local pairs: " + reason);
        });
        Shape a = localA.getShape();
        Shape b = localB.getShape();
        if (a.dimension() != 3 || b.dimension() != 3 || a.get(0) != b.get(0)) {
            throw new IllegalArgumentException("local–local scores need B×P×C and B×Q×D local features of the same batch"
                    + " B, got " + a + " and " + b + " (feature maps B×C×H×W go in as B×(H·W)×C: channels last)");
        }
        long batch = a.get(0);
        // rows (i, p) and columns (j, q), sample-major: one call scores all B·P vectors against all B·Q
        NDArray all = scores(localA.reshape(batch * a.get(1), a.get(2)), localB.reshape(batch * b.get(1), b.get(2)));
        return all.reshape(batch, a.get(1), batch, b.get(1)).transpose(3, 1, 0, 2);
    }

    /** Fails with both shapes in the message unless za and zb are matrices of widths this critic scores. */
    void checkPair(NDArray za, NDArray zb) {
        Shape a = za.getShape();
        Shape b = zb.getShape();
        if (a.dimension() != 2 || b.dimension() != 2) {
            throw new IllegalArgumentException("a critic scores two B×D embedding batches, got " + a + " and " + b);
        }
        try {
            checkWidths(a.get(1), b.get(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; got embeddings of shapes " + a + " and " + b, e);
        }
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        if (widthA != widthB) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " critic scores embeddings of equal width");
        }
    }

    /** The check of critics built for given widths. */
    static void checkBuiltWidths(String critic, long widthA, long widthB, int dimA, int dimB) {
        if (widthA != dimA || widthB != dimB) {
            throw new IllegalArgumentException(critic + " critic was built for widths " + dimA + " (view A) and " + dimB
                    + " (view B), not " + widthA + " and " + widthB);
        }
    }
}
