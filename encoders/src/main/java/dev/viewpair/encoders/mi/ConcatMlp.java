package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.Optional;

/**
 * The joint critic {@code s_ij = MLP([za_i ; zb_j])}: one MLP (ReLU hidden layers, one output) on
 * the concatenation of every pairing, so it can represent any function of the pair, a density
 * ratio that does not factorize included. It costs {@code Ba·Bb} MLP evaluations per batch.
 *
 * <p>All {@code Ba×Bb} pairs are scored with batched tensor ops, no Java loop. The first layer is
 * computed without materializing the {@code Ba·Bb × 2D} concatenation: {@code W·[x; y] = W_x·x +
 * W_y·y}, so each side goes through its half of the first weight once ({@code B×H}) and the two
 * are broadcast-added into {@code Ba×Bb×H}; the remaining layers run on those {@code Ba·Bb} rows,
 * and the output is reshaped to {@code Ba×Bb} (row i = za_i, column j = zb_j). This is the concat
 * MLP exactly, with a first layer about 2D times cheaper.
 */
public final class ConcatMlp extends ScoringBlock {
    private final int dimA;
    private final int dimB;
    private final int[] hidden;
    private final Parameter firstA;
    private final Parameter firstB;
    private final Parameter firstBias;
    private final MlpLayers rest;

    /**
     * @param dimA the width of view A's embeddings
     * @param dimB the width of view B's embeddings
     * @param hidden the hidden layers' widths, at least one
     */
    public ConcatMlp(int dimA, int dimB, int[] hidden) {
        MlpLayers.checkWidths("concat_mlp", dimA, dimB, hidden);
        if (hidden.length == 0) {
            throw new IllegalArgumentException(
                    "concat_mlp critic needs at least one hidden layer (without one it scores x and y separately)");
        }
        this.dimA = dimA;
        this.dimB = dimB;
        this.hidden = hidden.clone();
        // the first layer's weight W = [W_x; W_y], kept as its two halves
        // initialized for the concatenation's fan-in dimA + dimB
        this.firstA = addParameter(MlpLayers.weightOfFanIn("first_weight_a", dimA, hidden[0], dimA + dimB));
        this.firstB = addParameter(MlpLayers.weightOfFanIn("first_weight_b", dimB, hidden[0], dimA + dimB));
        this.firstBias = addParameter(MlpLayers.bias("first_bias", dimA + dimB, hidden[0]));
        this.rest = new MlpLayers(this::addParameter, "mlp", hidden[0], Arrays.copyOfRange(hidden, 1, hidden.length), 1);
    }

    /** The hidden layers' widths. */
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        long rows = za.getShape().get(0);
        long columns = zb.getShape().get(0);
        NDArray fromA = za.matMul(firstA.getArray()).expandDims(1); // Ba×1×H
        NDArray fromB = zb.matMul(firstB.getArray()).expandDims(0); // 1×Bb×H
        NDArray first = Activation.relu(fromA.add(fromB).add(firstBias.getArray())); // Ba×Bb×H
        return rest.apply(first.reshape(rows * columns, hidden[0]), false).reshape(rows, columns);
    }

    @Override
    public void checkWidths(long widthA, long widthB) {
        checkBuiltWidths("concat_mlp", widthA, widthB, dimA, dimB);
    }

    /** An MLP on every one of {@code B·P × B·Q} pairs would cost P·Q times a local–global pair's memory. */
    @Override
    public Optional<String> localLocalRefusal() {
        return Optional.of("it runs its MLP on every pairing, which for two feature maps is B·P × B·Q pairs (P·Q times"
                + " the memory of a local–global pair); use separable_mlp or bilinear, which score them with one matrix"
                + " product");
    }
}
