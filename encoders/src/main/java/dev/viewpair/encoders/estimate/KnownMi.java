package dev.viewpair.encoders.estimate;

/**
 * The MI of the laws of the known-MI tasks, in closed form, and the small linear algebra they need.
 *
 * <p>Gaussian: for (X, Y) ~ N(0, Σ), {@code I = ½ (log det Σ_xx + log det Σ_yy − log det Σ)}.
 *
 * <p>Student-t: for (X, Y) a multivariate t with ν degrees of freedom and scale Σ (X of m, Y of n
 * coordinates), the marginals are t with the same ν and the blocks of Σ as scales. The entropy of a
 * d-dimensional t is {@code ½ log det Σ + log Γ(ν/2) − log Γ((ν+d)/2) + (d/2) log(νπ) +
 * (ν+d)/2 · (ψ((ν+d)/2) − ψ(ν/2))}; in {@code I = h(X) + h(Y) − h(X, Y)} the log-determinants give the
 * Gaussian term of the same Σ, the {@code log(νπ)} terms cancel (m + n = d), and the rest is the
 * correction {@code c(ν, m, n) = f(ν) + f(ν+m+n) − f(ν+m) − f(ν+n)} with
 * {@code f(z) = log Γ(z/2) − (z/2) ψ(z/2)} (the ψ(ν/2) terms collect to −(ν/2) ψ(ν/2) = the rest of
 * f(ν)). c is positive and vanishes as ν → ∞: the shared scale of a t makes X and Y dependent even
 * when Σ is block-diagonal. Checked against a Monte Carlo mean of {@code log p(x,y) − log p(x) −
 * log p(y)} with the densities written out ({@code KnownMiTest}).
 *
 * <p>Uniform additive noise: X ~ U(0, 1), Y = X + N with N ~ U(0, a) independent;
 * {@code I = h(Y) − log a}, Y's density a trapezoid, so {@code I = a/2 − log a} for a ≤ 1 and
 * {@code 1/(2a)} for a ≥ 1.
 */
final class KnownMi {
    private KnownMi() {}

    /** The MI of a zero-mean Gaussian whose first {@code dimX} coordinates are X, the rest Y. */
    static double gaussian(double[][] covariance, int dimX) {
        int d = covariance.length;
        return 0.5 * (logDet(block(covariance, 0, dimX)) + logDet(block(covariance, dimX, d)) - logDet(covariance));
    }

    /** The MI of a multivariate t with ν degrees of freedom and this scale matrix. */
    static double studentT(double[][] scale, int dimX, double nu) {
        return gaussian(scale, dimX) + studentTCorrection(nu, dimX, scale.length - dimX);
    }

    /** {@code c(ν, m, n)}: what a t's shared scale adds to the Gaussian term. */
    static double studentTCorrection(double nu, int m, int n) {
        return f(nu) + f(nu + m + n) - f(nu + m) - f(nu + n);
    }

    private static double f(double z) {
        return SpecialFunctions.logGamma(z / 2) - z / 2 * SpecialFunctions.digamma(z / 2);
    }

    /** The MI of X ~ U(0, 1) and X + U(0, width). */
    static double uniformNoise(double width) {
        if (!(width > 0)) {
            throw new IllegalArgumentException("the noise width must be positive, got " + width);
        }
        return width <= 1 ? width / 2 - Math.log(width) : 1 / (2 * width);
    }

    /** The lower Cholesky factor L of a symmetric positive-definite matrix, A = L·Lᵀ. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("the covariance is not positive definite (pivot " + i + " is "
                                + sum + "); lower the correlations");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** log det of a symmetric positive-definite matrix, from its Cholesky factor. */
    static double logDet(double[][] a) {
        double[][] l = cholesky(a);
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            sum += 2 * Math.log(l[i][i]);
        }
        return sum;
    }

    /** The square block of rows and columns {@code from} (inclusive) to {@code to} (exclusive). */
    static double[][] block(double[][] a, int from, int to) {
        double[][] out = new double[to - from][to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(a[i], from, out[i - from], 0, to - from);
        }
        return out;
    }
}
