package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.api.Views;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipes with {@code background_noise}: a relative folder resolves against the recipe's folder (nested ops too),
 * the resolved recipe reads back from elsewhere, a missing or empty folder and a bad SNR are reported at their
 * value, and the views of a real dataset get the background mixed in.
 */
class BackgroundNoiseRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();

    @TempDir
    static Path dir;
    static Path manifest;

    private static final String RECIPE = """
            seed: 3
            dataset: {type: manifest, path: data/manifest.csv}
            views:
              crop: {from: image, ops: [random_resized_crop: {size: 16}]}
              clean: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
              noisy: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, background_noise: {folder: noise, snr: [3, 30]}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
              faint: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, background_noise: {folder: noise, snr: 140}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
              maybe: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, random_apply: {p: 0.5, ops: [background_noise: {folder: ./noise/../noise}]}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
            encoders:
              image: {type: conv, views: [crop]}
              audio: {type: conv, views: [clean, noisy, faint, maybe]}
            pairs:
              - {views: [crop, noisy], bound: infonce, critic: cosine}
            """;

    @BeforeAll
    static void data() throws Exception {
        manifest = SynthAv.generate(dir.resolve("data"), 4, 2);
        var noise = Files.createDirectories(dir.resolve("noise"));
        var random = new SplittableRandom(9);
        var samples = new float[16_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * (2 * random.nextDouble() - 1));
        }
        try (var recorder = new FFmpegFrameRecorder(noise.resolve("hiss.wav").toFile(), 1)) {
            recorder.setFormat("wav");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleRate(16_000);
            recorder.start();
            recorder.recordSamples(16_000, 1, FloatBuffer.wrap(samples));
            recorder.stop();
        }
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/list.txt"), "no audio");
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Object folderOf(Recipe recipe, String view, int op) {
        return recipe.views().get(view).ops().get(op).params().get("folder");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRelativeFolderResolvesAgainstTheRecipesFolderAndTheResolvedRecipeReadsBack() throws Exception {
        var recipe = LOADER.load(write("bg.yaml", RECIPE));
        var noise = dir.resolve("noise").toString();
        assertEquals(noise, folderOf(recipe, "noisy", 1));
        var nested = (List<Map<String, Map<String, Object>>>) recipe.views().get("maybe").ops().get(1).params().get("ops");
        assertEquals(noise, nested.get(0).get("background_noise").get("folder"));
        // the run folder's copy lives elsewhere and still names the same folder
        var elsewhere = Files.createDirectories(dir.resolve("run/deeper"));
        var copy = LOADER.load(Files.writeString(elsewhere.resolve("recipe.yaml"), recipe.toYaml()));
        assertEquals(noise, folderOf(copy, "noisy", 1));
        assertEquals(recipe.views(), copy.views());
    }

    private static List<RecipeProblem> problems(String text) throws Exception {
        var file = write("bad.yaml", text);
        var e = assertThrows(RecipeException.class, () -> LOADER.load(file));
        assertFalse(e.render().contains("Exception"), e.render());
        return e.problems();
    }

    /** The only problem, at the line of the {@code noisy} view and the column where {@code fragment} starts. */
    private static RecipeProblem at(String edited, String fragment) throws Exception {
        var text = RECIPE.replace("background_noise: {folder: noise, snr: [3, 30]}", edited);
        var found = problems(text);
        assertEquals(1, found.size(), found.toString());
        var p = found.get(0);
        int line = 6;
        var lineText = text.lines().toList().get(line - 1);
        assertEquals(line + ":" + (lineText.indexOf(fragment) + 1), p.line() + ":" + p.column(), p.render());
        assertTrue(p.render().contains("bad.yaml:" + line + ":"), p.render());
        return p;
    }

    @Test
    void aMissingFolderIsReportedAtItsValue() throws Exception {
        var p = at("background_noise: {folder: noize, snr: [3, 30]}", "noize");
        assertTrue(p.message().contains("'" + dir.resolve("noize") + "' does not exist"), p.render());
        assertTrue(p.message().contains("view 'noisy'"), p.render());
        assertTrue(p.hint().contains("relative path starts at the recipe's folder"), p.render());
    }

    @Test
    void aFolderWithoutAudioIsReportedAtItsValue() throws Exception {
        var p = at("background_noise: {folder: empty}", "empty");
        assertTrue(p.message().contains("holds no audio file"), p.render());
        assertTrue(p.hint().contains("flac") && p.hint().contains("wav"), p.render());
    }

    @Test
    void aBadSnrOrNoFolderIsReported() throws Exception {
        var reversed = at("background_noise: {folder: noise, snr: [30, 3]}", "[30, 3]");
        assertTrue(reversed.message().contains("'snr' of op 'background_noise' must have low ≤ high"), reversed.render());
        var notPair = at("background_noise: {folder: noise, snr: [1, 2, 3]}", "[1, 2, 3]");
        assertTrue(notPair.message().contains("[low, high] pair"), notPair.render());
        var noFolder = at("background_noise: {snr: 10}", "background_noise");
        assertTrue(noFolder.message().contains("needs parameter 'folder'"), noFolder.render());
        assertTrue(noFolder.hint().contains("add folder: <a file or folder path>"), noFolder.render());
        var typo = at("background_noise: {folder: noise, snrr: 10}", "snrr");
        assertEquals("did you mean 'snr'?", typo.hint());
    }

    @Test
    void theRecipesViewsMixInTheBackground() throws Exception {
        var views = Views.fromRecipe(write("bg.yaml", RECIPE));
        var sample = views.dataset().get(0);
        var made = views.apply(sample, 0);
        var again = views.apply(sample, 0);
        assertEquals(made.get("noisy"), again.get("noisy"), "same seed, epoch and sample: the same view");
        assertEquals(Arrays.toString(made.get("clean").shape()), Arrays.toString(made.get("noisy").shape()));
        // the same clip and log-mel: a background 140 dB down changes nothing that counts, one 3 to 30 dB down does
        assertTrue(largestDifference(made.get("clean").data(), made.get("faint").data()) < 1e-3);
        assertTrue(largestDifference(made.get("clean").data(), made.get("noisy").data()) > 0.1);
    }

    private static double largestDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }
}
