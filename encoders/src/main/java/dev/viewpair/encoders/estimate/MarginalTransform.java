package dev.viewpair.encoders.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * What the pair estimator does to each coordinate before a critic sees it. The MI of X and Y is
 * unchanged by any invertible map of each coordinate ({@code I(f(X); g(Y)) = I(X; Y)}), so a map that
 * is strictly increasing per coordinate changes the estimator's difficulty, never the answer: heavy
 * tails (a Student-t's outliers, which make standardized columns mostly zeros) and squashed or
 * stretched scales (x ↦ x·|x|^½, asinh) become the same well-spread scores.
 *
 * <p>The rank-based transforms are fitted on the training rows only ({@link #fit}) and score every
 * other value by interpolating between the fitted ones ({@link EmpiricalCdf}), so held-out rows stay
 * held out; ties (repeated values) get their mid-rank, and so stay tied.
 */
public enum MarginalTransform {
    /** Each column shifted and scaled to mean 0, standard deviation 1 (of the fitted rows). */
    NONE("none"),
    /** Each column's empirical distribution function, uniform scores in (0, 1), centred and scaled to unit variance. */
    RANK("rank"),
    /** The rank scores through the standard normal quantile Φ⁻¹: standard normal scores (a Gaussian copula). */
    GAUSSIAN_COPULA("gaussian-copula");

    private final String label;

    MarginalTransform(String label) {
        this.label = label;
    }

    /** The name on the command line. */
    public String label() {
        return label;
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(MarginalTransform::label).toList();
    }

    /**
     * @throws IllegalArgumentException naming the known labels when there is no such transform
     */
    public static MarginalTransform parse(String label) {
        for (var transform : values()) {
            if (transform.label.equals(label.toLowerCase(Locale.ROOT))) {
                return transform;
            }
        }
        throw new IllegalArgumentException("unknown marginal transform '" + label + "'; known: " + String.join(", ", labels()));
    }

    /**
     * Fits the transform of each column on the given rows.
     *
     * @param rows N rows of d values
     * @param fitRows the indices of the rows to fit on (at least one)
     */
    public Marginals fit(float[][] rows, int[] fitRows) {
        int d = rows[0].length;
        var columns = new DoubleUnaryOperator[d];
        for (int c = 0; c < d; c++) {
            double[] column = new double[fitRows.length];
            for (int i = 0; i < fitRows.length; i++) {
                column[i] = rows[fitRows[i]][c];
            }
            columns[c] = switch (this) {
                case NONE -> standardizer(column);
                case RANK -> {
                    var cdf = new EmpiricalCdf(column);
                    yield x -> (cdf.score(x) - 0.5) * Math.sqrt(12);
                }
                case GAUSSIAN_COPULA -> {
                    var cdf = new EmpiricalCdf(column);
                    yield x -> SpecialFunctions.normalQuantile(cdf.score(x));
                }
            };
        }
        return new Marginals(this, columns);
    }

    /** Fits on every row. */
    public Marginals fit(float[][] rows) {
        int[] all = new int[rows.length];
        Arrays.setAll(all, i -> i);
        return fit(rows, all);
    }

    private static DoubleUnaryOperator standardizer(double[] column) {
        double mean = Arrays.stream(column).average().orElse(0);
        double variance = Arrays.stream(column).map(v -> (v - mean) * (v - mean)).sum() / column.length;
        double scale = variance > 0 ? Math.sqrt(variance) : 1; // a constant column stays 0
        return x -> (x - mean) / scale;
    }
}
