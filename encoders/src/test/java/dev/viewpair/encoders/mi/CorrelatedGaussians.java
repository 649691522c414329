package dev.viewpair.encoders.mi;

import java.util.Random;

/**
 * Batches of correlated Gaussians {@code y = ρx + √(1−ρ²)ε} in d dimensions, with the analytic
 * critics as K×K score matrices (row i = x_i, column j = y_j): the log density ratio {@code log
 * p(y|x)/p(y)} and the conditional log density {@code log p(y|x)}. True MI: {@code −d/2·log(1−ρ²)}.
 */
final class CorrelatedGaussians {
    final int dim;
    final double rho;
    private final double noise;
    private final Random random;

    CorrelatedGaussians(int dim, double mutualInformation, long seed) {
        this.dim = dim;
        this.rho = Math.sqrt(1 - Math.exp(-2 * mutualInformation / dim));
        this.noise = Math.sqrt(1 - rho * rho);
        this.random = new Random(seed);
    }

    double mutualInformation() {
        return -dim / 2.0 * Math.log(1 - rho * rho);
    }

    /** H(Y) of a standard normal Y in d dimensions. */
    double entropyOfY() {
        return dim / 2.0 * Math.log(2 * Math.PI * Math.E);
    }

    /** One batch: [x, y], each K×d. */
    double[][][] sample(int k) {
        double[][] x = new double[k][dim];
        double[][] y = new double[k][dim];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                x[i][d] = random.nextGaussian();
                y[i][d] = rho * x[i][d] + noise * random.nextGaussian();
            }
        }
        return new double[][][] {x, y};
    }

    /** log p(y_j|x_i) − log p(y_j), row-major K×K. */
    float[] logRatio(double[][][] batch) {
        return scores(batch, true);
    }

    /** log p(y_j|x_i), row-major K×K. */
    float[] logConditional(double[][][] batch) {
        return scores(batch, false);
    }

    /** The analytic critic a bound takes: log p(y|x) for those that need log-densities, else the log ratio. */
    float[] logRatioOrConditional(double[][][] batch, Bound bound) {
        return bound.needsLogDensity() ? logConditional(batch) : logRatio(batch);
    }

    private float[] scores(double[][][] batch, boolean ratio) {
        double[][] x = batch[0];
        double[][] y = batch[1];
        int k = x.length;
        double variance = noise * noise;
        float[] out = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double deviation = y[j][d] - rho * x[i][d];
                    s += -deviation * deviation / (2 * variance) - 0.5 * Math.log(2 * Math.PI * variance);
                    if (ratio) {
                        s += y[j][d] * y[j][d] / 2 + 0.5 * Math.log(2 * Math.PI);
                    }
                }
                out[i * k + j] = (float) s;
            }
        }
        return out;
    }
}
