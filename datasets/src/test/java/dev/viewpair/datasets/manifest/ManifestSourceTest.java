package dev.viewpair.datasets.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGeneratedDatasetBack() throws IOException {
        var manifest = SynthAv.generate(dir.resolve("synth"), 8, 3);
        var source = ManifestSource.open(manifest);
        var lines = Files.readAllLines(manifest);
        assertEquals(8, source.size());
        assertEquals(Set.of(Modality.IMAGE, Modality.AUDIO), source.modalities());
        for (int i = 0; i < 8; i++) {
            var cells = lines.get(i + 1).split(",");
            var sample = source.get(i);
            assertEquals(cells[0], sample.id());
            assertEquals(cells[3], sample.label());
            assertEquals(new MediaRef.FileMedia(manifest.getParent().resolve(cells[1]).toAbsolutePath()), sample.media().get(Modality.IMAGE));
            assertEquals(new MediaRef.FileMedia(manifest.getParent().resolve(cells[2]).toAbsolutePath()), sample.media().get(Modality.AUDIO));
            assertEquals(Map.of(), sample.meta());
        }
        assertEquals(List.of(), source.missingFiles());
        var gone = ((MediaRef.FileMedia) source.get(5).media().get(Modality.AUDIO)).path();
        Files.delete(gone);
        assertEquals(List.of(gone), source.missingFiles());
        assertTrue(source.describe().contains("8 samples"), source.describe());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        var manifest = write("""
                id,image,label,note\r
                a,"pics/x, y.png",cat,"she said ""hi"",
                then left"\r
                
                b,pics/z.png,,plain
                """);
        var source = ManifestSource.open(manifest);
        assertEquals(2, source.size());
        var a = source.get(0);
        assertEquals(dir.resolve("pics/x, y.png"), ((MediaRef.FileMedia) a.media().get(Modality.IMAGE)).path());
        assertEquals(Map.of("note", "she said \"hi\",\nthen left"), a.meta());
        assertEquals("cat", a.label());
        assertNull(source.get(1).label(), "an empty label cell is no label");
        assertEquals(Map.of("note", "plain"), source.get(1).meta());
    }

    @Test
    void withoutAnIdColumnTheIdIsTheMediaPath() throws IOException {
        var source = ManifestSource.open(write("audio,image\nsnd/1.wav,img/1.png\n,./img/2.png\nsnd/3.wav,\n"));
        assertEquals("img/1.png", source.get(0).id(), "the image path, whatever the column order");
        assertEquals("img/2.png", source.get(1).id(), "normalized");
        assertEquals(Set.of(Modality.IMAGE), source.get(1).media().keySet());
        assertEquals("snd/3.wav", source.get(2).id(), "the audio path when there is no image");
    }

    @Test
    void pathsLeavingTheDatasetFolderAreRefusedNamingRowAndColumn() throws IOException {
        var dotDot = write("id,image,audio\nok,a.png,a.wav\nbad,b.png,../../etc/b.wav\n");
        var e = assertThrows(ManifestException.class, () -> ManifestSource.open(dotDot));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("row 2, column audio"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset.allow_outside_root"), e.getMessage());

        var absolute = write("image\n/etc/passwd\n");
        var abs = assertThrows(ManifestException.class, () -> ManifestSource.open(absolute));
        assertTrue(abs.getMessage().contains("row 1, column image"), abs.getMessage());

        var allowed = ManifestSource.open(dotDot, true);
        assertEquals(dir.resolve("../../etc/b.wav").normalize(), ((MediaRef.FileMedia) allowed.get(1).media().get(Modality.AUDIO)).path());
        assertEquals(Path.of("/etc/passwd"), ((MediaRef.FileMedia) ManifestSource.open(absolute, true).get(0).media().get(Modality.IMAGE)).path());
    }

    @Test
    void anAbsolutePathInsideTheFolderIsAccepted() throws IOException {
        var inside = dir.resolve("img/x.png").toAbsolutePath();
        var source = ManifestSource.open(write("image\n" + inside + "\n"));
        assertEquals(inside, ((MediaRef.FileMedia) source.get(0).media().get(Modality.IMAGE)).path());
    }

    @Test
    void malformedManifestsAreReportedWithFileAndLine() throws IOException {
        assertProblem("id,image\n\"a\n,b.png\n", 2, "never closed");
        assertProblem("id,image\na,x.png\nb,\"y.png\"z\n", 3, "after a closing quote");
        assertProblem("id,image\na,x\"y.png\n", 2, "quote inside an unquoted field");
        assertProblem("id,image,label\na,x.png\n", 2, "has 2 fields but the header has 3");
        assertProblem("id,image\na,x.png\na,y.png\n", 3, "already used on line 2");
        assertProblem("id,label\na,cat\n", 1, "no media column");
        assertProblem("id,image\na,\n", 2, "no image, audio or video");
        assertProblem("image,Image\nx.png,y.png\n", 1, "appears twice");
        assertProblem("", 0, "is empty");
        // a multi-line quoted field moves the line count on
        assertProblem("id,image,note\na,x.png,\"two\nlines\"\nb,y.png\n", 4, "has 2 fields");
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        var manifest = dir.resolve("latin1.csv");
        Files.write(manifest, new byte[] {'i', 'm', 'a', 'g', 'e', '\n', (byte) 0xE9, '.', 'p', 'n', 'g', '\n'});
        var e = assertThrows(ManifestException.class, () -> ManifestSource.open(manifest));
        assertTrue(e.getMessage().startsWith(manifest + ": ") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    private void assertProblem(String csv, long line, String fragment) throws IOException {
        var manifest = write(csv);
        var e = assertThrows(ManifestException.class, () -> ManifestSource.open(manifest), csv);
        assertEquals(manifest, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(line > 0 ? manifest + ":" + line + ": " : manifest + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private Path write(String csv) throws IOException {
        var file = Files.createTempFile(dir, "manifest", ".csv");
        Files.writeString(file, csv);
        return file;
    }
}
