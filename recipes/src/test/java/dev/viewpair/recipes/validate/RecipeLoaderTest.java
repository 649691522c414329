package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.encoders.nn.EncoderTypes;
import dev.viewpair.recipes.model.AudioSettings;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.EvalDecl;
import dev.viewpair.recipes.model.KnnDecl;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.RetrievalDecl;
import dev.viewpair.recipes.model.TrainDecl;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid recipes load into the records they describe, the same from YAML and JSON, and write back unchanged. */
class RecipeLoaderTest {
    @TempDir
    Path dir;

    @Test
    void quickstartLoadsIntoItsRecords() throws Exception {
        var recipe = load(dir, "av.yaml", fixture("av-quickstart.yaml"));

        assertEquals("av-quickstart", recipe.name());
        assertEquals(7, recipe.seed());
        assertEquals(new DatasetDecl("manifest", dir.toAbsolutePath().resolve("data/synth-av/manifest.csv"),
                Map.of("train", 0.8, "test", 0.2)), recipe.dataset());
        assertEquals(AudioSettings.DEFAULT, recipe.audio());

        var imgA = new ViewSpec("img_a", Modality.IMAGE, List.of(
                new OpSpec("random_resized_crop", Map.of("size", 64, "scale", List.of(0.2, 1))),
                OpSpec.of("hflip"),
                new OpSpec("color_jitter", Map.of("p", 0.8))));
        assertEquals(imgA, recipe.views().get("img_a"));
        // like copies from and ops under its own name, which gives it its own random stream
        assertEquals(new ViewSpec("img_b", Modality.IMAGE, imgA.ops()), recipe.views().get("img_b"));
        assertEquals(new ViewSpec("later", Modality.AUDIO, List.of(
                new OpSpec("clip", Map.of("seconds", 1.0, "at", "anchor + 0.5s")),
                new OpSpec("log_mel", Map.of("mels", 64)))), recipe.views().get("later"));
        assertEquals(List.of("img_a", "img_b", "sound", "later"), List.copyOf(recipe.views().keySet()));

        assertEquals(Map.of(
                "image", new EncoderDecl("image", "conv", Map.of("widths", List.of(32, 64, 128), "dim", 128, "projection", 128, "downsample", "pool"),
                        List.of("img_a", "img_b")),
                "audio", new EncoderDecl("audio", "conv", Map.of("widths", List.of(32, 64, 128), "dim", 128, "downsample", "pool"),
                        List.of("sound", "later"))),
                recipe.encoders());
        assertEquals("audio", recipe.encoderOf("later").name());

        assertEquals(List.of(
                new PairDecl("img-img", "img_a", "img_b", ChoiceDecl.of("infonce"), new ChoiceDecl("cosine", Map.of("temperature", 0.1)), 1.0, PairDecl.MAXIMIZE),
                new PairDecl("img_a-sound", "img_a", "sound", ChoiceDecl.of("infonce"), ChoiceDecl.of("bilinear"), 1.0, PairDecl.MAXIMIZE),
                new PairDecl("sound-later", "sound", "later", ChoiceDecl.of("infonce"), ChoiceDecl.of("cosine"), 0.5, PairDecl.MAXIMIZE)),
                recipe.pairs());
        assertEquals(new TrainDecl(10, 128, new OptimizerDecl("adamw", 1e-3, 1e-4), "cosine", 50, 2, 0), recipe.train());
        assertEquals(new EvalDecl(Optional.of(new LinearProbeDecl("label", List.of())), List.of(new RetrievalDecl("img_a", "sound")),
                Optional.of(new KnnDecl(20))), recipe.eval());
    }

    @Test
    void theResolvedViewsBuildIntoChains() throws Exception {
        var recipe = load(dir, "av.yaml", fixture("av-quickstart.yaml"));
        for (var view : recipe.views().values()) {
            var chain = ViewChain.build(view, TestCatalog.CATALOG);
            assertEquals(view.from() == Modality.IMAGE ? "IMAGE" : "SPECTROGRAM", chain.output().name());
        }
    }

    @Test
    void anOpNameServingSeveralStagesIsFoundForTheStageAtHand() throws Exception {
        // normalize takes an image and a spectrogram: after log_mel it is the spectrogram one
        var text = edit(fixture("av-quickstart.yaml"), "log_mel: {mels: 64}]}", "log_mel: {mels: 64}, normalize]}");
        var sound = load(dir, "av.yaml", text).views().get("sound");
        assertEquals(OpSpec.of("normalize"), sound.ops().get(2));
        assertEquals("SPECTROGRAM", ViewChain.build(sound, TestCatalog.CATALOG).output().name());
    }

    @Test
    void yamlAndJsonFormsGiveEqualRecipes() throws Exception {
        var yaml = load(dir, "av.yaml", fixture("av-quickstart.yaml"));
        var json = load(dir, "av.json", fixture("av-quickstart.json"));
        assertEquals(yaml, json);
        assertEquals(yaml.hash(), json.hash());
    }

    @Test
    void minimalRecipeGetsEveryDefault() throws Exception {
        Files.createDirectories(dir.resolve("recipes"));
        var recipe = load(dir.resolve("recipes"), "tiny.yml", fixture("minimal.yaml"));

        assertEquals("tiny", recipe.name());
        assertEquals(0, recipe.seed());
        assertEquals(dir.toAbsolutePath().resolve("images"), recipe.dataset().path());
        assertEquals(DatasetDecl.ALL_TRAIN, recipe.dataset().split());
        assertEquals(16_000, recipe.audio().sampleRate());
        assertEquals(new EncoderDecl("image", "conv", Map.of("widths", EncoderTypes.DEFAULT_WIDTHS, "dim", EncoderTypes.DEFAULT_DIM,
                        "downsample", "pool"), List.of("left", "right")),
                recipe.encoders().get("image"));
        assertFalse(recipe.encoders().get("image").params().containsKey("projection"));
        assertEquals(List.of(new PairDecl("left-right", "left", "right", ChoiceDecl.of("infonce"), ChoiceDecl.of("dot"), 1.0, PairDecl.MAXIMIZE)), recipe.pairs());
        assertEquals(TrainDecl.DEFAULT, recipe.train());
        assertEquals(EvalDecl.NONE, recipe.eval());
        assertEquals(List.of(new OpSpec("random_resized_crop", Map.of("size", 32)), OpSpec.of("normalize")),
                recipe.views().get("right").ops());
    }

    @Test
    void nullOpParametersAndBareEvalEntriesMeanDefaults() throws Exception {
        var text = edit(edit(fixture("av-quickstart.yaml"), "hflip,", "hflip: null,"),
                "eval: {linear_probe: {label: label}, retrieval: [[img_a, sound]], knn: {k: 20}}", "eval:\n  linear_probe:\n  knn:\n");
        var recipe = load(dir, "av.yaml", text);
        assertEquals(OpSpec.of("hflip"), recipe.views().get("img_a").ops().get(1));
        assertEquals(new EvalDecl(Optional.of(new LinearProbeDecl("label", List.of())), List.of(), Optional.of(new KnnDecl(20))), recipe.eval());
    }

    @Test
    void writtenYamlLoadsBackIntoTheSameRecipe() throws Exception {
        var recipe = load(dir, "av.yaml", fixture("av-quickstart.yaml"));
        var yaml = recipe.toYaml();
        assertTrue(yaml.contains("at: anchor + 0.5s") || yaml.contains("at: \"anchor + 0.5s\""), yaml);
        Path runFolder = dir.resolve("run");
        var reloaded = RecipeFiles.LOADER.load(write(Files.createDirectories(runFolder), "recipe.yaml", yaml));
        assertEquals(recipe, reloaded);
        assertEquals(recipe.hash(), reloaded.hash());
        assertEquals(yaml, reloaded.toYaml());
    }

    @Test
    void textThatLooksLikeOtherTypesSurvivesTheRoundTrip() throws Exception {
        // a pair named "yes", "null" or "1e-3" must come back as text
        for (var name : List.of("yes", "null", "1e-3", "true", "on")) {
            var text = edit(fixture("av-quickstart.yaml"), "name: img-img", "name: '" + name + "'");
            var recipe = load(dir, "av.yaml", text);
            var reloaded = load(dir, "again.yaml", recipe.toYaml());
            assertEquals(name, reloaded.pairs().get(0).name());
        }
    }

    @Test
    void hashIsTheSha256OfTheCanonicalJsonAndFollowsChanges() throws Exception {
        var base = fixture("av-quickstart.yaml");
        var recipe = load(dir, "av.yaml", base);
        var digest = MessageDigest.getInstance("SHA-256")
                .digest(recipe.toCanonicalJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), recipe.hash());
        assertEquals(64, recipe.hash().length());
        // the order of keys in the file does not matter, values do
        var reordered = edit(base, "{epochs: 10, batch: 128,", "{batch: 128, epochs: 10,");
        assertEquals(recipe.hash(), load(dir, "av.yaml", reordered).hash());
        assertNotEquals(recipe.hash(), load(dir, "av.yaml", edit(base, "seed: 7", "seed: 8")).hash());
        assertNotEquals(recipe.hash(), load(dir, "av.yaml", edit(base, "{p: 0.8}", "{p: 0.7}")).hash());
        assertTrue(recipe.toCanonicalJson().startsWith("{\"audio\":{\"sample_rate\":16000},\"dataset\":"), recipe.toCanonicalJson());
    }
}
