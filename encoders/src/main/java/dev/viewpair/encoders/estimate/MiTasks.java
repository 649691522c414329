package dev.viewpair.encoders.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Known-MI tasks in the style of Czyż et al. 2023 ("Beyond Normal"), written here from their
 * descriptions: Gaussians with dense and sparse interactions, multivariate Student-t, invertible maps
 * of a Gaussian task (x ↦ x·|x|^½, asinh, a spiral), and uniform additive noise. The MI of each is
 * given in closed form ({@link KnownMi}); a map that is invertible on X's space and on Y's leaves it
 * unchanged, so mapped tasks keep the MI of the task they map.
 */
public final class MiTasks {
    private MiTasks() {}

    /** The tasks of the benchmark table (docs/bounds.md), 1 to 25 dimensions a side. */
    public static List<MiTask> standard() {
        var tasks = new ArrayList<MiTask>();
        var gauss1 = gaussian("gauss-1x1", "gaussian-dense", dense(1, 1, 0.75), 1);
        var dense5 = gaussian("gauss-dense-5x5", "gaussian-dense", dense(5, 5, 0.5), 5);
        var sparse3 = gaussian("gauss-sparse-3x3", "gaussian-sparse", sparse(3, 3, 2, 0.6), 3);
        var sparse5 = gaussian("gauss-sparse-5x5", "gaussian-sparse", sparse(5, 5, 2, 0.75), 5);
        tasks.add(gauss1);
        tasks.add(gaussian("gauss-dense-2x2", "gaussian-dense", dense(2, 2, 0.5), 2));
        tasks.add(dense5);
        tasks.add(gaussian("gauss-dense-25x25", "gaussian-dense", dense(25, 25, 0.5), 25));
        tasks.add(sparse3);
        tasks.add(sparse5);
        tasks.add(gaussian("gauss-sparse-25x25", "gaussian-sparse", sparse(25, 25, 3, 0.6), 25));
        for (int nu = 1; nu <= 5; nu++) {
            tasks.add(studentT("student-t-1x1-nu" + nu, sparse(1, 1, 1, 0.5), 1, nu));
        }
        tasks.add(studentT("student-t-2x2-nu2", sparse(2, 2, 2, 0.5), 2, 2));
        tasks.add(studentT("student-t-5x5-nu3", sparse(5, 5, 2, 0.5), 5, 3));
        tasks.add(studentT("student-t-10x10-nu1", sparse(10, 10, 2, 0.5), 10, 1));
        tasks.add(mapped("half-cube-1x1", "half-cube", gauss1, MiTasks::halfCube));
        tasks.add(mapped("half-cube-sparse-5x5", "half-cube", sparse5, MiTasks::halfCube));
        tasks.add(mapped("asinh-1x1", "asinh", gauss1, MiTasks::asinh));
        tasks.add(mapped("asinh-dense-5x5", "asinh", dense5, MiTasks::asinh));
        tasks.add(uniformNoise("uniform-noise-0.1", 0.1));
        tasks.add(uniformNoise("uniform-noise-0.75", 0.75));
        tasks.add(spiral("spiral-sparse-3x3", sparse3, 0.5));
        tasks.add(spiral("spiral-dense-5x5", dense5, 0.5));
        return List.copyOf(tasks);
    }

    /** The task of that name in {@link #standard()}. */
    public static MiTask named(String name) {
        return standard().stream().filter(task -> task.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no known-MI task '" + name + "'; known: "
                        + String.join(", ", standard().stream().map(MiTask::name).toList())));
    }

    /** (X, Y) ~ N(0, Σ), X the first {@code dimX} coordinates. */
    public static MiTask gaussian(String name, String family, double[][] covariance, int dimX) {
        double[][] l = KnownMi.cholesky(covariance);
        return new MiTask(name, family, dimX, covariance.length - dimX, KnownMi.gaussian(covariance, dimX),
                (n, random) -> draw(n, dimX, random, l, 0));
    }

    /** (X, Y) a multivariate t: N(0, Σ) divided by √(χ²_ν / ν), one χ² per row shared by X and Y. */
    public static MiTask studentT(String name, double[][] scale, int dimX, int nu) {
        if (nu < 1) {
            throw new IllegalArgumentException("a Student-t task needs at least 1 degree of freedom, got " + nu);
        }
        double[][] l = KnownMi.cholesky(scale);
        return new MiTask(name, "student-t", dimX, scale.length - dimX, KnownMi.studentT(scale, dimX, nu),
                (n, random) -> draw(n, dimX, random, l, nu));
    }

    /** The task with {@code map} applied to every coordinate of X and Y (it must be strictly monotone). */
    public static MiTask mapped(String name, String family, MiTask base, DoubleUnaryOperator map) {
        return new MiTask(name, family, base.dimX(), base.dimY(), base.trueMi(), (n, random) -> {
            float[][][] xy = base.sampler().sample(n, random);
            for (float[][] side : xy) {
                for (float[] row : side) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = (float) map.applyAsDouble(row[c]);
                    }
                }
            }
            return xy;
        });
    }

    /** The task with X and Y each turned by {@link #spiral(double[], double)} (both need 2 coordinates or more). */
    public static MiTask spiral(String name, MiTask base, double speed) {
        if (base.dimX() < 2 || base.dimY() < 2) {
            throw new IllegalArgumentException("a spiral turns the first two coordinates: " + base.name() + " has "
                    + base.dims());
        }
        return new MiTask(name, "spiral", base.dimX(), base.dimY(), base.trueMi(), (n, random) -> {
            float[][][] xy = base.sampler().sample(n, random);
            for (float[][] side : xy) {
                for (int i = 0; i < side.length; i++) {
                    double[] row = new double[side[i].length];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = side[i][c];
                    }
                    double[] turned = spiral(row, speed);
                    for (int c = 0; c < row.length; c++) {
                        side[i][c] = (float) turned[c];
                    }
                }
            }
            return xy;
        });
    }

    /** X ~ U(0, 1), Y = X + U(0, width). */
    public static MiTask uniformNoise(String name, double width) {
        return new MiTask(name, "uniform-noise", 1, 1, KnownMi.uniformNoise(width), (n, random) -> {
            float[][][] xy = new float[2][n][1];
            for (int i = 0; i < n; i++) {
                double x = random.nextDouble();
                xy[0][i][0] = (float) x;
                xy[1][i][0] = (float) (x + width * random.nextDouble());
            }
            return xy;
        });
    }

    /**
     * Dense interactions: every pair of the dx + dy coordinates correlated ρ (within X, within Y and
     * across), unit variances.
     */
    public static double[][] dense(int dx, int dy, double rho) {
        int d = dx + dy;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = i == j ? 1 : rho;
            }
        }
        return out;
    }

    /**
     * Sparse interactions: x_i and y_i correlated ρ for the first {@code pairs} i, every other
     * pair of coordinates independent; MI {@code −(pairs/2)·log(1 − ρ²)}.
     */
    public static double[][] sparse(int dx, int dy, int pairs, double rho) {
        if (pairs > Math.min(dx, dy)) {
            throw new IllegalArgumentException(pairs + " interacting pairs need at least as many coordinates a side, got "
                    + dx + "×" + dy);
        }
        int d = dx + dy;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            out[i][i] = 1;
        }
        for (int i = 0; i < pairs; i++) {
            out[i][dx + i] = rho;
            out[dx + i][i] = rho;
        }
        return out;
    }

    /** x ↦ x·|x|^½, Czyż et al.'s "half-cube": strictly increasing, heavier tails. */
    static double halfCube(double x) {
        return x * Math.sqrt(Math.abs(x));
    }

    /** asinh x = log(x + √(x² + 1)): strictly increasing, lighter (logarithmic) tails. */
    static double asinh(double x) {
        double a = Math.abs(x);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), x);
    }

    /**
     * Turns the first two coordinates by the angle {@code speed·|x|²}. The turn keeps |x|, so turning
     * by {@code −speed·|x|²} undoes it: the map is invertible.
     */
    static double[] spiral(double[] x, double speed) {
        double norm2 = 0;
        for (double v : x) {
            norm2 += v * v;
        }
        double angle = speed * norm2;
        double[] out = x.clone();
        out[0] = Math.cos(angle) * x[0] - Math.sin(angle) * x[1];
        out[1] = Math.sin(angle) * x[0] + Math.cos(angle) * x[1];
        return out;
    }

    /** n rows of L·z (z standard normal), divided by √(χ²_ν/ν) when ν &gt; 0, split into x and y. */
    private static float[][][] draw(int n, int dimX, Random random, double[][] l, int nu) {
        int d = l.length;
        float[][][] xy = {new float[n][dimX], new float[n][d - dimX]};
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                z[c] = random.nextGaussian();
            }
            double scale = 1;
            if (nu > 0) {
                double chi2 = 0;
                for (int k = 0; k < nu; k++) {
                    double g = random.nextGaussian();
                    chi2 += g * g;
                }
                scale = 1 / Math.sqrt(chi2 / nu);
            }
            for (int r = 0; r < d; r++) {
                double v = 0;
                for (int c = 0; c <= r; c++) {
                    v += l[r][c] * z[c];
                }
                float value = (float) (v * scale);
                if (r < dimX) {
                    xy[0][i][r] = value;
                } else {
                    xy[1][i][r - dimX] = value;
                }
            }
        }
        return xy;
    }
}
