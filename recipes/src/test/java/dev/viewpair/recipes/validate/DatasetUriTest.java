package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.load;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.cli.CliRun;
import dev.viewpair.recipes.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset.path} as a URI. This module installs no storage for URI schemes (the Spark module brings Hadoop's),
 * so a URI other than {@code file:} is a problem that says what to do; a {@code file:} URI is a path of this machine.
 */
class DatasetUriTest {
    private static final String MINIMAL = fixture("minimal.yaml");

    @TempDir
    Path dir;

    @Test
    void aHadoopUriWithoutTheSparkModuleNamesThePathAndSaysWhatToDo() {
        var text = edit(MINIMAL, "  path: ../images", "  path: hdfs://namenode/data/images");
        assertProblem(onlyProblem(dir, "r.yaml", text), 4, 9, "dataset.path 'hdfs://namenode/data/images': no file system for"
                + " 'hdfs:' URIs is installed", "use a local path, or ./viewpair preprocess RECIPE --engine spark");
    }

    @Test
    void preprocessRefusesAHadoopUriWithoutTheSparkModule() {
        var recipe = RecipeFiles.write(dir, "r.yaml", edit(MINIMAL, "  path: ../images", "  path: hdfs://namenode/data/images"));
        var out = dir.resolve("shards");
        var run = CliRun.of("preprocess", recipe.toString(), "--out", out.toString());
        assertEquals(Main.USER_ERROR, run.exit());
        assertTrue(run.err().contains("dataset.path 'hdfs://namenode/data/images'"), run.err());
        assertTrue(run.err().contains("--engine spark"), run.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void aTypeReadFromLocalFilesRefusesAUri() {
        var text = edit(edit(MINIMAL, "  type: folder", "  type: idx"), "  path: ../images", "  path: s3a://bucket/train.gz");
        assertProblem(onlyProblem(dir, "r.yaml", text), 4, 9, "is a URI, but a dataset of type idx is read from this"
                + " machine's files", "manifest, jsonl, folder, video_folder");
    }

    @Test
    void aFileUriIsAPathOfThisMachine() throws Exception {
        var images = dir.toAbsolutePath().resolve("images");
        var recipe = load(dir, "r.yaml", edit(MINIMAL, "  path: ../images", "  path: " + images.toUri()));
        assertEquals(images, recipe.dataset().path());
        assertNull(recipe.dataset().uri());
    }
}
