package dev.viewpair.recipes.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API, and {@code examples/Example.java} run through the Java source launcher as docs/java-api.md shows. */
class ExampleTest {
    @TempDir
    static Path dir;
    static Path recipe;

    @BeforeAll
    static void data() throws Exception {
        var manifest = SynthAv.generate(dir.resolve("data"), 6, 2, 2, done -> {});
        var broken = Files.readAllLines(manifest).get(2).split(",")[1]; // the second sample's image
        Files.writeString(manifest.getParent().resolve(broken), "not an image");
        recipe = Files.writeString(dir.resolve("example.yaml"), """
                seed: 4
                dataset: {type: manifest, path: %s}
                views:
                  crop: {from: image, ops: [random_resized_crop: {size: 16}, hflip]}
                  sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 20, n_fft: 256, hop: 128}]}
                encoders:
                  image: {type: conv, views: [crop]}
                  audio: {type: conv, views: [sound]}
                pairs:
                  - {views: [crop, sound], bound: infonce, critic: cosine}
                """.formatted(manifest));
    }

    @Test
    void theExamplePrintsEachSamplesViewsAsTheApiMakesThem() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var example = Path.of("..", "examples", "Example.java").toAbsolutePath().normalize();
        var process = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp",
                System.getProperty("java.class.path"), example.toString(), recipe.toString(), "3", "1")
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);

        // the same lines, computed here through the API
        var views = Views.fromRecipe(recipe);
        assertEquals(List.of("crop", "sound"), views.names());
        var expected = new ArrayList<String>();
        expected.add("views: crop, sound");
        for (var v : (Iterable<Viewed>) views.stream(views.dataset(), 1).limit(3)::iterator) {
            if (!v.ok()) {
                assertTrue(v.problem().contains("not an image") || v.problem().contains("corrupt"), v.problem());
                expected.add(v.id() + " skipped: " + v.problem());
                continue;
            }
            v.views().forEach((name, t) -> {
                double sum = 0;
                for (float x : t.data()) {
                    sum += x;
                }
                expected.add(String.format("%s %s %s mean %.6f", v.id(), name, Arrays.toString(t.shape()), sum / t.data().length));
            });
        }
        assertEquals(expected, output.lines().filter(l -> !l.isBlank()).toList());
        assertTrue(output.contains("crop [3, 16, 16]"), output);
        assertTrue(output.contains("sound [1, 20, "), output);
        assertTrue(output.contains("skipped: "), output);
    }

    @Test
    void viewsBuiltInCodeMatchTheRecipesViews() throws Exception {
        var fromRecipe = Views.fromRecipe(recipe);
        var inCode = Views.of(4, 16_000, new ViewSpec("crop", Modality.IMAGE,
                List.of(new OpSpec("random_resized_crop", Map.of("size", 16)), OpSpec.of("hflip"))));
        var sample = fromRecipe.dataset().get(0);
        var a = fromRecipe.apply(sample, 3).get("crop");
        var b = inCode.apply(sample, 3).get("crop");
        assertArrayEquals(a.data(), b.data(), "same seed, epoch, sample and view name: the same view");
        assertFalse(Arrays.equals(a.data(), inCode.apply(sample, 4).get("crop").data()), "another epoch, another crop");
    }
}
