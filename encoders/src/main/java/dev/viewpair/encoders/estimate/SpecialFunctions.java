package dev.viewpair.encoders.estimate;

/**
 * The special functions the estimators and the known-MI tasks need: ψ (digamma), log Γ and the
 * standard normal quantile Φ⁻¹.
 */
final class SpecialFunctions {
    private SpecialFunctions() {}

    /** ψ(x) for x &gt; 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to 10, then the asymptotic series. */
    static double digamma(double x) {
        double result = 0;
        while (x < 10) {
            result -= 1 / x;
            x++;
        }
        double inverse = 1 / x;
        double inverse2 = inverse * inverse;
        return result + Math.log(x) - 0.5 * inverse
                - inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 / 132))));
    }

    /** log Γ(x) for x &gt; 0: the recurrence log Γ(x) = log Γ(x+1) − log x up to 10, then Stirling's series. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("log Γ is taken of positive numbers here, got " + x);
        }
        double shift = 0;
        while (x < 10) {
            shift -= Math.log(x);
            x++;
        }
        double inverse = 1 / x;
        double inverse2 = inverse * inverse;
        double series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680
                - inverse2 / 1188))));
        return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double TAIL = 0.02425;

    /**
     * Φ⁻¹(p), the standard normal quantile, for 0 &lt; p &lt; 1: Acklam's rational approximation
     * (relative error below 1.2e-9), central part and tails.
     */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("the normal quantile needs 0 < p < 1, got " + p);
        }
        if (p < TAIL) {
            return tail(Math.sqrt(-2 * Math.log(p)));
        }
        if (p > 1 - TAIL) {
            return -tail(Math.sqrt(-2 * Math.log1p(-p)));
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
}
