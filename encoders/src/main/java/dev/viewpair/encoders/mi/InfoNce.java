package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The InfoNCE lower bound (van den Oord et al. 2018), with the batch's other samples as the K−1
 * negatives: {@code I ≥ mean_i [s_ii − log Σ_j exp s_ij] + log K}. It never exceeds {@code log
 * K}.
 *
 * <p>Computed with a log-softmax along each row and its diagonal, which is stable for any score
 * magnitude. The symmetric form averages the row-wise term (za_i against all zb) and the
 * column-wise term (zb_j against all za), as CLIP's loss does; it has the same ceiling.
 *
 * <p>With hard negatives ({@link #estimate(NDArray, NDArray)}; AVTS, Korbar et al. 2018) the K×K scores of
 * za_i against the hard negatives zb'_j (zb_j's sample at another time) are appended as K more columns: each row
 * picks its positive among 2K candidates, and the ceiling becomes {@code log 2K}. The hard negatives are not
 * samples of p(y) independent of x, so the value is a contrastive objective that stays below {@code log 2K} rather
 * than a certified lower bound on I(X;Y). The symmetric form's column-wise term (zb_j picking its za among the K
 * rows) is unchanged, since a hard negative of zb is a view of the columns' kind, not of the rows': the value is
 * {@code (rows + log 2K + columns + log K) / 2}, with ceiling {@code log K + ½ log 2}.
 *
 * <p>A stack {@code …×P×K×K} of local scores ({@link Critic#localScores}, entry {@code (p, i, j)} the local vector of
 * sample i at position p against sample j's global vector; Deep InfoMax, Hjelm et al. 2019) is scored as DIM scores
 * it: each global vector j picks its own sample's local vector at each position p among that one and every position
 * of every other sample, so {@code K' = (K−1)·P + 1} candidates and the ceiling {@code log((K−1)·P + 1)}. The
 * negatives of one global vector are the same for all its positions, so one log-sum-exp per global vector serves all
 * of them: no loop over positions. Leading axes are independent stacks ({@link Critic#localLocalScores}: one per
 * position of view B, whose vectors then play the global vectors' part). The symmetric form averages this with the
 * other direction, each local vector picking its sample's global vector among the K (ceiling {@code log K}). The
 * negatives come in groups (the P positions of one sample), not independently of each other as the bound's proof
 * assumes, so for a stack the value is DIM's contrastive objective, below its ceiling, rather than a certified bound
 * on I(local; global). Hard negatives take one K×K matrix only.
 *
 * @param symmetric average the row-wise and column-wise estimates
 */
public record InfoNce(boolean symmetric) implements Bound {

    @Override
    public NDArray estimate(NDArray scores) {
        int rank = scores.getShape().dimension();
        if (rank > 2) {
            return localEstimate(scores);
        }
        int k = ScoreMatrix.stackSize(scores, "InfoNCE", 1);
        float logK = (float) Math.log(k); // a double operand would promote the result to float64
        NDArray rows = ScoreMatrix.positiveMean(scores.logSoftmax(rank - 1));
        if (!symmetric) {
            return rows.add(logK);
        }
        NDArray columns = ScoreMatrix.positiveMean(scores.logSoftmax(rank - 2));
        return halfSum(rows, columns).add(logK);
    }

    /** DIM's form for a stack {@code …×P×K×K}: global vectors pick among all positions of the batch. */
    private NDArray localEstimate(NDArray scores) {
        int k = ScoreMatrix.stackSize(scores, "InfoNCE", 2);
        Shape shape = scores.getShape();
        int rank = shape.dimension();
        long positions = shape.get(rank - 3);
        NDArray diagonal = ScoreMatrix.diagonal(scores, k);
        // per global vector j: log Σ exp over the other samples' local vectors at every position (…×K), the
        // positions and samples axes merged into one of P·K rows
        Shape merged = shape.slice(0, rank - 3).add(positions * k, k);
        NDArray negatives = ScoreMatrix.logSumExp(scores.reshape(merged), diagonal.reshape(merged), rank - 3);
        NDArray positives = ScoreMatrix.positives(scores); // …×P×K
        NDArray candidates = ScoreMatrix.logAddExp(positives, negatives.expandDims(rank - 3));
        NDArray columns = positives.sub(candidates).mean().add((float) Math.log((k - 1) * positions + 1.0));
        if (!symmetric) {
            return columns;
        }
        NDArray rows = ScoreMatrix.positiveMean(scores.logSoftmax(rank - 1)).add((float) Math.log(k));
        return halfSum(columns, rows);
    }

    /** Takes stacks of local score matrices, in DIM's form (see the class comment). */
    @Override
    public Optional<String> localGlobalRefusal() {
        return Optional.empty();
    }

    @Override
    public NDArray estimate(NDArray scores, NDArray hardNegatives) {
        int k = squareSize(scores);
        if (!hardNegatives.getShape().equals(scores.getShape())) {
            throw new IllegalArgumentException("InfoNCE's hard-negative scores must be " + scores.getShape()
                    + " like the in-batch scores, got " + hardNegatives.getShape());
        }
        // K×2K: the positive of row i is column i of the first block
        NDArray rows = scores.concat(hardNegatives, 1).logSoftmax(1).get(":, :" + k).diagonal().mean()
                .add((float) Math.log(2.0 * k));
        if (!symmetric) {
            return rows;
        }
        NDArray columns = scores.logSoftmax(0).diagonal().mean().add((float) Math.log(k));
        return halfSum(rows, columns);
    }

    private static NDArray halfSum(NDArray a, NDArray b) {
        NDArray sum = a.add(b);
        return sum.div(Constant.like(sum, 2f));
    }

    @Override
    public Optional<String> hardNegativesRefusal() {
        return Optional.empty();
    }

    @Override
    public double logK(int batch) {
        return Math.log(batch);
    }

    /** {@code log((K−1)·P + 1)}, for the symmetric form averaged with {@code log K}. */
    @Override
    public double logK(int batch, long positions) {
        double columns = Math.log((batch - 1.0) * positions + 1);
        return symmetric ? (columns + Math.log(batch)) / 2 : columns;
    }

    @Override
    public double logK(int batch, boolean hardNegatives) {
        if (!hardNegatives) {
            return logK(batch);
        }
        double rows = Math.log(2.0 * batch);
        return symmetric ? (rows + Math.log(batch)) / 2 : rows;
    }

    private static int squareSize(NDArray scores) {
        Shape shape = scores.getShape();
        if (shape.dimension() != 2 || shape.get(0) != shape.get(1) || shape.get(0) < 1) {
            throw new IllegalArgumentException(
                    "InfoNCE with hard negatives needs one square B×B score matrix, got " + shape);
        }
        return Math.toIntExact(shape.get(0));
    }
}
