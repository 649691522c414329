package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The closed forms of {@link KnownMi} against independent computations. */
class KnownMiTest {

    @Test
    void gaussianMiMatchesTheOneDimensionalClosedFormAndAddsOverIndependentPairs() {
        for (double rho : new double[] {0.1, 0.5, 0.9}) {
            double oneD = -0.5 * Math.log(1 - rho * rho);
            assertEquals(oneD, KnownMi.gaussian(new double[][] {{1, rho}, {rho, 1}}, 1), 1e-12);
            assertEquals(3 * oneD, KnownMi.gaussian(MiTasks.sparse(5, 4, 3, rho), 5), 1e-12);
        }
        // scaling a coordinate changes nothing
        assertEquals(KnownMi.gaussian(new double[][] {{1, 0.5}, {0.5, 1}}, 1),
                KnownMi.gaussian(new double[][] {{4, 1}, {1, 1}}, 1), 1e-12);
    }

    @Test
    void logDeterminantsMatchTheEquicorrelatedClosedForm() {
        // det((1−ρ)I + ρ11ᵀ) = (1−ρ)^{d−1}(1 + (d−1)ρ)
        for (int d : new int[] {1, 4, 50}) {
            double rho = 0.5;
            double expected = (d - 1) * Math.log(1 - rho) + Math.log(1 + (d - 1) * rho);
            assertEquals(expected, KnownMi.logDet(MiTasks.dense(d, 0, rho)), 1e-10);
        }
        assertEquals(Math.log(4 * 3 - 2 * 2), KnownMi.logDet(new double[][] {{4, 2}, {2, 3}}), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> KnownMi.cholesky(new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    @Test
    void studentTCorrectionMatchesScipyAndVanishesForLargeNu() {
        // scipy.special: gammaln(z/2) − z/2·digamma(z/2) in f(1) + f(3) − 2 f(2), and likewise
        assertEquals(0.2241714275292359, KnownMi.studentTCorrection(1, 1, 1), 1e-10);
        assertEquals(0.8013332558254094, KnownMi.studentTCorrection(1, 5, 5), 1e-10);
        assertEquals(0.32882693003368857, KnownMi.studentTCorrection(5, 10, 10), 1e-10);
        assertTrue(KnownMi.studentTCorrection(1e6, 3, 3) < 1e-4);
    }

    @Test
    void studentTMiMatchesAMonteCarloMeanOfTheLogDensityRatio() {
        record Case(double[][] scale, int dimX, int nu) {}
        var cases = new Case[] {
            new Case(MiTasks.sparse(1, 1, 1, 0.5), 1, 1),
            new Case(MiTasks.sparse(2, 2, 2, 0.5), 2, 2),
            new Case(MiTasks.dense(3, 2, 0.4), 3, 5),
        };
        for (var c : cases) {
            var task = MiTasks.studentT("t", c.scale(), c.dimX(), c.nu());
            int n = 200_000;
            float[][][] xy = task.sample(n, 7);
            int d = c.scale().length;
            double[][] scaleX = KnownMi.block(c.scale(), 0, c.dimX());
            double[][] scaleY = KnownMi.block(c.scale(), c.dimX(), d);
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double[] x = toDoubles(xy[0][i]);
                double[] y = toDoubles(xy[1][i]);
                double[] joint = new double[d];
                System.arraycopy(x, 0, joint, 0, x.length);
                System.arraycopy(y, 0, joint, x.length, y.length);
                double ratio = logT(joint, c.scale(), c.nu()) - logT(x, scaleX, c.nu()) - logT(y, scaleY, c.nu());
                sum += ratio;
                squares += ratio * ratio;
            }
            double mean = sum / n;
            double standardError = Math.sqrt((squares / n - mean * mean) / n);
            assertTrue(standardError < 0.01, "standard error " + standardError);
            assertEquals(mean, task.trueMi(), 4 * standardError + 1e-3, "ν = " + c.nu() + ", " + task.dims());
        }
    }

    /** The log density of a multivariate t with ν degrees of freedom, location 0 and scale Σ, written out. */
    private static double logT(double[] z, double[][] scale, double nu) {
        int d = z.length;
        double[][] l = KnownMi.cholesky(scale);
        double quadratic = 0; // zᵀΣ⁻¹z = |L⁻¹z|², by forward substitution
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            double v = z[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * w[k];
            }
            w[i] = v / l[i][i];
            quadratic += w[i] * w[i];
        }
        return SpecialFunctions.logGamma((nu + d) / 2) - SpecialFunctions.logGamma(nu / 2) - d / 2.0 * Math.log(nu * Math.PI)
                - 0.5 * KnownMi.logDet(scale) - (nu + d) / 2 * Math.log1p(quadratic / nu);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Test
    void uniformNoiseMiMatchesANumericalIntegralOfTheTrapezoid() {
        for (double a : new double[] {0.1, 0.75, 1, 2.5}) {
            // h(Y) = −∫ p log p, p(y) = (min(y, 1) − max(y − a, 0)) / a on [0, 1 + a]; I = h(Y) − log a
            int steps = 1_000_000;
            double width = (1 + a) / steps;
            double entropy = 0;
            for (int i = 0; i < steps; i++) {
                double y = (i + 0.5) * width;
                double p = (Math.min(y, 1) - Math.max(y - a, 0)) / a;
                if (p > 0) {
                    entropy -= p * Math.log(p) * width;
                }
            }
            assertEquals(entropy - Math.log(a), KnownMi.uniformNoise(a), 1e-6, "width " + a);
        }
    }

    @Test
    void uniformNoiseMiMatchesKsgAtLargeN() {
        var task = MiTasks.uniformNoise("u", 0.75);
        float[][][] xy = task.sample(4000, 3);
        assertEquals(task.trueMi(), Ksg.estimate(xy[0], xy[1]), 0.05);
    }

    @Test
    void theMapsAreInvertibleAndIncreasing() {
        var random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            double[] x = {3 * random.nextGaussian(), 3 * random.nextGaussian(), random.nextGaussian()};
            double[] back = MiTasks.spiral(MiTasks.spiral(x, 0.5), -0.5); // the turn keeps |x|: turning back undoes it
            for (int c = 0; c < x.length; c++) {
                assertEquals(x[c], back[c], 1e-9);
            }
            double a = 5 * random.nextGaussian();
            double b = a + Math.abs(random.nextGaussian()) + 1e-3;
            assertTrue(MiTasks.halfCube(a) < MiTasks.halfCube(b) && MiTasks.asinh(a) < MiTasks.asinh(b));
            assertEquals(a, Math.sinh(MiTasks.asinh(a)), 1e-9 * Math.max(1, Math.abs(a)));
            assertEquals(a, Math.signum(MiTasks.halfCube(a)) * Math.pow(Math.abs(MiTasks.halfCube(a)), 2.0 / 3), 1e-9 * Math.max(1, Math.abs(a)));
        }
    }

    @Test
    void gaussianSamplesHaveTheTasksCovariance() {
        double[][] covariance = MiTasks.dense(2, 3, 0.5);
        var task = MiTasks.gaussian("g", "gaussian-dense", covariance, 2);
        int n = 40_000;
        float[][][] xy = task.sample(n, 9);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += value(xy, r, i) * value(xy, r, j);
                }
                assertEquals(covariance[i][j], sum / n, 0.03, "covariance " + i + ", " + j);
            }
        }
    }

    private static double value(float[][][] xy, int row, int c) {
        return c < xy[0][row].length ? xy[0][row][c] : xy[1][row][c - xy[0][row].length];
    }
}
