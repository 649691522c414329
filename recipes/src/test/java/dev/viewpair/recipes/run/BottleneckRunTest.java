package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code recipes/bottleneck.yaml} (its data and length made tiny) runs end to end: every step logs the
 * stochastic views' KL and per-dimension variances beside the exact leave-one-out estimate, no step is skipped, the
 * probe reads the representation, and the resolved recipe loads back to the same recipe.
 */
class BottleneckRunTest {
    @TempDir
    Path dir;

    @Test
    void theBottleneckRecipeTrainsAndLogsItsPosterior() throws Exception {
        SynthAv.generate(dir.resolve("data"), 16, 3, 1, done -> {});
        var shipped = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("recipes/bottleneck.yaml"));
        var text = shipped.replace("../data/synth-av/manifest.csv", "data/manifest.csv")
                .replace("epochs: 25, batch: 64", "epochs: 2, batch: 4").replace("warmup: 100", "warmup: 3")
                .replace("warmup_steps: 20", "warmup_steps: 1");
        assertTrue(text.contains("epochs: 2, batch: 4") && text.contains("warmup: 3"), text);
        var recipe = new RecipeLoader().load(Files.writeString(dir.resolve("bottleneck.yaml"), text));
        var runDir = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        var summary = new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        var console = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0L, ((Number) summary.get("skipped_batches")).longValue(), console);
        var mapper = new ObjectMapper();
        long steps = 0;
        for (var line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            Map<?, ?> record = mapper.readValue(line, Map.class);
            if (!"step".equals(record.get("type"))) {
                continue;
            }
            steps++;
            var rate = (Map<?, ?>) ((Map<?, ?>) record.get("pairs")).get("rate");
            assertTrue(Double.isFinite(((Number) rate.get("nats")).doubleValue()), line);
            var view = (Map<?, ?>) ((Map<?, ?>) record.get("views")).get("img_a");
            assertTrue(((Number) view.get("kl")).doubleValue() > 0, line);
            assertEquals(16, ((java.util.List<?>) view.get("variance")).size(), line);
        }
        assertEquals(((Number) summary.get("steps")).longValue(), steps);
        assertTrue(console.contains("image@projection"), console);
        assertEquals(recipe, new RecipeLoader().load(runDir.resolve("recipe.yaml")));
    }
}
