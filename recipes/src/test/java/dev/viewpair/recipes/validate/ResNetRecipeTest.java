package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.edit;
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

/** The resnet encoder type in recipes: its parameters read and written, and what it refuses, at FILE:LINE:COL. */
class ResNetRecipeTest {
    private static final RecipeLoader LOADER = new RecipeLoader();

    private static final String RECIPE = """
            dataset: {type: folder, path: media}
            views:
              wave: {from: audio, ops: [clip: {seconds: 0.5}]}
              spec: {from: audio, ops: [clip: {seconds: 0.5}, log_mel]}
              big: {from: image, ops: [random_resized_crop: {size: 32}]}
              small: {from: image, ops: [random_resized_crop: {size: 24}]}
            encoders:
              image: {type: resnet, depth: 50, stem: cifar, width: 0.5, projection: 128, views: [big, small]}
              sound: {type: resnet, views: [spec]}
            pairs:
              - {views: [big, small], bound: infonce, critic: cosine}
              - {views: [spec, big], bound: infonce, critic: bilinear}
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
        for (var written : new String[] {"type: resnet", "depth: 50", "stem: cifar", "width: 0.5", "depth: 18", "stem: imagenet"}) {
            assertTrue(yaml.contains(written), yaml);
        }
        assertEquals(recipe, LOADER.load(RecipeFiles.write(dir, "again.yaml", yaml)));
    }

    @Test
    void anUnknownDepthOrStemIsRefusedWithTheClosestChoice() {
        var file = dir.resolve("r.yaml");
        assertEquals(file + ":8:32: encoders.image.depth: unknown depth 51 — did you mean 50? depth is one of 18, 34, 50",
                problem(edit(RECIPE, "depth: 50", "depth: 51")));
        assertEquals(file + ":8:32: encoders.image.depth: unknown depth 152 — did you mean 50? depth is one of 18, 34, 50",
                problem(edit(RECIPE, "depth: 50", "depth: 152")));
        assertEquals(file + ":8:42: encoders.image.stem: unknown stem 'cifr' — did you mean 'cifar'?",
                problem(edit(RECIPE, "stem: cifar", "stem: cifr")));
        assertTrue(problem(edit(RECIPE, "width: 0.5", "width: 0")).startsWith(file + ":8:56: encoders.image.width"));
    }

    @Test
    void aWaveformIsRefusedAtTheEncodersViews() {
        var wave = problem(edit(RECIPE, "views: [spec]}", "views: [wave]}").replace("[spec, big]", "[wave, big]"));
        assertEquals(dir.resolve("r.yaml") + ":9:32: encoder 'sound' (resnet) takes C × H × W views, images and spectrograms,"
                + " but view 'wave' (1 × 8000, a waveform) is not one — end the view with log_mel, spectrogram or mfcc,"
                + " or feed it to an mlp encoder", wave);
    }

    /** Writes the weights of a fresh ResNet-18 of width 0.125 (ImageNet stem, 3 channels) under torchvision's keys. */
    private Path resnet18Weights(String name) throws Exception {
        try (var manager = NDManager.newBaseManager()) {
            var encoder = ResNet.builder().depth(18).width(0.125).build();
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            var file = dir.resolve(name);
            TorchvisionWeights.write(encoder, file);
            return file;
        }
    }

    @Test
    void anInitFileIsResolvedAgainstTheRecipeAndRefusedAtItsKeyWhenItDoesNotFit() throws Exception {
        var file = resnet18Weights("r18.npz");
        var fits = edit(RECIPE, "width: 0.5,", "width: 0.125, init: r18.npz,").replace("depth: 50, stem: cifar, ", "");
        var recipe = LOADER.load(RecipeFiles.write(dir, "r.yaml", fits));
        assertTrue(recipe.toYaml().contains("init: " + file), recipe.toYaml());

        var deeper = edit(fits, "type: resnet,", "type: resnet, depth: 34,");
        var p = problem(deeper);
        assertEquals(dir.resolve("r.yaml") + ":8:56: encoders.image.init " + file + " does not fit the encoder: it lacks the"
                + " encoder's 'layer1.2.conv1.weight' (8, 8, 3, 3), 'layer1.2.bn1.weight' (8), 'layer1.2.bn1.bias' (8) and 77"
                + " more keys — give the state dict of a torchvision resnet34 (numpy.savez of its state_dict()), or the depth,"
                + " width and stem it was trained with", p);
    }

    @Test
    void anInitFileMadeForOtherChannelsThanTheViewsIsRefusedNamingInit() throws Exception {
        var file = resnet18Weights("rgb.npz"); // 3 input channels
        var spectrogram = edit(RECIPE, "sound: {type: resnet, views: [spec]}",
                "sound: {type: resnet, width: 0.125, init: rgb.npz, views: [spec]}");
        assertEquals(dir.resolve("r.yaml") + ":9:61: encoder 'sound' (resnet) starts from init " + file + ", made for"
                + " 3-channel views, but view 'spec' (1 × 64 × 51, a spectrogram) has 1 channel — feed it 3-channel views,"
                + " or give init a state dict made for 1 (its conv1.weight of shape (width, 1, k, k))", problem(spectrogram));
    }
}
