package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.ShardSource;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.DataPlan;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code viewpair preprocess} on generated images and sounds, then training from the shards. */
class PreprocessCommandTest {
    @TempDir
    static Path dir;
    static Path manifest;
    static String broken;

    @BeforeAll
    static void data() throws Exception {
        manifest = SynthAv.generate(dir.resolve("data"), 30, 4, 2, done -> {});
        var line = Files.readAllLines(manifest).get(3).split(",");
        broken = line[0];
        Files.writeString(manifest.getParent().resolve(line[1]), "not an image");
    }

    private static Path recipe(String name, String dataset) throws Exception {
        var text = """
                name: %s
                seed: 5
                dataset: %s
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 24, scale: [0.5, 1]}, hflip, color_jitter: {p: 0.8}]}
                  img_b: {like: img_a}
                  sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
                encoders:
                  image: {type: conv, widths: [8], dim: 8, views: [img_a, img_b]}
                  audio: {type: conv, widths: [8], dim: 8, views: [sound]}
                pairs:
                  - {views: [img_a, img_b], bound: infonce, critic: cosine}
                  - {views: [img_a, sound], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 8, workers: 2}
                """.formatted(name, dataset);
        return Files.writeString(dir.resolve(name + ".yaml"), text);
    }

    private static Path filesRecipe() throws Exception {
        return recipe("files", "{type: manifest, path: " + manifest + ", split: {train: 0.8, test: 0.2}}");
    }

    private static Map<String, Object> train(Path recipeFile, String run) throws Exception {
        var printed = new ByteArrayOutputStream();
        return new Training(new RecipeLoader().load(recipeFile), dir.resolve(run), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }

    @Test
    void decodedShardsTrainWithTheSameViewsAsTheFiles() throws Exception {
        var out = dir.resolve("shards");
        var run = CliRun.of("preprocess", filesRecipe().toString(), "--out", out.toString(), "--shard-size", "8", "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("wrote 4 shards (0 kept from an earlier run): 29 samples, 1 skipped"), run.out());
        var bad = Files.readAllLines(out.resolve(ShardIndex.BAD_INPUTS));
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).contains(broken), bad.get(0));

        var fromFiles = new RecipeLoader().load(filesRecipe());
        var fromShards = new RecipeLoader().load(recipe("from-shards", "{type: shards, path: " + out + "}"));
        var filesPlan = DataPlan.of(fromFiles);
        var shardsPlan = DataPlan.of(fromShards);
        assertEquals(ids(filesPlan.train()), ids(shardsPlan.train()), "the shards keep each sample's split");
        assertEquals(ids(filesPlan.test()), ids(shardsPlan.test()));

        // the same seed gives the same crops, jitter and clips, whichever the samples come from
        var fileSamples = new HashMap<String, Sample>();
        filesPlan.all().forEach(s -> fileSamples.put(s.id(), s));
        var names = List.of("img_a", "img_b", "sound");
        var viewsFromFiles = DataPlan.views(fromFiles, names);
        var viewsFromShards = DataPlan.views(fromShards, names);
        for (int i = 0; i < 4; i++) {
            var shardSample = shardsPlan.train().get(i);
            var fileSample = fileSamples.get(shardSample.id());
            for (int epoch : new int[] {0, 2}) {
                var a = viewsFromFiles.views(fileSample, epoch);
                var b = viewsFromShards.views(shardSample, epoch);
                for (var n : names) {
                    assertArrayEquals(a.get(n).shape(), b.get(n).shape());
                    assertArrayEquals(a.get(n).data(), b.get(n).data(), shardSample.id() + " " + n + " epoch " + epoch);
                }
            }
        }

        // inspect reads the decoded media as it is held: every sample readable, the images' sizes as in the files
        var inspect = CliRun.of("datasets", "inspect", dir.resolve("from-shards.yaml").toString(), "--all");
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("image: 29 files; checked 29, 29 readable"), inspect.out());
        assertTrue(inspect.out().contains("audio: 29 files; checked 29, 29 readable"), inspect.out());

        var summary = train(dir.resolve("from-shards.yaml"), "run-decoded");
        assertTrue(((Number) summary.get("steps")).longValue() >= 2, "trained: " + summary.get("steps"));

        // a rerun finds every shard complete and keeps them
        var again = CliRun.of("preprocess", filesRecipe().toString(), "--out", out.toString(), "--shard-size", "8", "--threads", "2");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("wrote 0 shards (4 kept from an earlier run)"), again.out());
    }

    /** The ids of a split, the unreadable sample left out (shards never hold it). */
    private static List<String> ids(Source split) {
        var ids = new ArrayList<String>();
        split.forEach(s -> ids.add(s.id()));
        ids.remove(broken);
        return ids;
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewShardsStoreTheViewTensorsAndTrain() throws Exception {
        var out = dir.resolve("views");
        var run = CliRun.of("preprocess", filesRecipe().toString(), "--out", out.toString(), "--store", "views", "--shard-size", "16");
        assertEquals(0, run.exit(), run.err());
        var index = new ObjectMapper().readValue(out.resolve(ShardIndex.FILE).toFile(), Map.class);
        assertEquals("views", index.get("store"));
        assertEquals(Map.of("img_a", "float32", "img_b", "float32", "sound", "float32"), index.get("arrays"));
        var shards = ShardSource.open(out);
        var first = shards.views(shards.get(0).id());
        assertArrayEquals(new int[] {3, 24, 24}, first.get("img_a").shape());
        assertEquals(16, first.get("sound").shape()[1], "16 mel bins");
        var summary = train(recipe("from-views", "{type: shards, path: " + out + "}"), "run-views");
        assertTrue(((Number) summary.get("steps")).longValue() >= 2);
        // the sync evaluation cuts views at other times, which made views cannot give: refused before training
        var syncFile = recipe("from-views-sync", "{type: shards, path: " + out + "}");
        Files.writeString(syncFile, Files.readString(syncFile) + "eval: {sync: {pair: img_a-sound}}\n");
        var sync = new RecipeLoader().load(syncFile);
        var e = assertThrows(IllegalArgumentException.class, () -> DataPlan.of(sync));
        assertTrue(e.getMessage().contains("eval.sync cuts the pair's second view at other times"), e.getMessage());
    }

    @Test
    void mistakesGetClearMessages() throws Exception {
        var e = assertThrows(RecipeException.class, () -> new RecipeLoader().load(
                recipe("split-on-shards", "{type: shards, path: somewhere, split: {train: 1}}")));
        assertTrue(e.getMessage().contains("dataset.split is not given for shards"), e.getMessage());

        var missing = CliRun.of("train", recipe("no-shards", "{type: shards, path: " + dir.resolve("none") + "}").toString(),
                "--out", dir.resolve("run-none").toString());
        assertEquals(Main.USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        var video = CliRun.of("preprocess", filesRecipe().toString(), "--out", dir.resolve("x").toString(), "--store", "frames");
        assertEquals(Main.USER_ERROR, video.exit());
        assertTrue(video.err().contains("use decoded or views"), video.err());
    }

    /** The Spark engine lives in its own module, absent from this one's classpath: a message says where it is. */
    @Test
    void sparkWithoutItsModuleSaysWhatIsMissing() throws Exception {
        var out = dir.resolve("spark-missing");
        var run = CliRun.of("preprocess", filesRecipe().toString(), "--out", out.toString(), "--engine", "spark");
        assertEquals(Main.USER_ERROR, run.exit());
        assertTrue(run.err().contains("no preprocessing engine 'spark' — its module (viewpair-spark) is not on"
                + " the classpath"), run.err());
        assertTrue(run.err().contains("(installed: local)"), run.err());
        assertTrue(Files.notExists(out));
    }
}
