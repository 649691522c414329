package dev.viewpair.datasets.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlManifestSourceTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("data.jsonl"), text);
    }

    @Test
    void readsRecordsLikeTheCsvManifest() throws IOException {
        var file = write("""
                {"id": "a", "image": "pics/a.png", "audio": "snd/a.wav", "label": "cat", "fold": 3, "ok": true}

                {"image": "pics/b.png", "label": null, "tags": ["x", "y"]}\r
                {"video": "clips/c.mp4", "label": 7}
                """);
        var source = JsonlManifestSource.open(file);
        assertEquals(3, source.size());
        var a = source.get(0);
        assertEquals("a", a.id());
        assertEquals("cat", a.label());
        assertEquals(new MediaRef.FileMedia(dir.toAbsolutePath().resolve("pics/a.png")), a.media().get(Modality.IMAGE));
        assertEquals(new MediaRef.FileMedia(dir.toAbsolutePath().resolve("snd/a.wav")), a.media().get(Modality.AUDIO));
        assertEquals(Map.of("fold", "3", "ok", "true"), a.meta());
        var b = source.get(1);
        assertEquals("pics/b.png", b.id(), "without an id the id is the first media path");
        assertNull(b.label());
        assertEquals(Map.of("tags", "[\"x\",\"y\"]"), b.meta());
        assertEquals("7", source.get(2).label());
        assertEquals(Set.of(Modality.IMAGE, Modality.AUDIO, Modality.VIDEO), source.modalities());
        assertTrue(source.describe().startsWith("jsonl ") && source.describe().contains("3 samples"), source.describe());
    }

    @Test
    void pathsOutOfTheFolderAreRefusedUnlessAllowed() throws IOException {
        var file = write("""
                {"image": "ok.png"}
                {"image": "../outside.png"}
                """);
        var e = assertThrows(ManifestException.class, () -> JsonlManifestSource.open(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(file + ":2: ") && e.getMessage().contains("leads out"), e.getMessage());
        var allowed = JsonlManifestSource.open(file, true);
        assertEquals(dir.toAbsolutePath().getParent().resolve("outside.png"),
                ((MediaRef.FileMedia) allowed.get(1).media().get(Modality.IMAGE)).path());
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        assertProblem("{\"image\": \"a.png\"}\n{\"image\": \"b.png\"\n", 2, "not valid JSON");
        assertProblem("{\"image\": \"a.png\"}\n\n[1, 2]\n", 3, "JSON object");
        assertProblem("{\"label\": \"x\"}\n", 1, "no image, audio or video");
        assertProblem("{\"id\": \"s\", \"image\": \"a.png\"}\n{\"id\": \"s\", \"image\": \"b.png\"}\n", 2, "already used on line 1");
        assertProblem("{\"image\": {\"path\": \"a.png\"}}\n", 1, "must be a string");
        assertProblem("\n\n", 0, "no records");
    }

    private void assertProblem(String text, long line, String words) throws IOException {
        var file = write(text);
        var e = assertThrows(ManifestException.class, () -> JsonlManifestSource.open(file));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(words), e.getMessage());
    }
}
