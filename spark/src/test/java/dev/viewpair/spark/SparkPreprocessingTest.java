package dev.viewpair.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.shards.LocalShardFolder;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.ShardWriter;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.cli.CliRun;
import dev.viewpair.recipes.cli.Main;
import dev.viewpair.recipes.run.PreprocessEngine;
import dev.viewpair.recipes.run.Preprocessing;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine in local mode ({@code local[2]}) against the local engine on generated images and sounds with one
 * corrupt image: the same shards, byte for byte, through the CLI and through the engine, and a rerun keeps them.
 */
class SparkPreprocessingTest {
    private static final int SHARD_SIZE = 8;

    @TempDir
    static Path dir;
    static Path recipe;
    static String broken;

    @BeforeAll
    static void data() throws Exception {
        var manifest = SynthAv.generate(dir.resolve("data"), 30, 4, 2, done -> {});
        var line = Files.readAllLines(manifest).get(3).split(",");
        broken = line[0];
        Files.writeString(manifest.getParent().resolve(line[1]), "not an image");
        // the dataset path is relative: executors must resolve it against the recipe's folder as the driver does
        recipe = Files.writeString(dir.resolve("prep.yaml"), recipeText("data/manifest.csv"));
    }

    /** The recipe both engines run, of a manifest dataset at {@code path}. */
    static String recipeText(String path) {
        return """
                name: prep
                seed: 5
                dataset: {type: manifest, path: %s, split: {train: 0.8, test: 0.2}}
                views:
                  img_a: {from: image, ops: [random_resized_crop: {size: 24}]}
                  sound: {from: audio, ops: [clip: {seconds: 0.5}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
                encoders:
                  image: {type: conv, widths: [8], dim: 8, views: [img_a]}
                  audio: {type: conv, widths: [8], dim: 8, views: [sound]}
                pairs:
                  - {views: [img_a, sound], bound: infonce, critic: cosine}
                """.formatted(path);
    }

    @Test
    void sparkWritesTheLocalEnginesShardsAndARerunKeepsThem() throws Exception {
        var pre = Preprocessing.of(new RecipeLoader().load(recipe), StoreMode.DECODED, SHARD_SIZE);
        var local = dir.resolve("local");
        pre.run(new LocalShardFolder(local), 2, done -> {});

        var sparkDir = dir.resolve("spark");
        var run = CliRun.of("preprocess", recipe.toString(), "--out", sparkDir.toString(), "--shard-size", "" + SHARD_SIZE,
                "--engine", "spark", "--master", "local[2]");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("wrote 4 shards (0 kept from an earlier run): 29 samples, 1 skipped"), run.out());

        // the same files, nothing more (no .crc or .tmp files), the same bytes; the index the same tree
        assertEquals(names(local), names(sparkDir));
        for (var name : names(local)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(name)), Files.readAllBytes(sparkDir.resolve(name)), name);
        }
        var json = new ObjectMapper();
        assertEquals(json.readTree(local.resolve(ShardIndex.FILE).toFile()), json.readTree(sparkDir.resolve(ShardIndex.FILE).toFile()));
        var index = ShardIndex.read(sparkDir);
        assertEquals(29, index.samples());
        assertEquals(List.of(broken), index.shards().stream().flatMap(s -> s.skipped().stream()).map(s -> s.id()).toList());
        assertTrue(Files.readString(sparkDir.resolve(ShardIndex.BAD_INPUTS)).contains(broken));

        // a rerun through the engine keeps the three complete shards and writes the one whose entry is gone again
        Files.delete(sparkDir.resolve(ShardWriter.entryFile(2)));
        Files.delete(sparkDir.resolve(ShardIndex.FILE));
        var progress = new AtomicLong();
        var job = new PreprocessEngine.Job(recipe.toAbsolutePath(), Files.readString(recipe), pre,
                sparkDir.toUri().toString(), "local[2]");
        var result = new SparkEngine().run(job, progress::set);
        assertEquals(3, result.kept());
        assertEquals(30, progress.get());
        assertEquals(names(local), names(sparkDir));
        for (var name : names(local)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(name)), Files.readAllBytes(sparkDir.resolve(name)), name);
        }
    }

    /** The executors make the views of the recipe as the driver read it, its --set overrides written in. */
    @Test
    void overridesReachTheExecutors() throws Exception {
        var set = "views.img_a.ops.random_resized_crop.size=12";
        var local = dir.resolve("set-local");
        var sparkDir = dir.resolve("set-spark");
        var byLocal = CliRun.of("preprocess", recipe.toString(), "--out", local.toString(), "--store", "views",
                "--shard-size", "" + SHARD_SIZE, "--threads", "2", "--set", set);
        assertEquals(0, byLocal.exit(), byLocal.err());
        var bySpark = CliRun.of("preprocess", recipe.toString(), "--out", sparkDir.toString(), "--store", "views",
                "--shard-size", "" + SHARD_SIZE, "--engine", "spark", "--master", "local[2]", "--set", set);
        assertEquals(0, bySpark.exit(), bySpark.err());
        assertEquals(names(local), names(sparkDir));
        for (var name : names(local)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(name)), Files.readAllBytes(sparkDir.resolve(name)), name);
        }
        var json = new ObjectMapper();
        assertEquals(json.readTree(local.resolve(ShardIndex.FILE).toFile()), json.readTree(sparkDir.resolve(ShardIndex.FILE).toFile()));
    }

    @Test
    void theCliNamesTheInstalledEnginesAndRefusesLocalOptionsForSpark() throws Exception {
        var unknown = CliRun.of("preprocess", recipe.toString(), "--out", dir.resolve("x").toString(), "--engine", "flink");
        assertEquals(Main.USER_ERROR, unknown.exit());
        assertTrue(unknown.err().contains("no preprocessing engine 'flink' (installed: local, spark)"), unknown.err());

        var threads = CliRun.of("preprocess", recipe.toString(), "--out", dir.resolve("x").toString(), "--engine", "spark", "--threads", "2");
        assertEquals(Main.USER_ERROR, threads.exit());
        assertTrue(threads.err().contains("--threads is for --engine local"), threads.err());

        var hdfs = CliRun.of("preprocess", recipe.toString(), "--out", "hdfs://namenode/shards");
        assertEquals(Main.USER_ERROR, hdfs.exit());
        assertTrue(hdfs.err().contains("with --engine spark"), hdfs.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    static TreeSet<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
