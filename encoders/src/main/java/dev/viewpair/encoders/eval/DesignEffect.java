package dev.viewpair.encoders.eval;

/**
 * Kish's design effect of a proportion over trials that come in clusters (Kish 1965, <i>Survey Sampling</i>):
 * the variance of the pooled proportion p = Σ sᵢ / Σ nᵢ across clusters, over the variance it would have were all
 * N = Σ nᵢ trials independent, p(1 − p) / N. The variance across clusters is the linearization (ratio-estimator)
 * variance Σ (sᵢ − p·nᵢ)² / N², the one a bootstrap over clusters estimates; so
 *
 * <pre>deff = Σ (sᵢ − p·nᵢ)² / (N · p(1 − p))</pre>
 *
 * which for equal clusters is Pearson's χ² of homogeneity over the number of clusters. It is 1 for independent trials
 * (in expectation, (m − 1) / m for m clusters), the cluster size for clusters all of one outcome, and
 * 1 + (n − 1)·ρ for clusters of n trials with intra-cluster correlation ρ. An estimate below 1 (clusters more alike
 * than chance makes them) is taken as 1: never narrower than counting every trial as independent.
 */
public final class DesignEffect {
    private DesignEffect() {}

    /**
     * The design effect of {@code successes[i]} out of {@code trials[i]} in cluster i (successes may be fractional: a
     * half for an even score); 1 where p is 0 or 1 or there are no trials, as nothing then varies.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a cluster's successes lie outside
     *     [0, its trials]
     */
    public static double of(double[] successes, long[] trials) {
        if (successes.length != trials.length) {
            throw new IllegalArgumentException(successes.length + " clusters of successes but " + trials.length + " of trials");
        }
        double s = 0;
        long n = 0;
        for (int i = 0; i < trials.length; i++) {
            if (successes[i] < 0 || successes[i] > trials[i]) {
                throw new IllegalArgumentException("cluster " + i + ": successes must lie in [0, " + trials[i] + "], got " + successes[i]);
            }
            s += successes[i];
            n += trials[i];
        }
        double p = n == 0 ? 0 : s / n;
        if (p <= 0 || p >= 1) {
            return 1;
        }
        double spread = 0;
        for (int i = 0; i < trials.length; i++) {
            double d = successes[i] - p * trials[i];
            spread += d * d;
        }
        return Math.max(1, spread / (n * p * (1 - p)));
    }
}
