package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alignment, uniformity and spread against known answers and a plain-Java recomputation. */
class EmbeddingGeometryTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray array(double[][] rows) {
        int d = rows[0].length;
        var flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, d));
    }

    @Test
    void knownAnswers() {
        var a = array(new double[][] {{3, 0}, {0, 2}});
        // the same directions at other lengths: aligned, whatever the norms
        assertEquals(0, EmbeddingGeometry.alignment(a, array(new double[][] {{1, 0}, {0, 5}})), 1e-6);
        // one row the same, one at right angles (||e1 − e2||² = 2): mean 1
        assertEquals(1, EmbeddingGeometry.alignment(a, array(new double[][] {{1, 0}, {1, 0}})), 1e-6);
        // two antipodes: ||ẑ1 − ẑ2||² = 4, exp(−8), log gives −8
        var antipodes = array(new double[][] {{2, 0}, {-1, 0}});
        assertEquals(-8, EmbeddingGeometry.uniformity(antipodes), 1e-4);
        // per dimension std over the batch: 1 and 0, mean 0.5
        assertEquals(0.5, EmbeddingGeometry.spread(antipodes), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> EmbeddingGeometry.uniformity(array(new double[][] {{1, 0}})));
    }

    @Test
    void aCollapsedBatchHasNoSpreadAndUniformityZero() {
        var rows = new double[8][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {0.3 * (i + 1), -0.1 * (i + 1), 0.2 * (i + 1)}; // one direction, many lengths
        }
        var collapsed = array(rows);
        assertEquals(0, EmbeddingGeometry.spread(collapsed), 1e-6);
        assertEquals(0, EmbeddingGeometry.uniformity(collapsed), 1e-5);
    }

    @Test
    void randomBatchesMatchAPlainJavaRecomputation() {
        var random = new Random(11);
        int n = 12;
        int d = 5;
        var za = new double[n][d];
        var zb = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                za[i][j] = random.nextGaussian();
                zb[i][j] = za[i][j] + 0.5 * random.nextGaussian();
            }
        }
        var ua = unit(za);
        var ub = unit(zb);
        double alignment = 0;
        for (int i = 0; i < n; i++) {
            alignment += squaredDistance(ua[i], ub[i]) / n;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum += Math.exp(-2 * squaredDistance(ua[i], ua[j]));
                }
            }
        }
        double uniformity = Math.log(sum / (n * (n - 1)));
        double spread = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += ua[i][j] / n;
            }
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += (ua[i][j] - mean) * (ua[i][j] - mean) / n;
            }
            spread += Math.sqrt(variance) / d;
        }
        assertEquals(alignment, EmbeddingGeometry.alignment(array(za), array(zb)), 1e-5);
        assertEquals(uniformity, EmbeddingGeometry.uniformity(array(za)), 1e-5);
        assertEquals(spread, EmbeddingGeometry.spread(array(za)), 1e-5);
    }

    private static double[][] unit(double[][] rows) {
        var out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = Math.sqrt(squaredDistance(rows[i], new double[rows[i].length]));
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j] / norm;
            }
        }
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
