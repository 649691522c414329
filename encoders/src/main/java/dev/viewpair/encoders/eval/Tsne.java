package dev.viewpair.encoders.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * t-SNE (van der Maaten and Hinton 2008), exact: a 2-D map of embeddings in which points that are near in the
 * embedding space stay near, for looking at how labels cluster.
 *
 * <p>Input affinities are Gaussian with a per-point bandwidth found by bisection so that each point's
 * conditional distribution has the given perplexity, then symmetrized; the map's affinities are Student-t.
 * The KL divergence is minimized by gradient descent with momentum (0.5, then 0.8) and per-coordinate gains,
 * with early exaggeration 12 for the first 250 iterations and a learning rate of max(n / 12, 50) (Belkina et
 * al. 2019). O(n²) time and memory per iteration: meant for up to a few thousand points (subsample above
 * that). Deterministic for a seed, whatever the thread count: rows run in parallel, sums are taken in order.
 */
public final class Tsne {
    private static final double EXAGGERATION = 12;
    private static final int EXAGGERATED_ITERATIONS = 250;

    private final double perplexity;
    private final int iterations;
    private final long seed;

    /**
     * @param perplexity the effective number of neighbours (5–50; 30 is usual), below the number of points
     * @param iterations gradient steps (≥ 1; 1000 is usual, fewer than 250 stays exaggerated)
     * @param seed the initial layout's seed
     */
    public Tsne(double perplexity, int iterations, long seed) {
        if (!(perplexity >= 1) || iterations < 1) {
            throw new IllegalArgumentException(
                    "t-SNE needs perplexity ≥ 1 and iterations ≥ 1, got " + perplexity + " and " + iterations);
        }
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.seed = seed;
    }

    /**
     * A map and how well it keeps the input's neighbourhoods.
     *
     * @param points one (x, y) per input row
     * @param klDivergence KL(P ‖ Q) of the final map, in nats (lower is better)
     */
    public record Result(double[][] points, double klDivergence) {}

    /**
     * Maps the rows to two dimensions.
     *
     * @param x rows of equal width, more than {@code 3 · perplexity} of them
     */
    public Result embed(float[][] x) {
        int n = x.length;
        if (n <= 3 * perplexity) {
            throw new IllegalArgumentException("t-SNE with perplexity " + perplexity + " needs more than "
                    + (int) (3 * perplexity) + " points, got " + n + " — lower the perplexity");
        }
        double[][] p = affinities(x);
        var random = new SplittableRandom(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = 1e-4 * random.nextGaussian();
            row[1] = 1e-4 * random.nextGaussian();
        }
        double[][] velocity = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            Arrays.fill(g, 1);
        }
        double rate = Math.max(n / EXAGGERATION, 50);
        double[][] kernel = new double[n][n];
        double[][] gradient = new double[n][2];
        for (int iteration = 0; iteration < iterations; iteration++) {
            double exaggeration = iteration < EXAGGERATED_ITERATIONS ? EXAGGERATION : 1;
            double momentum = iteration < EXAGGERATED_ITERATIONS ? 0.5 : 0.8;
            double z = studentKernel(y, kernel);
            IntStream.range(0, n).parallel().forEach(i -> {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    double w = (exaggeration * p[i][j] - kernel[i][j] / z) * kernel[i][j];
                    gx += w * (y[i][0] - y[j][0]);
                    gy += w * (y[i][1] - y[j][1]);
                }
                gradient[i][0] = 4 * gx;
                gradient[i][1] = 4 * gy;
            });
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 2; d++) {
                    // grow the step while descent keeps its direction (gradient against the last move), shrink it on overshoot
                    boolean sameDirection = Math.signum(gradient[i][d]) == Math.signum(velocity[i][d]);
                    gains[i][d] = Math.max(sameDirection ? gains[i][d] * 0.8 : gains[i][d] + 0.2, 0.01);
                    velocity[i][d] = momentum * velocity[i][d] - rate * gains[i][d] * gradient[i][d];
                    y[i][d] += velocity[i][d];
                }
            }
            center(y);
        }
        return new Result(y, klDivergence(p, y, kernel));
    }

    /** Symmetrized input affinities p_ij = (p_j|i + p_i|j) / 2n, each row at the target perplexity. */
    private double[][] affinities(float[][] x) {
        int n = x.length;
        int width = x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != width) {
                throw new IllegalArgumentException("t-SNE row " + i + " has width " + x[i].length + ", expected " + width);
            }
        }
        double target = Math.log(perplexity);
        double[][] conditional = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] distances = new double[n];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < width; k++) {
                    double d = x[i][k] - x[j][k];
                    sum += d * d;
                }
                distances[j] = sum;
            }
            conditional[i] = conditionalAtPerplexity(distances, i, target);
        });
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] = Math.max((conditional[i][j] + conditional[j][i]) / (2.0 * n), 1e-12);
            }
            p[i][i] = 0;
        }
        return p;
    }

    /** p_j|i ∝ exp(−β d_ij), β bisected (on a log scale) until the row's entropy is log(perplexity). */
    private static double[] conditionalAtPerplexity(double[] distances, int self, double targetEntropy) {
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        double beta = 1;
        double[] row = new double[distances.length];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < distances.length; j++) {
            if (j != self) {
                min = Math.min(min, distances[j]);
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < distances.length; j++) {
                // shifting by the smallest distance keeps the exponentials representable; it cancels in p
                row[j] = j == self ? 0 : Math.exp(-beta * (distances[j] - min));
                sum += row[j];
                weighted += row[j] * (distances[j] - min);
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < row.length; j++) {
                row[j] /= sum;
            }
            if (Math.abs(entropy - targetEntropy) < 1e-5) {
                break;
            }
            if (entropy > targetEntropy) { // too flat: narrow the kernel
                low = beta;
                beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = Double.isInfinite(low) ? beta / 2 : (beta + low) / 2;
            }
        }
        return row;
    }

    /** Fills kernel[i][j] = 1 / (1 + ‖y_i − y_j‖²) (zero on the diagonal) and returns its sum. */
    private static double studentKernel(double[][] y, double[][] kernel) {
        int n = y.length;
        double[] rowSums = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double dx = y[i][0] - y[j][0];
                double dy = y[i][1] - y[j][1];
                kernel[i][j] = i == j ? 0 : 1 / (1 + dx * dx + dy * dy);
                sum += kernel[i][j];
            }
            rowSums[i] = sum;
        });
        double z = 0;
        for (double s : rowSums) {
            z += s;
        }
        return z;
    }

    private static double klDivergence(double[][] p, double[][] y, double[][] kernel) {
        double z = studentKernel(y, kernel);
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (i != j) {
                    kl += p[i][j] * Math.log(p[i][j] / Math.max(kernel[i][j] / z, 1e-300));
                }
            }
        }
        return kl;
    }

    private static void center(double[][] y) {
        double mx = 0;
        double my = 0;
        for (double[] row : y) {
            mx += row[0];
            my += row[1];
        }
        mx /= y.length;
        my /= y.length;
        for (double[] row : y) {
            row[0] -= mx;
            row[1] -= my;
        }
    }
}
