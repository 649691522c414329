package dev.viewpair.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.folder.FolderSource;
import dev.viewpair.datasets.jsonl.JsonlManifestSource;
import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links and paths that leave a dataset's folder: followed inside it, refused outside unless allowed. */
class DatasetRootTest {
    @TempDir
    Path dir;

    private static List<String> ids(Source s) {
        return StreamSupport.stream(s.spliterator(), false).map(Sample::id).toList();
    }

    private Path file(String relative) throws IOException {
        var p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void aFolderFollowsLinksInsideItsTreeOnceAndKeepsDanglingOnesAsBadInputs() throws IOException {
        var root = dir.resolve("root");
        file("root/cats/a.png");
        Files.createDirectories(root.resolve("dogs"));
        Files.createSymbolicLink(root.resolve("dogs/b.png"), root.resolve("cats/a.png"));
        Files.createSymbolicLink(root.resolve("more-cats"), root.resolve("cats"));
        Files.createSymbolicLink(root.resolve("cats/loop"), root); // a loop: walked once, no error
        Files.createSymbolicLink(root.resolve("dogs/gone.png"), root.resolve("nowhere.png"));

        var source = FolderSource.open(root);
        assertEquals(List.of("cats/a.png", "dogs/b.png", "dogs/gone.png", "more-cats/a.png"), ids(source));
        assertEquals("dogs", source.get(1).label());
    }

    @Test
    void aFolderLinkingOutOfItselfIsRefusedUnlessAllowed() throws IOException {
        var root = dir.resolve("root");
        file("root/cats/a.png");
        var outside = file("elsewhere/secret.png");
        Files.createSymbolicLink(root.resolve("cats/b.png"), outside);

        var e = assertThrows(IllegalArgumentException.class, () -> FolderSource.open(root));
        assertTrue(e.getMessage().contains("b.png is a symbolic link to " + outside.toRealPath())
                && e.getMessage().contains("dataset.allow_outside_root: true"), e.getMessage());
        var allowed = FolderSource.open(root, EnumSet.allOf(Modality.class), true);
        assertEquals(List.of("cats/a.png", "cats/b.png"), ids(allowed));

        // a linked folder outside is refused the same way, before anything in it is listed
        Files.delete(root.resolve("cats/b.png"));
        Files.createSymbolicLink(root.resolve("dogs"), outside.getParent());
        e = assertThrows(IllegalArgumentException.class, () -> FolderSource.open(root));
        assertTrue(e.getMessage().contains("dogs is a symbolic link to " + outside.getParent().toRealPath()), e.getMessage());
    }

    @Test
    void manifestsRefuseLinksOutOfTheirFolderNamingTheLine() throws IOException {
        var outside = file("elsewhere/secret.png");
        file("data/a.png");
        Files.createSymbolicLink(dir.resolve("data/link.png"), outside);
        Files.createSymbolicLink(dir.resolve("data/inner.png"), dir.resolve("data/a.png"));
        var csv = Files.writeString(dir.resolve("data/m.csv"), "image\na.png\ninner.png\nlink.png\n");
        var e = assertThrows(ManifestException.class, () -> ManifestSource.open(csv));
        assertTrue(e.getMessage().startsWith(csv + ":4: ") && e.getMessage().contains("a symbolic link to " + outside.toRealPath()),
                e.getMessage());
        assertEquals(3, ManifestSource.open(csv, true).size());

        var jsonl = Files.writeString(dir.resolve("data/m.jsonl"), "{\"image\": \"inner.png\"}\n{\"image\": \"link.png\"}\n");
        e = assertThrows(ManifestException.class, () -> JsonlManifestSource.open(jsonl));
        assertTrue(e.getMessage().startsWith(jsonl + ":2: ") && e.getMessage().contains("dataset.allow_outside_root"), e.getMessage());
        assertEquals(2, JsonlManifestSource.open(jsonl, true).size());
    }
}
