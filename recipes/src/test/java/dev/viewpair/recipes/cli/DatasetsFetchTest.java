package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code viewpair datasets fetch}: the command's own checks, and a real copy of Debian's Fashion-MNIST. */
class DatasetsFetchTest {
    @TempDir
    Path dir;

    @Test
    void aMisspelledDatasetGetsASuggestion() {
        var r = CliRun.of("datasets", "fetch", "fashion-mnsit", "--out", dir.toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertEquals("viewpair: unknown dataset 'fashion-mnsit' — did you mean 'fashion-mnist'?", r.err().strip());
    }

    @Test
    void aFromFolderWithoutTheFilesNamesTheMissingFile() throws IOException {
        var empty = Files.createDirectories(dir.resolve("empty"));
        var r = CliRun.of("datasets", "fetch", "fashion-mnist", "--from", empty.toString(), "--out", dir.resolve("fm").toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().startsWith("viewpair: " + empty + " has no train-images-idx3-ubyte.gz; give the folder that holds"), r.err());
    }

    @Test
    void debiansCopyIsCopiedVerifiedThenFoundAlreadyThere() {
        var debian = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(debian), "apt-get install dataset-fashion-mnist");
        var out = dir.resolve("fm");
        var first = CliRun.of("datasets", "fetch", "fashion-mnist", "--from", debian.toString(), "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("t10k-labels-idx1-ubyte.gz: copied from " + debian + ", SHA-256 verified"), first.out());
        var second = CliRun.of("datasets", "fetch", "fashion-mnist", "--from", debian.toString(), "--out", out.toString());
        assertEquals(0, second.exit(), second.err());
        assertEquals(4, second.out().lines().filter(l -> l.endsWith(": already there, SHA-256 verified")).count(), second.out());
        var inspect = CliRun.of("datasets", "inspect", out.resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("samples: 10000"), inspect.out());
    }

    /** Without --from or --base-url, Debian's copy is used when it is there (here: offline, no download tried). */
    @Test
    void withoutFromDebiansCopyIsUsedAndNamed() {
        var debian = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isRegularFile(debian.resolve("t10k-labels-idx1-ubyte.gz")), "apt-get install dataset-fashion-mnist");
        var out = dir.resolve("fm");
        var r = CliRun.of("datasets", "fetch", "fashion-mnist", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("using Debian's copy in " + debian + " (package dataset-fashion-mnist): nothing is"
                + " downloaded; --base-url URL downloads instead"), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.endsWith(": copied from " + debian + ", SHA-256 verified")).count(), r.out());
    }
}
