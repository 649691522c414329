package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.run.DataPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code viewpair datasets inspect} on real files, one of them corrupt. */
class DatasetsInspectTest {
    @TempDir
    static Path dir;

    static Path data;
    static Path broken;

    @BeforeAll
    static void synthAvWithOneCorruptImage() throws IOException {
        data = dir.resolve("sav");
        SynthAv.generate(data, 16, 1, 2, x -> {});
        try (var images = Files.list(data.resolve("images"))) {
            broken = images.sorted().skip(3).findFirst().orElseThrow();
        }
        Files.writeString(broken, "not an image");
    }

    @Test
    void aManifestReportsCountsPerClassAndNamesTheUnreadableFile() {
        var r = CliRun.of("datasets", "inspect", data.resolve("manifest.csv").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("manifest "), r.out());
        assertTrue(r.out().contains("image: 16 files; checked 16, 15 readable; width 64–64, height 64–64"), r.out());
        assertTrue(Pattern.compile("audio: 16 files; checked 16, 16 readable; durations \\d").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("classes: 8\n"), r.out());
        assertEquals(8, Pattern.compile("(?m)^  \\S+-(warm|cool) +2$").matcher(r.out()).results().count(), r.out());
        assertTrue(r.out().contains("unreadable: 1\n  "), r.out());
        assertTrue(r.out().contains(broken.toString()), r.out());
    }

    @Test
    void aFolderIsAClassPerSubfolderTree() {
        var r = CliRun.of("datasets", "inspect", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("folder "), r.out());
        assertTrue(Pattern.compile("(?m)^  audio +16$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^  images +16$").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("unreadable: 1"), r.out());
    }

    @Test
    void aRecipeIsInspectedThroughItsDatasetAndJsonlIsGuessed() throws IOException {
        var jsonl = Files.writeString(data.resolve("two.jsonl"), """
                {"image": "%s", "label": "x"}
                {"image": "images/nowhere.png", "label": "y"}
                """.formatted(data.relativize(broken).toString().replace('\\', '/')));
        var recipe = Files.readString(Path.of("..", "recipes", "quickstart.yaml").toAbsolutePath())
                .replaceFirst("dataset: \\{[^\\n]*", "dataset: {type: jsonl, path: sav/two.jsonl, split: {train: 0.5, test: 0.5}}");
        var file = Files.writeString(dir.resolve("r.yaml"), recipe);
        for (var target : new Path[] {file, jsonl}) {
            var r = CliRun.of("datasets", "inspect", "--all", target.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("jsonl "), r.out());
            assertTrue(r.out().contains("image: 2 files; checked 2, 0 readable"), r.out());
            assertTrue(r.out().contains("unreadable: 2"), r.out());
            assertTrue(r.out().contains("nowhere.png"), r.out());
        }
    }

    @Test
    void aFolderOfIdxFilesIsGuessed() throws IOException {
        var idx = Files.createDirectories(dir.resolve("mnist"));
        Files.write(idx.resolve("train-images-idx3-ubyte"), ByteBuffer.allocate(16 + 2 * 28 * 28)
                .putInt(0x803).putInt(2).putInt(28).putInt(28).array());
        Files.write(idx.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 4, 9});
        var r = CliRun.of("datasets", "inspect", idx.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("idx "), r.out());
        assertTrue(r.out().contains("image: 2 files; checked 2, 2 readable; width 28–28, height 28–28"), r.out());
        assertTrue(Pattern.compile("(?m)^  4 +1$").matcher(r.out()).find(), r.out());
        assertFalse(r.out().contains("unreadable"), r.out());
    }

    @Test
    void aMissingPathOrUnknownTypeIsAUserError() throws IOException {
        var r = CliRun.of("datasets", "inspect", dir.resolve("nope").toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("nope") && r.err().contains("does not exist"), r.err());
        var e = assertThrows(IllegalArgumentException.class, () -> DataPlan.open("parquet", data));
        assertTrue(e.getMessage().contains("'parquet'") && e.getMessage().contains("jsonl"), e.getMessage());
    }
}
