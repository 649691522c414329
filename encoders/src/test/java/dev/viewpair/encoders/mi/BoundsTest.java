package dev.viewpair.encoders.mi;

import static dev.viewpair.encoders.mi.SampleStats.mean;
import static dev.viewpair.encoders.mi.SampleStats.standardError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bound against known answers: analytic critics on correlated Gaussians, and plain-Java recomputation. */
class BoundsTest {
    private static final int K = 64;
    private static final int BATCHES = 200;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double value(Bound bound, float[] scores, int k) {
        try (NDManager scope = manager.newSubManager()) {
            return bound.estimate(scope.create(scores, new Shape(k, k))).getFloat();
        }
    }

    /** Per-batch estimates of a fresh bound over BATCHES batches (same seed: the same batches for every bound). */
    private static double[] estimates(Supplier<Bound> bound, Function<float[], float[]> critic, double mi, int dim) {
        var data = new CorrelatedGaussians(dim, mi, 42);
        Bound instance = bound.get();
        double[] out = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            double[][][] batch = data.sample(K);
            out[b] = value(instance, critic.apply(data.logRatioOrConditional(batch, instance)), K);
        }
        return out;
    }

    private static Function<float[], float[]> plus(float constant) {
        return scores -> {
            float[] out = scores.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] += constant;
            }
            return out;
        };
    }

    private static Function<float[], float[]> times(float factor) {
        return scores -> {
            float[] out = scores.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= factor;
            }
            return out;
        };
    }

    @Test
    void everyLowerBoundStaysBelowTheTrueMiWithTheAnalyticCritic() {
        double mi = 2;
        int dim = 2;
        double entropy = new CorrelatedGaussians(dim, mi, 0).entropyOfY();
        for (String name : Bounds.standard().names()) {
            if (Bounds.standard().get(name).isUpper()) {
                continue;
            }
            Map<String, Object> params = name.equals("ba") ? Map.of("entropy", entropy) : Map.of();
            double[] values = estimates(() -> Bounds.create(name, params), Function.identity(), mi, dim);
            double mean = mean(values);
            double error = standardError(values);
            assertTrue(mean <= mi + 3 * error + 1e-3,
                    name + ": mean " + mean + " ± " + error + " above the true MI " + mi);
            assertTrue(mean > 0, name + ": mean " + mean);
        }
    }

    @Test
    void nwjAtOnePlusLogRatioAndBarberAgakovAtTheTrueConditionalAreUnbiased() {
        double mi = 2;
        int dim = 2;
        double[] nwj = estimates(Nwj::new, plus(1), mi, dim);
        assertEquals(mi, mean(nwj), 4 * standardError(nwj), "NWJ at 1 + log r");
        // JS read-out is NWJ at f + 1, so at the JS-optimal critic log r it is unbiased too
        double[] js = estimates(JensenShannon::new, Function.identity(), mi, dim);
        assertEquals(mi, mean(js), 4 * standardError(js), "JS read-out at log r");
        double entropy = new CorrelatedGaussians(dim, mi, 0).entropyOfY();
        double[] ba = estimates(() -> new BarberAgakov(entropy), Function.identity(), mi, dim);
        assertEquals(mi, mean(ba), 4 * standardError(ba), "Barber-Agakov with q = p(y|x)");
    }

    @Test
    void upperBoundsStayAboveTheTrueMi() {
        double mi = 2;
        for (Supplier<Bound> bound : List.<Supplier<Bound>>of(LeaveOneOut::new, Club::new)) {
            double[] values = estimates(bound, Function.identity(), mi, 2);
            double mean = mean(values);
            assertTrue(bound.get().isUpper());
            assertTrue(mean >= mi - 3 * standardError(values), bound.get() + ": mean " + mean + " below " + mi);
        }
        // CLUB at the true conditional is strictly above: E_q[−log p(y|x)] exceeds H(Y|X)
        assertTrue(mean(estimates(Club::new, Function.identity(), mi, 2)) > mi + 0.5);
    }

    @Test
    void ceilingsHoldOnEveryBatch() {
        var data = new CorrelatedGaussians(4, 6, 7);
        var random = new Random(8);
        var alphas = new double[] {0.01, 0.5, 1};
        for (int b = 0; b < 50; b++) {
            float[] analytic = data.logRatio(data.sample(K));
            float[] noise = new float[K * K];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (random.nextGaussian() * 20);
            }
            for (float[] scores : List.of(analytic, times(5).apply(analytic), noise)) {
                double infoNce = value(new InfoNce(false), scores, K);
                assertTrue(infoNce <= Math.log(K) + 1e-5, "InfoNCE " + infoNce);
                for (double alpha : alphas) {
                    var bound = new Interpolated(alpha);
                    double estimate = value(bound, scores, K);
                    assertTrue(estimate <= 1 + Math.log((K - 1) / alpha) + 1e-4, "I_alpha " + alpha + ": " + estimate);
                    assertEquals(1 + Math.log((K - 1) / alpha), bound.logK(K), 1e-12);
                }
            }
        }
        assertEquals(Math.log(K), new InfoNce(false).logK(K), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, new Interpolated(0).logK(K));
        assertEquals(Double.POSITIVE_INFINITY, new Nwj().logK(K));
    }

    @Test
    void donskerVaradhanIgnoresAConstantAddedToTheCritic() {
        var data = new CorrelatedGaussians(2, 1, 3);
        for (int b = 0; b < 5; b++) {
            float[] scores = data.logRatio(data.sample(16));
            double plain = value(new DonskerVaradhan(), scores, 16);
            for (float constant : new float[] {-7.5f, 3.25f, 60f}) {
                assertEquals(plain, value(new DonskerVaradhan(), plus(constant).apply(scores), 16), 2e-5 * (1 + Math.abs(constant)));
                assertEquals(plain, value(new Mine(0.01), plus(constant).apply(scores), 16), 2e-5 * (1 + Math.abs(constant)));
            }
        }
    }

    /** Plain-double recomputation of every bound from its formula, on small random matrices. */
    @Test
    void valuesEqualTheirFormulasRecomputedInDouble() {
        var random = new Random(5);
        for (int k : new int[] {2, 3, 7}) {
            for (int trial = 0; trial < 4; trial++) {
                float[] s = new float[k * k];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) (random.nextGaussian() * 3);
                }
                double positives = 0;
                for (int i = 0; i < k; i++) {
                    positives += s[i * k + i];
                }
                positives /= k;
                double negatives = 0;
                double expNegatives = 0;
                double expClipped = 0;
                double jsNegatives = 0;
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        if (i != j) {
                            negatives += s[i * k + j];
                            expNegatives += Math.exp(s[i * k + j]);
                            expClipped += Math.exp(Math.max(-2, Math.min(2, s[i * k + j])));
                        }
                    }
                }
                int pairs = k * (k - 1);
                negatives /= pairs;
                expNegatives /= pairs;
                expClipped /= pairs;
                double tolerance = 1e-4;
                assertEquals(positives - expNegatives / Math.E, value(new Nwj(), s, k), tolerance, "nwj");
                assertEquals(positives - Math.log(expNegatives), value(new DonskerVaradhan(), s, k), tolerance, "dv");
                assertEquals(positives - Math.log(expNegatives), value(new Mine(0.5), s, k), tolerance, "mine");
                assertEquals(1 + positives - expNegatives, value(new JensenShannon(), s, k), tolerance, "js");
                assertEquals(positives - Math.log(expClipped), value(new Smile(2), s, k), tolerance, "smile");
                assertEquals(positives + 1.5, value(new BarberAgakov(1.5), s, k), tolerance, "ba");
                assertEquals(positives - negatives, value(new Club(), s, k), tolerance, "club");
                assertEquals(leaveOneOut(s, k), value(new LeaveOneOut(), s, k), tolerance, "loo");
                for (double alpha : new double[] {0, 0.3, 1}) {
                    assertEquals(interpolated(s, k, alpha), value(new Interpolated(alpha), s, k), tolerance, "I_alpha " + alpha);
                }
                // TUBA: the first batch uses its own mean (= DV), later ones the moving average of earlier batches
                var tuba = new Tuba(0.25);
                assertEquals(positives - Math.log(expNegatives), value(tuba, s, k), tolerance, "tuba first");
                double second = value(tuba, s, k);
                assertEquals(1 + positives - Math.log(expNegatives) - 1, second, tolerance, "tuba, same batch again");
                assertEquals(Math.log(expNegatives), tuba.logBaseline(), 1e-4);
            }
        }
    }

    private static double leaveOneOut(float[] s, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double others = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    others += Math.exp(s[j * k + i]);
                }
            }
            sum += s[i * k + i] - Math.log(others / (k - 1));
        }
        return sum / k;
    }

    /** I_α by its definition, with the contexts of {@link Interpolated}'s Javadoc. */
    private static double interpolated(float[] s, int k, double alpha) {
        double positive = 0;
        for (int i = 0; i < k; i++) {
            double m = 0;
            for (int row = 0; row < k; row++) {
                if (row != (i + 1) % k) {
                    m += Math.exp(s[row * k + i]);
                }
            }
            positive += s[i * k + i] - Math.log(alpha * m / (k - 1) + (1 - alpha));
        }
        double negative = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (a == b) {
                    continue;
                }
                double m = 0;
                for (int row = 0; row < k; row++) {
                    if (row != b) {
                        m += Math.exp(s[row * k + b]);
                    }
                }
                negative += Math.exp(s[a * k + b]) / (alpha * m / (k - 1) + (1 - alpha));
            }
        }
        return 1 + positive / k - negative / (k * (k - 1));
    }

    private static float[] gradient(Bound bound, float[] scores, int k) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray array = scope.create(scores, new Shape(k, k));
            array.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(bound.estimate(array));
            }
            return array.getGradient().toFloatArray();
        }
    }

    @Test
    void maskedEntriesGetExactlyZeroGradientAndTheRestTheSoftmax() {
        int k = 5;
        float[] s = new float[k * k];
        var random = new Random(1);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                s[i * k + j] = i == j ? 1e4f : (float) random.nextGaussian(); // a leaking diagonal would dominate
            }
        }
        float[] dv = gradient(new DonskerVaradhan(), s, k);
        double total = 0;
        double softmax = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    softmax += Math.exp(s[i * k + j]);
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                float g = dv[i * k + j];
                if (i == j) {
                    assertEquals(1.0 / k, g, 1e-7, "positive " + i); // the mean's share only
                } else {
                    assertEquals(-Math.exp(s[i * k + j]) / softmax, g, 1e-6, "negative " + i + "," + j);
                    total += g;
                }
            }
        }
        assertEquals(-1, total, 1e-5);
    }

    @Test
    void mineUsesTheMovingAverageInItsGradient() {
        int k = 4;
        var random = new Random(2);
        float[] first = new float[k * k];
        float[] second = new float[k * k];
        for (int i = 0; i < first.length; i++) {
            first[i] = (float) random.nextGaussian();
            second[i] = (float) (random.nextGaussian() + 1);
        }
        var mine = new Mine(0.1);
        float[] firstGradient = gradient(mine, first, k);
        float[] dvGradient = gradient(new DonskerVaradhan(), first, k);
        for (int i = 0; i < first.length; i++) {
            assertEquals(dvGradient[i], firstGradient[i], 1e-6, "first batch: the average is the batch mean");
        }
        double firstMean = offDiagonalExpMean(first, k);
        double average = 0.9 * firstMean + 0.1 * offDiagonalExpMean(second, k);
        float[] g = gradient(mine, second, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double expected = i == j ? 1.0 / k : -Math.exp(second[i * k + j]) / (k * (k - 1)) / average;
                assertEquals(expected, g[i * k + j], 1e-6, i + "," + j);
            }
        }
    }

    private static double offDiagonalExpMean(float[] s, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    sum += Math.exp(s[i * k + j]);
                }
            }
        }
        return sum / (k * (k - 1));
    }

    @Test
    void jsAndSmileTrainWithTheJensenShannonGradient() {
        int k = 3;
        float[] s = {0.5f, -1, 2, 0.3f, 1.5f, -0.2f, 4, 0.1f, -2};
        for (Bound bound : new Bound[] {new JensenShannon(), new Smile(1)}) {
            float[] g = gradient(bound, s, k);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double x = s[i * k + j];
                    // d/dx of −softplus(−x)/K is σ(−x)/K; of −softplus(x)/(K(K−1)) is −σ(x)/(K(K−1))
                    double expected = i == j ? 1 / (1 + Math.exp(x)) / k : -1 / (1 + Math.exp(-x)) / (k * (k - 1));
                    assertEquals(expected, g[i * k + j], 1e-6, bound + " " + i + "," + j);
                }
            }
        }
    }

    @Test
    void scoresOfTenThousandGiveFiniteValuesAndGradients() {
        int k = 8;
        var random = new Random(4);
        List<float[]> cases = new ArrayList<>();
        for (float sign : new float[] {1, -1}) {
            float[] s = new float[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    s[i * k + j] = (i == j ? 1e4f : -1e4f) * sign;
                }
            }
            cases.add(s);
        }
        float[] mixed = new float[k * k];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = random.nextBoolean() ? 1e4f : -1e4f;
        }
        cases.add(mixed);
        cases.add(plus(1e4f).apply(new float[k * k]));
        for (String name : Bounds.standard().names()) {
            for (float[] s : cases) {
                Bound bound = Bounds.create(name, Map.of());
                double estimate = value(bound, s, k);
                assertTrue(Double.isFinite(estimate), name + " gave " + estimate);
                for (float g : gradient(Bounds.create(name, Map.of()), s, k)) {
                    assertTrue(Float.isFinite(g), name + " gradient " + g);
                }
            }
        }
    }

    @Test
    void factoryBuildsEveryVocabularyBoundWithItsParameters() {
        for (String name : Bounds.standard().names()) {
            Bound bound = Bounds.create(name, null);
            assertEquals(List.of("loo", "club", "vib").contains(name), bound.isUpper(), name);
            assertEquals(Bounds.standard().get(name).critic().isPresent(), bound.needsLogDensity() || bound.needsPosterior(),
                    name);
        }
        assertEquals(new Interpolated(0.2), Bounds.create("interpolated", Map.of("alpha", 0.2)));
        assertEquals(new Smile(3), Bounds.create("smile", Map.of("tau", 3)));
        assertEquals(new BarberAgakov(-2.5), Bounds.create("ba", Map.of("entropy", -2.5)));
        assertEquals(0.05, assertInstanceOf(Mine.class, Bounds.create("mine", Map.of("ema", 0.05))).ema());
        assertEquals(Bounds.DEFAULT_EMA, assertInstanceOf(Tuba.class, Bounds.create("tuba", Map.of())).ema());
        for (var bad : List.of(Map.<String, Object>of("alpha", 1.5), Map.<String, Object>of("alpha", -0.1))) {
            var e = assertThrows(IllegalArgumentException.class, () -> Bounds.create("interpolated", bad));
            assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        }
        var ema = assertThrows(IllegalArgumentException.class, () -> Bounds.create("mine", Map.of("ema", 0)));
        assertTrue(ema.getMessage().contains("(0, 1]"), ema.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bounds.create("smile", Map.of("tau", -1)));
        assertThrows(IllegalArgumentException.class, () -> Bounds.create("ba", Map.of("entropy", "high")));
        var key = assertThrows(IllegalArgumentException.class, () -> Bounds.create("nwj", Map.of("alpha", 0.5)));
        assertTrue(key.getMessage().contains("takes none"), key.getMessage());
        assertFalse(new Nwj().isUpper());
    }

    @Test
    void boundsRejectBatchesTooSmallForNegatives() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Nwj().estimate(manager.zeros(new Shape(1, 1))));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Club().estimate(manager.zeros(new Shape(2, 3))));
    }
}
