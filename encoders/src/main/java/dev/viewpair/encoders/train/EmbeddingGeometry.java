package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;

/**
 * How a batch of projections sits on the unit hypersphere, after Wang &amp; Isola (2020),
 * "Understanding contrastive representation learning through alignment and uniformity": every
 * measure L2-normalizes the rows first. Read-outs only: call them with gradient recording off (or
 * on detached arrays), their intermediates are attached to the input's manager.
 */
final class EmbeddingGeometry {
    /** Guards the normalization of an all-zero row. */
    private static final float EPS = 1e-12f;

    private EmbeddingGeometry() {}

    /** Each row divided by its L2 norm. */
    static NDArray normalize(NDArray z) {
        return z.div(z.norm(new int[] {1}, true).maximum(EPS));
    }

    /**
     * {@code mean_i ||ẑa_i − ẑb_i||²} (α = 2) over rows of normalized projections: 0 when the two
     * views map every sample to the same point, 4 when to antipodes.
     */
    static double alignment(NDArray za, NDArray zb) {
        return normalize(za).sub(normalize(zb)).square().sum(new int[] {1}).mean().getFloat();
    }

    /**
     * {@code log mean_{i≠j} exp(−2 ||ẑ_i − ẑ_j||²)} (t = 2) over distinct rows of one batch: 0 when
     * every row is the same point, lower the more evenly the rows spread (−8 for two antipodes).
     * Needs at least two rows.
     */
    static double uniformity(NDArray z) {
        long n = z.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("uniformity needs at least two rows, got " + n);
        }
        NDArray u = normalize(z);
        // for unit rows ||ẑi − ẑj||² = 2 − 2 ẑi·ẑj; clamped at 0 against rounding
        NDArray squared = u.matMul(u.transpose()).mul(-2f).add(2f).maximum(0f);
        // masked rather than subtracted: the diagonal's exp(≈0) carries rounding that would swamp small sums
        NDArray offDiagonal = z.getManager().eye((int) n).mul(-1f).add(1f);
        double sum = squared.mul(-2f).exp().mul(offDiagonal).sum().getFloat();
        return Math.log(sum / (n * (n - 1.0)));
    }

    /**
     * The mean over dimensions of each dimension's standard deviation (over the batch) of the
     * normalized rows: 0 for a collapsed batch (every row the same), about {@code 1/√D} for rows
     * spread evenly over the sphere in D dimensions.
     */
    static double spread(NDArray z) {
        NDArray u = normalize(z);
        return u.sub(u.mean(new int[] {0}, true)).square().mean(new int[] {0}).sqrt().mean().getFloat();
    }
}
