package dev.viewpair.recipes.cli;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes at the command line: validate and preview print each view's shape, validate refuses a varying one with its
 * position, and files of two sizes that no op resizes stop train with a user's error naming the samples and the view.
 */
class ShapesCliTest {
    @TempDir
    static Path dir;
    static Path recipe;

    @BeforeAll
    static void makeData() throws Exception {
        // eight images in two classes, half 40 × 48 and half 32 × 32: a view without resize or crop cannot batch them
        for (int i = 0; i < 8; i++) {
            var folder = Files.createDirectories(dir.resolve("images").resolve(i % 2 == 0 ? "even" : "odd"));
            int side = i < 4 ? 40 : 32;
            try (var image = new Mat(side, i < 4 ? 48 : 32, CV_8UC3, new Scalar(30 * i, 100, 200 - 20 * i, 0))) {
                assertTrue(imwrite(folder.resolve("img" + i + ".png").toString(), image));
            }
        }
        recipe = Files.writeString(dir.resolve("plain.yaml"), """
                name: plain
                dataset: {type: folder, path: images}
                views:
                  a: {from: image, ops: [hflip, normalize]}
                  b: {from: image, ops: [random_resized_crop: {size: 16}, normalize]}
                encoders:
                  image: {type: conv, widths: [4], dim: 4, views: [a, b]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 8, workers: 1}
                """);
    }

    @Test
    void validateAndPreviewPrintEachViewsShape() {
        var validated = CliRun.of("validate", recipe.toString());
        assertEquals(0, validated.exit(), validated.err());
        assertTrue(validated.out().contains("valid — 2 views, 1 encoders, 1 pairs\n  a: 3 × H × W (an image, of each file's size)\n"
                + "  b: 3 × 16 × 16 (an image)\n"), validated.out());
        var previewed = CliRun.of("preview", recipe.toString(), "--out", dir.resolve("sheet.png").toString(), "--samples", "2");
        assertEquals(0, previewed.exit(), previewed.err());
        assertTrue(previewed.out().contains("  a: 3 × H × W (an image, of each file's size)\n  b: 3 × 16 × 16 (an image)\n"),
                previewed.out());
    }

    @Test
    void theRecipePageShowsWhatValidatePrintsForTheQuickstart() throws Exception {
        var root = Path.of("..").toAbsolutePath().normalize();
        var r = CliRun.of("validate", root.resolve("recipes/quickstart.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        var shown = r.out().replace(root + "/", "");
        assertTrue(Files.readString(root.resolve("docs/recipes.md")).contains(shown), "docs/recipes.md should show:\n" + shown);
    }

    @Test
    void validateRefusesAVaryingViewAtItsOp() throws Exception {
        var varying = Files.writeString(dir.resolve("varying.yaml"), Files.readString(recipe)
                .replace("[random_resized_crop: {size: 16}, normalize]", "[random_resized_crop: {size: 16}, rotate: {degrees: 20, expand: true}]"));
        var r = CliRun.of("validate", varying.toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.out());
        assertTrue(r.err().contains(varying + ":5:59: view 'b' has shape 3 × varies × varies (an image), which differs between draws"),
                r.err());
    }

    @Test
    void filesOfTwoSizesStopTrainWithAUsersErrorNamingTheSamplesAndTheView() {
        var r = CliRun.of("train", recipe.toString(), "--out", dir.resolve("run").toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("viewpair: view 'a' of sample '") && r.err().contains("(first in its batch) has shape [3, ")
                && r.err().contains("a batch stacks one shape per view"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }
}
