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
        assertEquals(new HashSet<>(Bounds.standard().names()), new HashSet<>(Staircase.ALL_BOUNDS));
        assertEquals(Bounds.standard().names().size(), Staircase.ALL_BOUNDS.size());
        var level = assertThrows(IllegalArgumentException.class, () -> Staircase.Options.defaults().withLevels(200));
        assertTrue(level.getMessage().contains("not reachable"), level.getMessage());
        var critic = assertThrows(IllegalArgumentException.class, () -> Staircase.Options.defaults().withCritic("dot"));
        assertTrue(critic.getMessage().contains("concat_mlp or separable_mlp"), critic.getMessage());
    }
}
