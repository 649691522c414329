package dev.viewpair.encoders.eval;

/**
 * The Wilson score interval of a proportion (Wilson 1927; Brown, Cai &amp; DasGupta 2001): unlike p ± 1.96·√(p(1−p)/n)
 * it stays inside [0, 1] and keeps close to its nominal coverage for small n and p near 0 or 1.
 *
 * @param low the lower end
 * @param high the upper end
 */
public record WilsonInterval(double low, double high) {
    /** The two-sided 95 % normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /**
     * The 95 % interval of {@code successes} out of {@code n} trials; {@code successes} may be fractional (a half for
     * an even score), and so may {@code n} (an effective number of trials). NaN at both ends for {@code n = 0}.
     *
     * @throws IllegalArgumentException when successes lies outside [0, n]
     */
    public static WilsonInterval of95(double successes, double n) {
        return of(successes, n, Z95);
    }

    /**
     * The 95 % interval of {@code successes} out of {@code n} trials that come in clusters, with Kish's
     * {@code designEffect} ({@link DesignEffect}): Wilson's interval at the effective number of trials
     * n / designEffect, the proportion unchanged (Korn &amp; Graubard 1998; Franco, Little, Louis &amp; Slud 2019).
     */
    public static WilsonInterval of95(double successes, long n, double designEffect) {
        if (!(designEffect >= 1)) {
            throw new IllegalArgumentException("the design effect must be at least 1, got " + designEffect);
        }
        return of(successes / designEffect, n / designEffect, Z95);
    }

    /** The interval at normal quantile {@code z}. */
    public static WilsonInterval of(double successes, double n, double z) {
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must lie in [0, " + n + "], got " + successes);
        }
        if (n == 0) {
            return new WilsonInterval(Double.NaN, Double.NaN);
        }
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
