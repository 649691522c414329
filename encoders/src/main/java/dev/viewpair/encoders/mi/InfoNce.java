package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The InfoNCE lower bound (van den Oord et al. 2018), with the batch's other samples as the K−1
 * negatives: {@code I ≥ mean_i [s_ii − log Σ_j exp s_ij] + log K}. It never exceeds {@code log
 * K}.
 *
 * <p>Computed with a log-softmax along each row and its diagonal, which is stable for any score
 * magnitude. The symmetric form averages the row-wise term (za_i against all zb) and the
 * column-wise term (zb_j against all za), as CLIP's loss does; it has the same ceiling.
 *
 * @param symmetric average the row-wise and column-wise estimates
 */
public record InfoNce(boolean symmetric) implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        Shape shape = scores.getShape();
        if (shape.dimension() != 2 || shape.get(0) != shape.get(1) || shape.get(0) < 1) {
            throw new IllegalArgumentException("InfoNCE needs a square B×B score matrix, got " + shape);
        }
        float logK = (float) Math.log(shape.get(0)); // a double operand would promote the result to float64
        NDArray rows = scores.logSoftmax(1).diagonal().mean();
        if (!symmetric) {
            return rows.add(logK);
        }
        NDArray columns = scores.logSoftmax(0).diagonal().mean();
        return rows.add(columns).div(2).add(logK);
    }

    @Override
    public double logK(int batch) {
        return Math.log(batch);
    }
}
