package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.shards.LocalShardFolder;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes known before running: every view's shape from the recipe, a view whose shape varies between draws refused at
 * the op that draws it, views an encoder cannot take refused at the encoder, and a classifier evaluation without a
 * test split refused at its key. Read with the real op catalogue.
 */
class ViewShapesRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();
    private static final Path SHIPPED = Path.of("..", "recipes").toAbsolutePath().normalize();

    /** The recipe: a clip of 1 s stretched at a drawn rate, then a spectrogram. */
    private static final String STRETCHED = """
            dataset: {type: folder, path: sounds, split: {train: 0.8, test: 0.2}}
            views:
              a: {from: audio, ops: [clip: {seconds: 1.0, at: anchor}, log_mel]}
              b: {from: audio, ops: [clip: {seconds: 1.0, at: anchor}, time_stretch: {rate: [0.8, 1.25]}, log_mel]}
            encoders:
              audio: {type: conv, views: [a, b]}
            pairs:
              - {views: [a, b], bound: infonce, critic: cosine}
            """;

    @TempDir
    Path dir;

    private Recipe load(String text) throws Exception {
        return LOADER.load(RecipeFiles.write(dir, "r.yaml", text));
    }

    /** The problems of a recipe that must fail to load. */
    private List<RecipeProblem> problems(String text) {
        var written = RecipeFiles.write(dir, "r.yaml", text);
        return assertThrows(RecipeException.class, () -> LOADER.load(written)).problems();
    }

    /** The only problem, checked to be at the first {@code token} on {@code line} (1-based) of {@code text}. */
    private RecipeProblem onlyAt(String text, int line, String token) throws Exception {
        var found = problems(text);
        assertEquals(1, found.size(), found.toString());
        assertEquals(column(text, line, token), found.get(0).line() + ":" + found.get(0).column(), found.get(0).render());
        return found.get(0);
    }

    /** {@code LINE:COLUMN} of the first {@code token} on {@code line} (1-based) of {@code text}. */
    private static String column(String text, int line, String token) {
        int column = text.lines().toList().get(line - 1).indexOf(token) + 1;
        assertTrue(column > 0, "no '" + token + "' on line " + line);
        return line + ":" + column;
    }

    @Test
    void aStretchAtADrawnRateIsRefusedAtTheStretchWithTheSpectrogramsShapeAndTheFix() throws Exception {
        var p = onlyAt(STRETCHED, 4, "time_stretch");
        assertEquals("view 'b' has shape 1 × 64 × 81–126 (a spectrogram), which differs between draws: time_stretch draws rate"
                + " from [0.8, 1.25], so its 1 s (16000 samples) become 0.8–1.25 s (12800–20000 samples) — a batch needs one"
                + " shape per view", p.message());
        assertTrue(p.hint().startsWith("clip after time_stretch (e.g. clip: {seconds: 1.0, at: 0}), or give one rate"), p.hint());
        // a view like it varies for the same reason, at the same op: reported once
        var withLike = edit(edit(STRETCHED, "views: [a, b]}", "views: [a, b, c]}"), "log_mel]}\nencoders",
                "log_mel]}\n  c: {like: b}\nencoders");
        onlyAt(withLike + "  - {views: [a, c], bound: infonce, critic: cosine}\n", 4, "time_stretch");
    }

    @Test
    void aClipAfterTheStretchOrOneRateKeepsTheShapeFixed() throws Exception {
        var clipped = load(edit(STRETCHED, "time_stretch: {rate: [0.8, 1.25]}, log_mel",
                "time_stretch: {rate: [0.8, 1.25]}, clip: {seconds: 1.0, at: 0}, log_mel"));
        assertEquals(List.of("a: 1 × 64 × 101 (a spectrogram)", "b: 1 × 64 × 101 (a spectrogram)"), RecipeShapes.lines(clipped));
        var oneRate = load(edit(STRETCHED, "rate: [0.8, 1.25]", "rate: [1.25, 1.25]"));
        assertEquals("b: 1 × 64 × 81 (a spectrogram)", RecipeShapes.lines(oneRate).get(1));
    }

    @Test
    void aCombinatorWhoseOutcomesDisagreeIsRefusedAtItself() throws Exception {
        var text = """
                dataset: {type: folder, path: images}
                views:
                  a: {from: image, ops: [random_resized_crop: {size: 32}, one_of: {ops: [center_crop: {size: 24}, hflip]}]}
                  b: {from: image, ops: [random_resized_crop: {size: 32}, rotate: {degrees: 10, expand: true}]}
                  c: {from: image, ops: [random_resized_crop: {size: 32}, center_crop: {size: 28, p: 0.5}]}
                encoders:
                  image: {type: conv, views: [a, b, c]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: cosine}
                  - {views: [a, c], bound: infonce, critic: cosine}
                """;
        var found = problems(text);
        assertEquals(3, found.size(), found.toString());
        assertEquals(column(text, 3, "one_of"), found.get(0).line() + ":" + found.get(0).column());
        assertTrue(found.get(0).message().startsWith("view 'a' has shape 3 × 24–32 × 24–32 (an image), which differs between"
                + " draws: one_of picks one of its ops per draw"), found.get(0).message());
        assertEquals("make the ops inside one_of give the same shape", found.get(0).hint());
        assertEquals(column(text, 4, "rotate"), found.get(1).line() + ":" + found.get(1).column());
        assertTrue(found.get(1).hint().contains("expand: false"), found.get(1).hint());
        assertEquals(column(text, 5, "center_crop"), found.get(2).line() + ":" + found.get(2).column());
        assertTrue(found.get(2).message().contains("'center_crop' is applied with probability 0.5"), found.get(2).message());
    }

    @Test
    void aSizeTheFilesSetIsAcceptedAndPrintedAsTheFilesOwn() throws Exception {
        var recipe = load("""
                dataset: {type: folder, path: images}
                views:
                  a: {from: image, ops: [hflip, normalize]}
                  b: {from: image, ops: [resize: {size: 32}]}
                encoders:
                  image: {type: conv, views: [a, b]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: cosine}
                """);
        assertEquals(List.of("a: 3 × H × W (an image, of each file's size)", "b: 3 × ≥32 × ≥32 (an image, of each file's size)"),
                RecipeShapes.lines(recipe));
    }

    private static final String ENCODED = """
            dataset: {type: folder, path: media}
            views:
              wave: {from: audio, ops: [clip: {seconds: 0.5}]}
              spec: {from: audio, ops: [clip: {seconds: 0.5}, log_mel]}
              lab: {from: image, ops: [random_resized_crop: {size: 32}, lab_split]}
              big: {from: image, ops: [random_resized_crop: {size: 32}]}
              small: {from: image, ops: [random_resized_crop: {size: 24}]}
            encoders:
              sound: {type: conv, views: [spec]}
              image: {type: conv, views: [big, small]}
              colour: {type: conv, views: [lab.ab]}
            pairs:
              - {views: [big, small], bound: infonce, critic: cosine}
              - {views: [spec, big], bound: infonce, critic: dot}
            """;

    @Test
    void aConvEncoderTakesViewsOfOneChannelCountInAnySizeButNoWaveform() throws Exception {
        var shapes = RecipeShapes.lines(load(ENCODED));
        assertEquals(List.of("wave: 1 × 8000 (a waveform)", "spec: 1 × 64 × 51 (a spectrogram)", "lab.L: 1 × 32 × 32 (an image)",
                "lab.ab: 2 × 32 × 32 (an image)", "big: 3 × 32 × 32 (an image)", "small: 3 × 24 × 24 (an image)"), shapes);

        var wave = onlyAt(edit(ENCODED, "sound: {type: conv, views: [spec]}", "sound: {type: conv, views: [wave]}")
                .replace("[spec, big]", "[wave, big]"), 9, "[wave]");
        assertEquals("encoder 'sound' (conv) takes C × H × W views, images and spectrograms, but view 'wave' (1 × 8000,"
                + " a waveform) is not one", wave.message());
        assertEquals("end the view with log_mel, spectrogram or mfcc, or feed it to an mlp encoder", wave.hint());

        var channels = onlyAt(edit(ENCODED, "colour: {type: conv, views: [lab.ab]}", "colour: {type: conv, views: [lab.ab, lab.L]}"),
                11, "[lab.ab");
        assertEquals("encoder 'colour' (conv) is fed views of 2 and 1 channels: view 'lab.ab' and view 'lab.L' (1 × 32 × 32,"
                + " an image)", channels.message());
        assertTrue(channels.hint().contains("need the same channels"), channels.hint());

        var deep = onlyAt(edit(ENCODED, "image: {type: conv, views", "image: {type: conv, widths: [4, 4, 4, 4, 4], views"),
                10, "[big");
        assertEquals("encoder 'image' (conv) halves its input with max pooling after each width and needs sides of at least 32,"
                + " but view 'small' (3 × 24 × 24, an image) has a side of 24", deep.message());
        load(edit(ENCODED, "image: {type: conv, views", "image: {type: conv, widths: [4, 4, 4, 4, 4], downsample: stride, views"));
    }

    @Test
    void aConv1dEncoderTakesWaveformsOfAnyLengthButNoSpectrogram() throws Exception {
        var recipe = load(edit(ENCODED, "sound: {type: conv, views: [spec]}", "sound: {type: conv1d, kernel: 5, views: [wave, long]}")
                .replace("[spec, big]", "[wave, big]")
                .replace("  spec: {from", "  long: {from: audio, ops: [clip: {seconds: 1.0}]}\n  spec: {from"));
        assertEquals(Map.of("widths", List.of(32, 64, 128), "kernel", 5, "stride", 4, "dim", 128), recipe.encoders().get("sound").params());

        var spec = onlyAt(edit(ENCODED, "sound: {type: conv, views: [spec]}", "sound: {type: conv1d, views: [spec]}"), 9, "[spec]");
        assertEquals("encoder 'sound' (conv1d) takes C × T views, waveforms, but view 'spec' (1 × 64 × 51, a spectrogram) is not one",
                spec.message());
        assertTrue(spec.hint().startsWith("feed it a view of raw audio"), spec.hint());

        var typo = onlyAt(edit(ENCODED, "sound: {type: conv, views: [spec]}", "sound: {type: conv1d, kernal: 5, views: [spec]}"), 9, "kernal");
        assertTrue(typo.hint().contains("did you mean 'kernel'?"), typo.render());
        var other = onlyAt(edit(ENCODED, "sound: {type: conv, views: [spec]}", "sound: {type: conv, kernel: 5, views: [spec]}"), 9, "kernel");
        assertTrue(other.hint().contains("it is a setting of conv1d"), other.render());
    }

    @Test
    void anMlpEncoderTakesViewsOfOneShape() throws Exception {
        var p = onlyAt(edit(ENCODED, "image: {type: conv", "image: {type: mlp"), 10, "[big");
        assertEquals("encoder 'image' (mlp) flattens its views, so they need one shape, but view 'big' is 3 × 32 × 32 and view"
                + " 'small' is 3 × 24 × 24", p.message());
        assertEquals("give the views the same size, or each its own encoder", p.hint());
        load(edit(edit(ENCODED, "image: {type: conv", "image: {type: mlp"), "size: 24", "size: 32"));
    }

    private static final String PROBED = """
            dataset: {type: folder, path: images}
            views:
              a: {from: image, ops: [random_resized_crop: {size: 32}]}
              b: {like: a}
            encoders:
              image: {type: conv, views: [a, b]}
            pairs:
              - {views: [a, b], bound: infonce, critic: cosine}
            eval: {linear_probe: {label: label}, knn: {k: 5}, retrieval: [[a, b]]}
            """;

    @Test
    void aClassifierEvaluationWithoutATestSplitIsRefusedAtItsKey() throws Exception {
        var found = problems(PROBED);
        assertEquals(2, found.size(), found.toString());
        assertEquals("9:8", found.get(0).line() + ":" + found.get(0).column());
        assertEquals("eval.linear_probe scores on the test split, and the dataset has none: the run would skip it",
                found.get(0).message());
        assertEquals("give the dataset a test split, split: {train: 0.8, test: 0.2}, or a test set of its own, test: PATH;"
                + " or remove eval.linear_probe", found.get(0).hint());
        assertEquals("9:38", found.get(1).line() + ":" + found.get(1).column());
        assertTrue(found.get(1).message().startsWith("eval.knn scores on the test split"), found.get(1).message());
        // retrieval falls back to the train split: it runs without one
        load(edit(PROBED, "{linear_probe: {label: label}, knn: {k: 5}, ", "{"));
        load(edit(PROBED, "path: images}", "path: images, split: {train: 0.8, test: 0.2}}"));
        Files.createDirectories(dir.resolve("held-out"));
        load(edit(PROBED, "path: images}", "path: images, test: held-out}"));
    }

    @Test
    void shardsTellFromTheirIndexWhetherTheyHoldATestSplit() throws Exception {
        for (var split : List.of(Map.of("train", 1.0), Map.of("train", 0.8, "test", 0.2))) {
            var shards = Files.createDirectories(dir.resolve("shards" + split.size()));
            ShardIndex.of(StoreMode.DECODED, "r.yaml", "hash", "fingerprint", 0, 16000, split, 8, Map.of(), List.of())
                    .write(new LocalShardFolder(shards));
        }
        var text = edit(PROBED, "{type: folder, path: images}", "{type: shards, path: shards1}");
        var found = problems(text);
        assertEquals(2, found.size(), found.toString());
        assertEquals("preprocess with a recipe whose dataset.split has a test fraction, or remove eval.linear_probe",
                found.get(0).hint());
        load(edit(text, "path: shards1", "path: shards2"));
    }

    @Test
    void everyShippedRecipeValidatesAndQuickstartsShapesAreThese() throws Exception {
        try (var files = Files.list(SHIPPED)) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertTrue(RecipeShapes.lines(LOADER.load(file)).size() >= 2, file.toString());
            }
        }
        assertEquals(List.of("img_a: 3 × 32 × 32 (an image)", "img_b: 3 × 32 × 32 (an image)", "sound: 1 × 40 × 63 (a spectrogram)",
                "later: 1 × 40 × 63 (a spectrogram)", "img_eval: 3 × ≥32 × ≥32 (an image, of each file's size)",
                "sound_eval: 1 × 40 × 63 (a spectrogram)"), RecipeShapes.lines(LOADER.load(SHIPPED.resolve("quickstart.yaml"))));
        assertEquals(List.of("crops.global0, crops.global1: 3 × 32 × 32 (an image)",
                "crops.local0 … crops.local5 (6 views): 3 × 16 × 16 (an image)", "img_eval: 3 × 32 × 32 (an image)"),
                RecipeShapes.lines(LOADER.load(SHIPPED.resolve("dino-multicrop.yaml"))));
    }
}
