package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.encoders.nn.ResNet;
import dev.viewpair.encoders.nn.TorchvisionWeights;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video backbones in recipes: r2plus1d and per_frame take frame stacks (the frames op's views) and refuse, at the
 * encoder's views with FILE:LINE:COL, images, stacks of different lengths and sides too small.
 */
class VideoEncodersRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();

    private static final String RECIPE = """
            dataset: {type: folder, path: media}
            views:
              clip: {from: video, ops: [frames: {n: 4, rate: 8, size: 32}, hflip]}
              later: {from: video, ops: [frames: {n: 4, rate: 8, at: anchor + 1s, size: 24}]}
              moment: {from: video, ops: [frames: {n: 2, rate: 4, size: 32}]}
            encoders:
              video: {type: r2plus1d, width: 0.25, projection: 64, views: [clip, later]}
              frames: {type: resnet, width: 0.125, per_frame: mean, views: [moment]}
            pairs:
              - {views: [clip, later], bound: infonce, critic: cosine}
              - {views: [clip, moment], bound: infonce, critic: dot}
            """;

    @TempDir
    Path dir;

    /** The single problem of a recipe that must fail to load, rendered. */
    private String problem(String text) {
        return RecipeFiles.onlyProblem(LOADER, dir, "r.yaml", text).render();
    }

    @Test
    void itsParametersAreReadWithDefaultsAndWrittenIntoTheResolvedRecipe() throws Exception {
        var recipe = LOADER.load(RecipeFiles.write(dir, "r.yaml", RECIPE));
        var yaml = recipe.toYaml();
        for (var written : new String[] {"type: r2plus1d", "depth: 18", "width: 0.25", "per_frame: mean"}) {
            assertTrue(yaml.contains(written), yaml);
        }
        assertEquals(recipe, LOADER.load(RecipeFiles.write(dir, "again.yaml", yaml)));
    }

    @Test
    void aVideoBackboneFedAnImageIsRefusedAtItsViewsNamingWhatItTakes() {
        var file = dir.resolve("r.yaml");
        var photo = "later: {from: image, ops: [random_resized_crop: {size: 32}]}";
        assertEquals(file + ":7:63: encoder 'video' (r2plus1d) convolves over time, so it takes frame stacks (3·n × H × W"
                + " views made by the frames op), but view 'later' (3 × 32 × 32, an image) is not one — start the view with"
                + " frames: {n: 8, size: 112} on a video, or use a 2-D encoder type (resnet, conv) for images",
                problem(RECIPE.replaceAll("later: \\{from: video.*", photo)));
        assertEquals(file + ":8:64: encoder 'frames' (resnet) runs on each frame of a frame stack (per_frame: mean), so it"
                + " takes frame stacks (3·n × H × W views made by the frames op), but view 'moment' (3 × 32 × 32, an image) is"
                + " not one — start the view with frames: {n: 8, …} on a video, or remove per_frame for images",
                problem(RECIPE.replace("frames: {n: 2, rate: 4, size: 32}", "frame: {size: 32}")));
        assertTrue(problem(RECIPE.replace("frames: {n: 2, rate: 4, size: 32}", "audio_window: {seconds: 1}, log_mel"))
                .contains("but view 'moment' (1 × 64 × 101, a spectrogram) is not one"), problem(RECIPE.replace(
                        "frames: {n: 2, rate: 4, size: 32}", "audio_window: {seconds: 1}, log_mel")));
    }

    @Test
    void stacksOfDifferentLengthsAndSidesTooSmallAreRefused() {
        var file = dir.resolve("r.yaml");
        assertEquals(file + ":7:63: encoder 'video' (r2plus1d) is fed views of 12 and 6 channels: view 'clip' and view"
                + " 'later' (6 × 24 × 24, a stack of 2 frames) — views of one r2plus1d encoder may differ in size but need the"
                + " same channels: give each its own encoder",
                problem(RECIPE.replace("n: 4, rate: 8, at:", "n: 2, rate: 8, at:")));
        // dim 64 as the clip encoder's: the pair of the two is scored by dot, which takes equal widths
        var conv = RECIPE.replace("type: resnet, width: 0.125,", "type: conv, widths: [4, 8, 16, 32, 64], dim: 64,")
                .replace("n: 2, rate: 4, size: 32", "n: 2, rate: 4, size: 24");
        assertEquals(file + ":8:85: encoder 'frames' (conv) halves its input with max pooling after each width and needs"
                + " sides of at least 32, but view 'moment' (6 × 24 × 24, a stack of 2 frames) has a side of 24 — use fewer"
                + " widths, downsample: stride, or a larger view", problem(conv));
    }

    @Test
    void anUnknownDepthIsRefusedWithTheClosestChoice() {
        assertEquals(dir.resolve("r.yaml") + ":7:34: encoders.video.depth: unknown depth 50 — did you mean 34? depth is one"
                + " of 18, 34", problem(RECIPE.replace("type: r2plus1d,", "type: r2plus1d, depth: 50,")));
    }

    @Test
    void anInitFileOfAnotherArchitectureIsRefusedAtItsKey() throws Exception {
        var file = dir.resolve("r18.npz");
        try (var manager = NDManager.newBaseManager()) {
            var resnet = ResNet.builder().depth(18).width(0.125).build();
            resnet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            TorchvisionWeights.write(resnet, file);
        }
        assertEquals(dir.resolve("r.yaml") + ":7:46: encoders.video.init " + file + " has no 'stem.0.weight' convolution: it"
                + " is not the state dict of a torchvision model of the encoder's type — give the state dict of torchvision's"
                + " r2plus1d_18 (numpy.savez of its state_dict()), or the depth and width it was trained with",
                problem(RECIPE.replace("width: 0.25,", "width: 0.25, init: r18.npz,")));
    }
}
