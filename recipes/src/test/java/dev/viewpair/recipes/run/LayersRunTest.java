package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.recipes.TinyRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whose pairs read views inside their encoders: a DIM recipe (SimCLR's pair, a local–global pair on the second
 * stage and an InfoMax pair of a view and its embedding) trains, records each pair's ceiling for what K is, and its
 * probe reads the pooled stage too; a plain view and the same view at its projection train identically.
 */
class LayersRunTest {
    private static final String RECIPE = """
            dataset: {type: manifest, path: data/manifest.csv, split: {train: 0.5, test: 0.5}}
            views:
              img_a: {from: image, ops: [random_resized_crop: {size: 32}]}
              img_b: {like: img_a}
              img_eval: {from: image, ops: [resize: {size: 32}]}
            encoders:
              image: {type: conv, widths: [8, 16], dim: 16, projection: 8, views: [img_a, img_b, img_eval]}
            pairs:
              - {name: simclr, views: [img_a, img_b], bound: infonce, critic: cosine}
            PAIRS
            train: {epochs: 2, batch: 2}
            eval: {linear_probe: {label: label, views: [img_eval, img_eval@stage2, img_a@input]}}
            """;

    @TempDir
    Path dir;

    private static List<JsonNode> steps(Path run) throws Exception {
        var mapper = new ObjectMapper();
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(line -> {
            try {
                return mapper.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> "step".equals(n.path("type").asText())).toList();
    }

    @Test
    void aDimRecipeTrainsRecordsTheRealCeilingAndProbesThePooledStage() throws Exception {
        var run = TinyRuns.train(dir, "dim", RECIPE.replace("PAIRS", """
                  - {name: local, views: [img_a@stage2, img_a], bound: infonce, critic: {type: separable_mlp, embed: 8}}
                  - {name: infomax, views: [img_a@input, img_a@embedding], bound: js, critic: {type: separable_mlp, hidden: [16], embed: 8}}
                """));
        var steps = steps(run);
        assertTrue(steps.size() >= 2, steps.toString());
        for (var step : steps) {
            // 8 × 8 positions of stage 2 on 32-px views (max-pool halves twice), the batch's other image
            assertEquals(Math.log(64 + 1), step.path("pairs").path("local").path("log_k").asDouble(), 1e-9);
            assertTrue(Double.isFinite(step.path("pairs").path("infomax").path("nats").asDouble()), step.toString());
            assertTrue(Double.isFinite(step.path("loss").asDouble()), step.toString());
        }
        var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(Math.log(64 + 1), summary.path("pairs").path("local").path("log_k").asDouble(), 1e-9,
                "the summary's ceiling is the one the trainer recorded");
        var probe = summary.path("eval").path("linear_probe");
        // the probe on the raw pixels (img_a@input) is the baseline a representation has to beat
        assertTrue(probe.has("image") && probe.has("image@stage2") && probe.has("image@input"), probe.toString());
        var resolved = Files.readString(run.resolve("recipe.yaml"));
        assertTrue(resolved.contains("img_a@stage2") && resolved.contains("img_a@input"), resolved);
        // the local–global pair's heat map over the first test images, shown in the report
        var picture = run.resolve("localization-local.png");
        assertTrue(Files.size(picture) > 1000, picture.toString());
        var image = javax.imageio.ImageIO.read(picture.toFile());
        assertTrue(image.getWidth() > 4 * 96 && image.getHeight() > 96, image.getWidth() + "×" + image.getHeight());
        assertTrue(Files.readString(run.resolve("report.html")).contains("localization-local.png"));
    }

    @Test
    void aViewAtItsProjectionTrainsExactlyAsThePlainView() throws Exception {
        var plain = TinyRuns.train(dir.resolve("plain"), "plain", RECIPE.replace("PAIRS", ""));
        var explicit = TinyRuns.train(dir.resolve("explicit"), "explicit", RECIPE.replace("PAIRS", "")
                .replace("views: [img_a, img_b], bound", "views: [img_a@projection, img_b@projection], bound"));
        var a = steps(plain);
        var b = steps(explicit);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).path("loss").asDouble(), b.get(i).path("loss").asDouble(), 0.0, "step " + i);
            assertEquals(a.get(i).path("pairs"), b.get(i).path("pairs"), "step " + i);
        }
    }
}
