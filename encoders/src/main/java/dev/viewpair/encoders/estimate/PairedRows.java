package dev.viewpair.encoders.estimate;

/** Checks and standardizes the paired row arrays the estimators take. */
final class PairedRows {
    private PairedRows() {}

    /**
     * Checks that x and y are non-empty, rectangular, finite and of equal row count.
     *
     * @param estimator named in messages
     * @return the row count N
     */
    static int checkPaired(float[][] x, float[][] y, String estimator) {
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(estimator + " needs two non-empty arrays with one row per sample and the same "
                    + "number of rows, got " + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
        }
        checkRows(x, "x", estimator);
        checkRows(y, "y", estimator);
        return x.length;
    }

    private static void checkRows(float[][] rows, String name, String estimator) {
        int width = rows[0] == null ? 0 : rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException(estimator + ": " + name + " rows must hold at least one value");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != width) {
                throw new IllegalArgumentException(estimator + ": row " + i + " of " + name + " has "
                        + (rows[i] == null ? "no" : rows[i].length) + " values, row 0 has " + width);
            }
            for (float v : rows[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(estimator + ": row " + i + " of " + name + " holds " + v
                            + "; remove or impute non-finite values first");
                }
            }
        }
    }

    /**
     * The rows, row-major, each column shifted to mean 0 and scaled to standard deviation 1 (a
     * constant column stays 0).
     */
    static double[] standardized(float[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] out = new double[n * d];
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (float[] row : rows) {
                mean += row[c];
            }
            mean /= n;
            double variance = 0;
            for (float[] row : rows) {
                variance += (row[c] - mean) * (row[c] - mean);
            }
            double scale = variance > 0 ? Math.sqrt(variance / n) : 1;
            for (int i = 0; i < n; i++) {
                out[i * d + c] = (rows[i][c] - mean) / scale;
            }
        }
        return out;
    }
}
