package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairEstimatorTest {

    @Test
    void estimatesTheMiOfGaussiansOfDifferentWidthsWithAnInterval() {
        // x in 1 dimension, y in 3: only y's first coordinate depends on x
        float[][][] pair = KsgTest.gaussians(3000, 1, 0.8, 5);
        float[][][] noise = KsgTest.gaussians(3000, 2, 0, 6);
        float[][] y = new float[3000][3];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = pair[1][i][0];
            y[i][1] = noise[0][i][0];
            y[i][2] = noise[0][i][1];
        }
        double truth = KsgTest.trueMi(1, 0.8);
        var options = PairEstimator.Options.defaults().withBounds(List.of("smile", "infonce")).withSteps(400).withFolds(3);
        List<PairEstimator.Estimate> estimates = PairEstimator.estimateEach(pair[0], y, options);
        assertEquals(2, estimates.size());
        for (var estimate : estimates) {
            assertEquals(truth, estimate.miNats(), 0.2, estimate.method());
            assertTrue(estimate.ci95Low() < estimate.miNats() && estimate.miNats() < estimate.ci95High(), estimate.toString());
            assertTrue(estimate.ci95High() - estimate.ci95Low() < 0.5, estimate.toString());
        }
        String method = estimates.get(0).method();
        assertTrue(method.startsWith("smile with a separable_mlp critic, 3-fold cross-fitting of 3000 rows: each critic "
                + "trained in batches of 256 on 1600 rows (early stopping on 400 more) and read on its ~768 held-out rows in "
                + "batches of 256, best at steps "), method);
        // the estimate is the mean of the three folds' readings, the interval Student's t over them (2 degrees of freedom)
        double[] folds = Arrays.stream(method.replaceAll(".*fold estimates ([^;]*);.*", "$1").split(", "))
                .mapToDouble(Double::parseDouble).toArray();
        assertEquals(3, folds.length, method);
        var fromFolds = PairEstimator.interval(folds, "");
        assertEquals(fromFolds.miNats(), estimates.get(0).miNats(), 5e-4, method);
        assertEquals(fromFolds.ci95High() - fromFolds.ci95Low(), estimates.get(0).ci95High() - estimates.get(0).ci95Low(),
                2e-3, method);
    }

    @Test
    void crossFittedIntervalsHoldTheTruthOfAGaussianPairOnMostDraws() {
        // ρ = 0.6 in one dimension: I = −½ log(1 − 0.36) = 0.223 nats; six draws, each with its own five critics
        double truth = KsgTest.trueMi(1, 0.6);
        int held = 0;
        var widths = new ArrayList<Double>();
        for (int draw = 0; draw < 6; draw++) {
            float[][][] pair = KsgTest.gaussians(2000, 1, 0.6, 100 + draw);
            var estimate = PairEstimator.estimate(pair[0], pair[1], PairEstimator.Options.defaults().withSteps(300)
                    .withSeed(draw));
            if (estimate.ci95Low() <= truth && truth <= estimate.ci95High()) {
                held++;
            }
            widths.add(estimate.ci95High() - estimate.ci95Low());
        }
        // an exact 95% interval holds the truth on at least 4 of 6 draws but for a chance of 0.2% (binomial)
        assertTrue(held >= 4, "the truth " + truth + " in " + held + " of 6 intervals, widths " + widths);
        assertTrue(widths.stream().allMatch(w -> w > 0 && w < 0.3), "intervals of a usable width: " + widths);
    }

    @Test
    void bothReadOutsOfTheSameCriticsFindTheMiOfAGaussianPair() {
        // ρ = 0.8 in one dimension: I = −½ log(1 − 0.64) = 0.511 nats
        double truth = KsgTest.trueMi(1, 0.8);
        float[][][] pair = KsgTest.gaussians(3000, 1, 0.8, 7);
        var readouts = PairEstimator.estimateReadouts(pair[0], pair[1], PairEstimator.Options.defaults().withSteps(400)
                .withFolds(3));
        assertEquals(List.of(PairEstimator.Readout.BOUND, PairEstimator.Readout.LOG_RATIO), List.copyOf(readouts.keySet()));
        var logRatio = readouts.get(PairEstimator.Readout.LOG_RATIO);
        var bound = readouts.get(PairEstimator.Readout.BOUND);
        for (var estimate : readouts.values()) {
            assertEquals(truth, estimate.miNats(), 0.1, estimate.method());
            assertTrue(estimate.ci95Low() < estimate.miNats() && estimate.miNats() < estimate.ci95High(), estimate.toString());
        }
        // the same critics: the log-ratio estimate's detail lists the bound read-out's folds, whose mean is the other
        String method = logRatio.method();
        assertTrue(method.contains("log-ratio read-out, fold estimates "), method);
        double[] boundFolds = Arrays.stream(method.replaceAll(".*the bound read-out's folds ([^;]*);.*", "$1").split(", "))
                .mapToDouble(Double::parseDouble).toArray();
        assertEquals(bound.miNats(), Arrays.stream(boundFolds).average().orElseThrow(), 5e-4, method);
        assertEquals(logRatio, PairEstimator.estimate(pair[0], pair[1], PairEstimator.Options.defaults().withSteps(400)
                .withFolds(3)));
        // InfoNCE's optimal critic is the log ratio plus a function of x: only its bound is read
        var infonce = PairEstimator.estimateReadouts(pair[0], pair[1], PairEstimator.Options.defaults()
                .withBounds(List.of("infonce")).withSteps(50).withFolds(2));
        assertEquals(List.of(PairEstimator.Readout.BOUND), List.copyOf(infonce.keySet()));
    }

    @Test
    void theLogRatioReadOutIsRefusedForBoundsWhoseCriticsAimElsewhere() {
        var defaults = PairEstimator.Options.defaults();
        assertEquals(PairEstimator.Readout.LOG_RATIO, defaults.readout());
        var refused = assertThrows(IllegalArgumentException.class,
                () -> defaults.withBounds(List.of("nwj")).withReadout(PairEstimator.Readout.LOG_RATIO));
        assertTrue(refused.getMessage().contains("[nwj] aim elsewhere"), refused.getMessage());
        assertEquals(PairEstimator.Readout.BOUND, defaults.withBounds(List.of("smile", "dv")).readout());
        assertEquals(PairEstimator.Readout.LOG_RATIO, defaults.withBounds(List.of("js")).readout());
        assertEquals(PairEstimator.Readout.BOUND, PairEstimator.Readout.forBound("infonce"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> PairEstimator.Readout.parse("ratio"));
        assertTrue(unknown.getMessage().contains("known: bound, log-ratio"), unknown.getMessage());
    }

    @Test
    void intervalsUseStudentsT() {
        var estimate = PairEstimator.interval(new double[] {1, 2, 3}, "m");
        assertEquals(2, estimate.miNats(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), estimate.ci95Low(), 1e-9);
        assertEquals(2.0395, PairEstimator.studentT975(31), 1e-3);
        assertEquals(1.96, PairEstimator.studentT975(100_000), 1e-3);
    }

    @Test
    void badInputAndOptionsAreNamed() {
        var short_ = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.estimate(new float[][] {{1}, {2}, {3}}, new float[][] {{1}, {2}, {3}}));
        assertTrue(short_.getMessage().contains("at least 20 rows"), short_.getMessage());
        var bound = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.Options.defaults().withBounds(List.of("smiel")));
        assertTrue(bound.getMessage().contains("unknown bound 'smiel'"), bound.getMessage());
        var ba = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.Options.defaults().withBounds(List.of("ba")));
        assertTrue(ba.getMessage().contains("H(Y)"), ba.getMessage());
        var folds = assertThrows(IllegalArgumentException.class, () -> PairEstimator.Options.defaults().withFolds(1));
        assertTrue(folds.getMessage().contains("at least 2 folds"), folds.getMessage());
        var few = assertThrows(IllegalArgumentException.class,
                () -> PairEstimator.estimate(new float[12][1], new float[12][1], PairEstimator.Options.defaults()));
        assertTrue(few.getMessage().contains("at least 20 rows for 5 folds"), few.getMessage());
        var two = assertThrows(IllegalArgumentException.class, () -> PairEstimator.estimate(new float[8][1], new float[8][1],
                PairEstimator.Options.defaults().withBounds(List.of("js", "nwj"))));
        assertTrue(two.getMessage().contains("estimateEach"), two.getMessage());
    }
}
