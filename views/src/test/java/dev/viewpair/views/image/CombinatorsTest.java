package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** {@code random_apply} and {@code one_of}: torchvision's RandomApply and RandomChoice, seeded. */
class CombinatorsTest {
    private static final Mat PHOTO = photo(24, 32);
    private static final OpCatalog CATALOG = OpCatalog.standard();
    private static final Map<String, Object> JITTER = Map.of("brightness", 0.8, "contrast", 0.8, "saturation", 0.8, "hue", 0.2);

    private static ViewTensor view(List<OpSpec> ops, long seed) {
        var chain = ViewChain.build(new ViewSpec("v", Modality.IMAGE, ops), CATALOG);
        return chain.apply(PHOTO, new ViewContext(Rng.forView(seed, 0, "s", "v"), 0));
    }

    private static OpSpec randomApply(double p, Object... ops) {
        return new OpSpec("random_apply", Map.of("p", p, "ops", List.of(ops)));
    }

    @Test
    void bothCombinatorsAreInTheCatalogueAtEveryStageThatKeepsItsKind() {
        for (var stage : List.of(Stage.IMAGE, Stage.WAVEFORM, Stage.SPECTROGRAM)) {
            assertTrue(CATALOG.find("random_apply", stage).isPresent(), stage.toString());
            assertTrue(CATALOG.find("one_of", stage).isPresent(), stage.toString());
        }
        assertTrue(CATALOG.find("random_apply", Stage.VIDEO).isEmpty(), "no video op keeps a video");
        assertEquals(0.5, CATALOG.find("random_apply", Stage.IMAGE).orElseThrow().defaultProbability(), "torchvision's default p");
    }

    @Test
    void randomApplyWithPZeroIsTheIdentityAndWithPOneIsTheOpsAlone() {
        var nested = List.<Object>of(Map.of("color_jitter", JITTER), Map.of("grayscale", Map.of("p", 0.5)));
        var alone = List.of(new OpSpec("color_jitter", JITTER), new OpSpec("grayscale", Map.of("p", 0.5)));
        var identity = view(List.of(), 0);
        int grey = 0;
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(identity, view(List.of(randomApply(0, nested.toArray())), seed), "p = 0, seed " + seed);
            var both = view(alone, seed);
            assertEquals(both, view(List.of(randomApply(1, nested.toArray())), seed), "p = 1, seed " + seed);
            grey += isGrey(both) ? 1 : 0;
        }
        assertTrue(grey > 0 && grey < 20, "the nested grayscale keeps its own p = 0.5: " + grey + " of 20 grey");
    }

    @Test
    void randomApplyAppliesAllItsOpsOrNoneWithProbabilityP() {
        var identity = view(List.of(), 0);
        var all = view(List.of(OpSpec.of("grayscale"), new OpSpec("solarize", Map.of("p", 1.0))), 0);
        assertNotEquals(identity, all);
        int n = 600;
        int applied = 0;
        for (long seed = 0; seed < n; seed++) {
            var v = view(List.of(randomApply(0.8, "grayscale", Map.of("solarize", Map.of("p", 1.0)))), seed);
            assertTrue(v.equals(identity) || v.equals(all), "seed " + seed + " applied only part of the ops");
            applied += v.equals(all) ? 1 : 0;
        }
        // binomial(600, 0.8): sd ≈ 9.8; four of them either side
        assertEquals(0.8 * n, applied, 40, "applied " + applied + " of " + n);
    }

    @Test
    void anOpsOwnPIsRandomApplyOfThatOpAlone() {
        for (long seed = 0; seed < 30; seed++) {
            assertEquals(view(List.of(new OpSpec("hflip", Map.of("p", 0.3))), seed),
                    view(List.of(randomApply(0.3, Map.of("hflip", Map.of("p", 1.0)))), seed), "seed " + seed);
        }
    }

    @Test
    void oneOfPicksEachOptionWithItsDeclaredWeight() {
        var options = List.<Object>of("grayscale", Map.of("hflip", Map.of("p", 1.0)), Map.of("solarize", Map.of("p", 1.0)));
        double[] weights = {1, 2, 5};
        var outcomes = List.of(view(List.of(OpSpec.of("grayscale")), 0), view(List.of(new OpSpec("hflip", Map.of("p", 1.0))), 0),
                view(List.of(new OpSpec("solarize", Map.of("p", 1.0))), 0));
        var oneOf = new OpSpec("one_of", Map.of("ops", options, "weights", List.of(1, 2, 5)));
        int n = 1600;
        var counts = new int[3];
        for (long seed = 0; seed < n; seed++) {
            int i = outcomes.indexOf(view(List.of(oneOf), seed));
            assertTrue(i >= 0, "seed " + seed + " gave none of the options alone");
            counts[i]++;
        }
        double chi2 = 0;
        for (int i = 0; i < 3; i++) {
            double expected = n * weights[i] / 8;
            chi2 += Math.pow(counts[i] - expected, 2) / expected;
        }
        // chi-square with 2 degrees of freedom: P(χ² > 13.8) = 0.001
        assertTrue(chi2 < 13.8, "counts " + java.util.Arrays.toString(counts) + ", χ² = " + chi2);
    }

    @Test
    void oneOfWithoutWeightsChoosesEvenly() {
        var oneOf = new OpSpec("one_of", Map.of("ops", List.of("grayscale", Map.of("hflip", Map.of("p", 1.0)))));
        var grey = view(List.of(OpSpec.of("grayscale")), 0);
        int n = 400;
        int greys = 0;
        for (long seed = 0; seed < n; seed++) {
            greys += view(List.of(oneOf), seed).equals(grey) ? 1 : 0;
        }
        assertEquals(n / 2.0, greys, 40, greys + " of " + n); // sd 10
    }

    @Test
    void badNestedOpsAreRefusedWithTheOpNamed() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> view(List.of(randomApply(0.5, "grayscal")), 0));
        assertTrue(unknown.getMessage().contains("unknown op 'grayscal' — did you mean 'grayscale'?"), unknown.getMessage());
        var stage = assertThrows(IllegalArgumentException.class, () -> view(List.of(randomApply(0.5, "log_mel")), 0));
        assertTrue(stage.getMessage().contains("'log_mel' cannot take image"), stage.getMessage());
        var family = assertThrows(IllegalArgumentException.class, () -> view(List.of(randomApply(0.5, "lab_split")), 0));
        assertTrue(family.getMessage().contains("'lab_split' makes several views"), family.getMessage());
        var weights = assertThrows(IllegalArgumentException.class, () -> view(List.of(
                new OpSpec("one_of", Map.of("ops", List.of("grayscale", "hflip"), "weights", List.of(1, 2, 3)))), 0));
        assertTrue(weights.getMessage().contains("one_of has 2 ops but 3 weights"), weights.getMessage());
    }

    private static boolean isGrey(ViewTensor t) {
        int plane = t.shape()[1] * t.shape()[2];
        for (int i = 0; i < plane; i++) {
            if (t.data()[i] != t.data()[plane + i] || t.data()[i] != t.data()[2 * plane + i]) {
                return false;
            }
        }
        return true;
    }
}
