package dev.viewpair.encoders.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Kish's design effect and Wilson's interval at the effective number of trials, from known answers. */
class DesignEffectTest {
    /**
     * Clusters all of one outcome (every video's 16 trials all won or all lost) carry one trial's worth each: the
     * design effect is the cluster size and the interval is Wilson's over one trial per cluster.
     */
    @Test
    void clustersOfOneOutcomeCountAsOneTrialEach() {
        int clusters = 50;
        int size = 16;
        var successes = new double[clusters];
        var trials = new long[clusters];
        Arrays.fill(trials, size);
        for (int i = 0; i < 37; i++) {
            successes[i] = size;
        }
        double deff = DesignEffect.of(successes, trials);
        assertEquals(size, deff, 1e-12);
        var clustered = WilsonInterval.of95(37.0 * size, (long) clusters * size, deff);
        var onePerCluster = WilsonInterval.of95(37, clusters);
        assertEquals(onePerCluster.low(), clustered.low(), 1e-12);
        assertEquals(onePerCluster.high(), clustered.high(), 1e-12);
    }

    /**
     * For equal clusters the design effect times the number of clusters is Pearson's χ² of homogeneity of the
     * clusters × {won, lost} table, worked by hand here: 3 clusters of 4, won 4, 2, 0 (p = 1/2, expected 2 each):
     * χ² = Σ (o − e)² / e over the 6 cells = (4 + 0 + 4) · 2 / 2 = 8, so deff = 8 / 3.
     */
    @Test
    void equalClustersGivePearsonsChiSquarePerCluster() {
        assertEquals(8.0 / 3, DesignEffect.of(new double[] {4, 2, 0}, new long[] {4, 4, 4}), 1e-12);
        // clusters more alike than chance (every one won exactly half): taken as 1, never narrower than independent
        assertEquals(1, DesignEffect.of(new double[] {2, 2, 2}, new long[] {4, 4, 4}), 0);
        assertEquals(1, DesignEffect.of(new double[] {4, 4}, new long[] {4, 4}), 0, "p = 1: nothing varies");
        assertEquals(1, DesignEffect.of(new double[0], new long[0]), 0);
    }

    /**
     * Independent trials: 400 clusters of 16 Bernoulli(0.93) draws, the held-out evaluation's shape. The design effect
     * is then Pearson's χ² with 399 degrees of freedom over 400 (mean 0.9975, standard deviation √(2·399)/400 =
     * 0.071), taken as 1 when below it, so the interval's width is Wilson's over all 6,400 trials times √deff: within
     * [1, 1.10] of it at three standard deviations (√(1 + 3 · 0.071) = 1.10), and here, with a fixed seed, checked so.
     */
    @Test
    void independentTrialsGiveWilsonsIntervalOverAllTrials() {
        var random = new SplittableRandom(16);
        for (int run = 0; run < 20; run++) {
            var sample = draw(random, 400, 16, 0.93, 0);
            double deff = DesignEffect.of(sample.successes, sample.trials);
            double won = Arrays.stream(sample.successes).sum();
            var wilson = WilsonInterval.of95(won, 6400);
            var clustered = WilsonInterval.of95(won, 6400, deff);
            double ratio = (clustered.high() - clustered.low()) / (wilson.high() - wilson.low());
            assertTrue(ratio >= 1 - 1e-12 && ratio <= 1.10, "run " + run + ": deff " + deff + ", width ratio " + ratio);
            assertEquals((wilson.low() + wilson.high()) / 2, (clustered.low() + clustered.high()) / 2, 0.002,
                    "the centre moves only by Wilson's shrinkage to 1/2 at a smaller n");
        }
    }

    /**
     * Correlated trials from a known model: each of 400 clusters of 16 wins with probability 0.8 + 0.15 or
     * 0.8 − 0.15 (a coin per cluster). The intra-cluster correlation is ρ = 0.15² / (0.8 · 0.2) = 0.140625, so the design
     * effect is 1 + 15ρ = 3.109 (Kish). Over 2,000 such evaluations the estimate averages within 2 % of it (its own
     * spread is about 0.14 per evaluation, 0.003 over the mean), and the interval at the effective number of trials
     * covers the true 0.8 in 93–97 % of them (95 % nominal; ± 4 standard deviations of a proportion over 2,000), while
     * Wilson's over all trials, too narrow by √3.1, covers it in under 80 % (about 73 % expected).
     */
    @Test
    void correlatedTrialsGetTheirKnownDesignEffectAndCoverage() {
        var random = new SplittableRandom(7);
        int evaluations = 2000;
        double deffSum = 0;
        int covered = 0;
        int coveredIndependent = 0;
        for (int e = 0; e < evaluations; e++) {
            var sample = draw(random, 400, 16, 0.8, 0.15);
            double deff = DesignEffect.of(sample.successes, sample.trials);
            double won = Arrays.stream(sample.successes).sum();
            deffSum += deff;
            var clustered = WilsonInterval.of95(won, 6400, deff);
            covered += clustered.low() <= 0.8 && 0.8 <= clustered.high() ? 1 : 0;
            var independent = WilsonInterval.of95(won, 6400);
            coveredIndependent += independent.low() <= 0.8 && 0.8 <= independent.high() ? 1 : 0;
        }
        assertEquals(1 + 15 * 0.140625, deffSum / evaluations, 0.02 * 3.109);
        double coverage = covered / (double) evaluations;
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
        assertTrue(coveredIndependent / (double) evaluations < 0.80, "independent coverage " + coveredIndependent / (double) evaluations);
    }

    @Test
    void badInputsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DesignEffect.of(new double[] {3}, new long[] {2}));
        assertTrue(e.getMessage().contains("cluster 0") && e.getMessage().contains("[0, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DesignEffect.of(new double[] {1}, new long[] {2, 2}));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(1, 2, 0.5));
    }

    private record Sample(double[] successes, long[] trials) {}

    /** {@code clusters} clusters of {@code size} trials, each cluster winning with p + spread or p − spread. */
    private static Sample draw(SplittableRandom random, int clusters, int size, double p, double spread) {
        var successes = new double[clusters];
        var trials = new long[clusters];
        for (int i = 0; i < clusters; i++) {
            double pi = p + (random.nextBoolean() ? spread : -spread);
            int won = 0;
            for (int t = 0; t < size; t++) {
                won += random.nextDouble() < pi ? 1 : 0;
            }
            successes[i] = won;
            trials[i] = size;
        }
        return new Sample(successes, trials);
    }
}
