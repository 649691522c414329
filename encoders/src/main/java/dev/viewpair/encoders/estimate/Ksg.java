package dev.viewpair.encoders.estimate;

import java.util.Arrays;

/**
 * The Kraskov–Stögbauer–Grassberger k-nearest-neighbour MI estimator (Kraskov et al. 2004, their
 * estimator 1), in nats:
 * {@code I = ψ(k) + ψ(N) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩}, where for each sample i, ε_i is the
 * max-norm distance to its k-th neighbour in the joint space {@code (x, y)} (max over both
 * spaces of the per-space max-norms) and n_x (n_y) counts the samples strictly closer than ε_i
 * in x (y) alone.
 *
 * <p>Each column is standardized first (the max-norm is not scale-invariant; the MI is). Brute
 * force O(N²·(d_x + d_y)) time, O(N) memory: a few seconds for 5000 samples of low dimension. Good
 * for low dimensions and MI up to a few nats; it underestimates large MI (the neighbours needed
 * get too rare) and needs continuous data (repeated rows make ε zero: add tiny noise to discrete
 * data first).
 */
public final class Ksg {
    /** The neighbour count Kraskov et al. recommend for a low-bias, low-variance trade (2–4). */
    public static final int DEFAULT_K = 3;

    private Ksg() {}

    /** {@link #estimate(float[][], float[][], int)} with k = 3. */
    public static double estimate(float[][] x, float[][] y) {
        return estimate(x, y, DEFAULT_K);
    }

    /**
     * @param x N rows of d_x values
     * @param y N rows of d_y values, row i paired with x's row i
     * @param k the neighbour count, {@code 1 ≤ k < N}
     * @return the MI estimate in nats (may be slightly negative for independent data)
     * @throws IllegalArgumentException if the arrays are ragged, differ in length, hold a
     *     non-finite value, or are too short for k
     */
    public static double estimate(float[][] x, float[][] y, int k) {
        int n = PairedRows.checkPaired(x, y, "KSG");
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("KSG needs 1 ≤ k < N, got k = " + k + " for N = " + n);
        }
        double[] xs = PairedRows.standardized(x);
        double[] ys = PairedRows.standardized(y);
        int dx = x[0].length;
        int dy = y[0].length;
        double[] distanceX = new double[n];
        double[] distanceY = new double[n];
        double[] nearest = new double[k]; // the k smallest joint distances, ascending
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                distanceX[j] = maxNorm(xs, i, j, dx);
                distanceY[j] = maxNorm(ys, i, j, dy);
                double joint = Math.max(distanceX[j], distanceY[j]);
                if (joint < nearest[k - 1]) {
                    int slot = k - 1;
                    while (slot > 0 && nearest[slot - 1] > joint) {
                        nearest[slot] = nearest[slot - 1];
                        slot--;
                    }
                    nearest[slot] = joint;
                }
            }
            double epsilon = nearest[k - 1];
            int countX = 0;
            int countY = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    if (distanceX[j] < epsilon) {
                        countX++;
                    }
                    if (distanceY[j] < epsilon) {
                        countY++;
                    }
                }
            }
            sum += SpecialFunctions.digamma(countX + 1) + SpecialFunctions.digamma(countY + 1);
        }
        return SpecialFunctions.digamma(k) + SpecialFunctions.digamma(n) - sum / n;
    }

    private static double maxNorm(double[] rows, int i, int j, int d) {
        double max = 0;
        int a = i * d;
        int b = j * d;
        for (int c = 0; c < d; c++) {
            max = Math.max(max, Math.abs(rows[a + c] - rows[b + c]));
        }
        return max;
    }
}
