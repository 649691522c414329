package dev.viewpair.encoders.eval;

/** Row-vector helpers shared by the evaluations: unit-length rows, dot products, cosine score matrices. */
public final class Vectors {
    private Vectors() {}

    /** Copies of the rows scaled to unit length (an all-zero row stays zero); every row must have {@code width}. */
    public static float[][] unitRows(float[][] rows, int width, String what) {
        var out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(
                        what + " embedding " + i + " has width " + rows[i].length + ", expected " + width);
            }
            double norm = 0;
            for (float v : rows[i]) {
                norm += (double) v * v;
            }
            float inverse = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            out[i] = new float[width];
            for (int j = 0; j < width; j++) {
                out[i][j] = rows[i][j] * inverse;
            }
        }
        return out;
    }

    /** The dot product of two rows of equal length. */
    public static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * Cosine similarity of every row of {@code a} with every row of {@code b}.
     *
     * @return an {@code a.length × b.length} matrix
     */
    public static float[][] cosine(float[][] a, float[][] b) {
        int width = b.length > 0 ? b[0].length : a.length > 0 ? a[0].length : 0;
        float[][] ua = unitRows(a, width, "query");
        float[][] ub = unitRows(b, width, "gallery");
        var out = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i][j] = dot(ua[i], ub[j]);
            }
        }
        return out;
    }
}
