package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run of a 1-D conv encoder on raw waveform views with SimCLR's head: the loader's {@code 1 × samples} views go
 * through it, the run trains and writes the head into its resolved recipe.
 */
class WaveformHeadRunTest {
    private static final String RECIPE = """
            name: waves
            dataset: {type: manifest, path: data/manifest.csv}
            views:
              a: {from: audio, ops: [clip: {seconds: 0.25, at: anchor}]}
              b: {from: audio, ops: [clip: {seconds: 0.25, at: anchor + 0.1s}]}
            encoders:
              sound: {type: conv1d, widths: [4, 8], dim: 8, head: simclr, head_hidden: 16, projection: 8, views: [a, b]}
            pairs:
              - {views: [a, b], bound: infonce, critic: cosine}
            train: {epochs: 1, batch: 4, workers: 1}
            """;

    @TempDir
    Path dir;

    @Test
    void aConv1dEncoderWithASimclrHeadTrainsOnWaveforms() throws Exception {
        SynthAv.generate(dir.resolve("data"), 8, 1, 1, done -> {});
        var recipe = new RecipeLoader().load(Files.writeString(dir.resolve("recipe.yaml"), RECIPE));
        var runDir = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        var summary = new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        var console = printed.toString(StandardCharsets.UTF_8);
        assertEquals(2L, ((Number) summary.get("steps")).longValue(), console);
        var resolved = Files.readString(runDir.resolve("recipe.yaml"));
        assertTrue(resolved.contains("head: simclr") && resolved.contains("kernel: 9"), resolved);
        assertEquals(recipe, new RecipeLoader().load(runDir.resolve("recipe.yaml")));
    }
}
