package dev.viewpair.encoders.estimate;

import java.util.function.DoubleUnaryOperator;

/** A {@link MarginalTransform} fitted to each column of some rows: it maps any rows of that width. */
public final class Marginals {
    private final MarginalTransform transform;
    private final DoubleUnaryOperator[] columns;

    Marginals(MarginalTransform transform, DoubleUnaryOperator[] columns) {
        this.transform = transform;
        this.columns = columns.clone();
    }

    public MarginalTransform transform() {
        return transform;
    }

    /** The transformed value of column c. */
    public double score(int c, double value) {
        return columns[c].applyAsDouble(value);
    }

    /** Every row transformed, row-major. */
    public double[] apply(float[][] rows) {
        int d = columns.length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            checkWidth(rows[i], i);
            for (int c = 0; c < d; c++) {
                out[i * d + c] = columns[c].applyAsDouble(rows[i][c]);
            }
        }
        return out;
    }

    /** Every row transformed, as rows of floats. */
    public float[][] applyRows(float[][] rows) {
        float[][] out = new float[rows.length][columns.length];
        for (int i = 0; i < rows.length; i++) {
            checkWidth(rows[i], i);
            for (int c = 0; c < columns.length; c++) {
                out[i][c] = (float) columns[c].applyAsDouble(rows[i][c]);
            }
        }
        return out;
    }

    private void checkWidth(float[] row, int i) {
        if (row.length != columns.length) {
            throw new IllegalArgumentException("row " + i + " has " + row.length + " values; the " + transform.label()
                    + " transform was fitted on " + columns.length);
        }
    }
}
