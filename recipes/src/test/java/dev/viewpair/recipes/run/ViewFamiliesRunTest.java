package dev.viewpair.recipes.run;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with all three view families (and both combinators) on a folder of generated images: it validates,
 * previews one column per member view, and trains for two steps with its member views in encoders, pairs
 * (a group pair expanded DINO-style) and the linear probe.
 */
class ViewFamiliesRunTest {
    @TempDir
    static Path dir;
    static Path recipeFile;

    @BeforeAll
    static void makeData() throws Exception {
        // two classes of 12 images: a disc or a square, in colours that vary with the index
        for (int i = 0; i < 24; i++) {
            var folder = Files.createDirectories(dir.resolve("images").resolve(i % 2 == 0 ? "disc" : "square"));
            try (var image = new Mat(48, 64, CV_8UC3, new Scalar(20 + 9 * i, 200 - 5 * i, 90, 0));
                    var colour = new Scalar(250 - 7 * i, 40 + 8 * i, 10 * i, 0)) {
                if (i % 2 == 0) {
                    circle(image, new Point(20 + i, 24), 12, colour, FILLED, LINE_8, 0);
                } else {
                    rectangle(image, new Point(10 + i, 10), new Point(34 + i, 34), colour, FILLED, LINE_8, 0);
                }
                assertTrue(imwrite(folder.resolve("img" + i + ".png").toString(), image));
            }
        }
        recipeFile = Files.writeString(dir.resolve("families.yaml"), """
                name: families
                seed: 5
                dataset: {type: folder, path: images, split: {train: 0.75, test: 0.25}}
                views:
                  crops: {from: image, ops: [multi_crop: {global: 2, global_size: 24, local: 2, local_size: 12}, hflip, normalize]}
                  lab: {from: image, ops: [random_resized_crop: {size: 24}, random_apply: {p: 0.8, ops: [color_jitter, grayscale: {p: 0.2}]}, lab_split]}
                  grid: {from: image, ops: [resize: {size: 32}, center_crop: {size: 32}, patch_grid: {grid: 2, patch: 16, stride: 16}, one_of: {ops: [hflip, vflip]}, normalize]}
                encoders:
                  # an encoder each for the 24-px global and 12-px local crops (they could share one: VideoRunTest)
                  global: {type: conv, widths: [4, 8], dim: 8, views: [crops.global]}
                  local: {type: conv, widths: [4, 8], dim: 8, views: [crops.local]}
                  lum: {type: conv, widths: [4, 8], dim: 8, views: [lab.L]}
                  chroma: {type: conv, widths: [4, 8], dim: 8, views: [lab.ab]}
                  patches: {type: conv, widths: [4, 8], dim: 8, views: [grid]}
                pairs:
                  - {name: dino, views: [crops.local, crops.global], bound: infonce, critic: cosine}
                  - {views: [lab.L, lab.ab], bound: infonce, critic: cosine}
                  - {views: [grid.r0c0, grid.r1c1], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 8, workers: 1}
                eval: {linear_probe: {views: [crops.global0, lab.L]}}
                """);
    }

    @Test
    void previewShowsOneColumnPerMemberView() throws Exception {
        var recipe = new RecipeLoader().load(recipeFile);
        var out = dir.resolve("sheet.png");
        var sheet = ContactSheet.write(recipe, "train", 3, 0, out);
        assertEquals(List.of(), sheet.unreadable());
        // 10 columns: 4 crops, L (one grey frame), ab (two grey frames side by side), 4 patches; all square views
        int cell = ContactSheet.CELL_HEIGHT;
        int tiles = 9 * cell + 2 * cell + ContactSheet.FRAME_GAP;
        assertEquals(ContactSheet.LABEL_WIDTH + tiles + 10 * ContactSheet.GAP, sheet.width());
        assertEquals(ContactSheet.HEADER_HEIGHT + 3 * (cell + ContactSheet.GAP), sheet.height());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsTwoStepsOnMemberViews() throws Exception {
        var recipe = new RecipeLoader().load(recipeFile);
        var runDir = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        var json = new ObjectMapper().readValue(runDir.resolve("summary.json").toFile(), Map.class);
        assertEquals(2, ((Number) json.get("steps")).intValue(), "18 train samples, batches of 8");
        var pairs = (Map<String, Map<String, Object>>) json.get("pairs");
        assertEquals(List.of("dino.crops.local0-crops.global0", "dino.crops.local0-crops.global1", "dino.crops.local1-crops.global0",
                "dino.crops.local1-crops.global1", "lab.L-lab.ab", "grid.r0c0-grid.r1c1"), List.copyOf(pairs.keySet()));
        for (var p : pairs.values()) {
            double nats = ((Number) p.get("final_nats")).doubleValue();
            assertTrue(Double.isFinite(nats) && nats <= Math.log(8) + 1e-4, "final nats " + nats);
        }
        var probe = (Map<String, Map<String, Number>>) ((Map<String, Object>) json.get("eval")).get("linear_probe");
        assertTrue(probe.keySet().containsAll(List.of("global", "lum")), probe.keySet().toString());
        // the run folder's recipe holds the expanded members and pairs, and reads back as the same recipe
        assertEquals(recipe, new RecipeLoader().load(runDir.resolve("recipe.yaml")));
    }
}
