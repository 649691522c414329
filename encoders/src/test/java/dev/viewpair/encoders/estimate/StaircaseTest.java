package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import dev.viewpair.encoders.mi.Bounds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaircaseTest {

    @Test
    void aShortLevelRaisesTheEstimatesAndWritesTheTables(@TempDir Path folder) throws Exception {
        var options = Staircase.Options.defaults().withLevels(4).withStepsPerLevel(60)
                .withBounds(List.of("infonce", "js", "club"));
        var result = Staircase.run(options);
        assertEquals(60, result.trueMi().length);
        for (String bound : List.of("infonce", "js")) {
            float[] values = result.estimates().get(bound);
            assertTrue(mean(values, 50, 60) > mean(values, 0, 10) + 0.5,
                    bound + " did not rise: " + mean(values, 0, 10) + " → " + mean(values, 50, 60));
        }
        assertEquals(3, result.table().size());
        var row = result.table().get(0);
        assertEquals("infonce", row.bound());
        assertEquals(30, row.steps());
        assertEquals(row.bias() * row.bias() + row.variance(), row.mse(), 1e-9);
        assertTrue(row.mean() <= Math.log(64) + 1e-6);
        List<Path> files = result.write(folder);
        List<String> steps = Files.readAllLines(files.get(0));
        assertEquals("step,true_mi,infonce,js,club", steps.get(0));
        assertEquals(61, steps.size());
        assertEquals(4, Files.readAllLines(files.get(1)).size());
        String markdown = Files.readString(files.get(2));
        assertTrue(markdown.contains("| 4 nats |") && markdown.contains("| club | 4 |"), markdown);
    }

    @Test
    void theExactPosteriorsUpperBoundsSandwichTheTrueMiWithTheLowerBounds() {
        var options = Staircase.Options.defaults().withLevels(2, 6).withStepsPerLevel(80)
                .withBounds(List.of("infonce", "loo_exact", "vib_exact"));
        var result = Staircase.run(options);
        for (var row : result.table()) {
            double error = Math.sqrt(row.variance() / row.steps());
            switch (row.bound()) {
                case "infonce" -> assertTrue(row.mean() < row.trueMi(), row.toString());
                // the leave-one-out bound lies above the truth; far above at 6 nats, where e^I ≫ K = 64
                case "loo_exact" -> assertTrue(row.mean() > row.trueMi() - 3 * error, row.toString());
                // y's marginal is N(0, I), the prior: the KL is the MI itself
                case "vib_exact" -> assertEquals(row.trueMi(), row.mean(), 4 * error + 0.05, row.toString());
                default -> throw new AssertionError(row.bound());
            }
        }
        String markdown = result.markdown();
        assertTrue(markdown.contains("The sandwich") && markdown.contains("| infonce |") && !markdown.contains("| no |"),
                markdown);
        assertTrue(result.estimates().keySet().containsAll(Staircase.EXACT_BOUNDS));
    }

    private static double mean(float[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    @Test
    void theEntropyOfYCubedMatchesNumericalIntegration() {
        // h(Y³) = h(Y) + E log(3Y²): integrate φ(y)·log(3y²) numerically
        double sum = 0;
        double step = 1e-5;
        for (double y = step / 2; y < 12; y += step) {
            sum += 2 * Math.exp(-y * y / 2) / Math.sqrt(2 * Math.PI) * Math.log(3 * y * y) * step;
        }
        double gaussian = 0.5 * Math.log(2 * Math.PI * Math.E);
        assertEquals(3 * (gaussian + sum), Staircase.entropyOfY(3, true), 1e-3);
        assertEquals(3 * gaussian, Staircase.entropyOfY(3, false), 1e-12);
    }

    @Test
    void listsEveryBoundOnceAndRejectsBadOptions() {
        // every bound but vib, which reads a stochastic encoder's posterior: the staircase has it as vib_exact
        var expected = new HashSet<>(Bounds.standard().names());
        expected.remove("vib");
        expected.addAll(Staircase.EXACT_BOUNDS);
        assertEquals(expected, new HashSet<>(Staircase.ALL_BOUNDS));
        assertEquals(expected.size(), Staircase.ALL_BOUNDS.size());
        var vib = assertThrows(IllegalArgumentException.class,
                () -> Staircase.Options.defaults().withBounds(List.of("vib")));
        assertTrue(vib.getMessage().contains("vib_exact"), vib.getMessage());
        var level = assertThrows(IllegalArgumentException.class, () -> Staircase.Options.defaults().withLevels(200));
        assertTrue(level.getMessage().contains("not reachable"), level.getMessage());
        var critic = assertThrows(IllegalArgumentException.class, () -> Staircase.Options.defaults().withCritic("dot"));
        assertTrue(critic.getMessage().contains("concat_mlp or separable_mlp"), critic.getMessage());
    }
}
