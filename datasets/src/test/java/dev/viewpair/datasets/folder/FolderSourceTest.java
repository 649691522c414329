package dev.viewpair.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.views.Modality;
import dev.viewpair.views.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
    @TempDir
    Path dir;

    private void touch(String... relative) throws IOException {
        for (var r : relative) {
            var p = dir.resolve(r);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
        }
    }

    private static List<String> ids(FolderSource s) {
        return StreamSupport.stream(s.spliterator(), false).map(Sample::id).toList();
    }

    @Test
    void oneSamplePerMediaFileLabelledByItsTopFolderInSortedOrder() throws IOException {
        // written out of order, with hidden files, a hidden folder, an unknown extension and a nested folder
        touch("dog/b.JPG", "cat/z.wav", "cat/a.png", "dog/a.mp4", "loose.flac", "cat/.hidden.png", ".cache/x.png",
                "dog/notes.txt", "dog/more/c.webp");
        var source = FolderSource.open(dir);
        assertEquals(List.of("cat/a.png", "cat/z.wav", "dog/a.mp4", "dog/b.JPG", "dog/more/c.webp", "loose.flac"), ids(source));
        var modalities = new ArrayList<Modality>();
        var labels = new ArrayList<String>();
        for (var s : source) {
            assertEquals(1, s.media().size());
            var m = s.media().keySet().iterator().next();
            modalities.add(m);
            labels.add(s.label());
            assertEquals(new MediaRef.FileMedia(dir.toAbsolutePath().resolve(s.id())), s.media().get(m));
            assertEquals(Map.of(), s.meta());
        }
        assertEquals(List.of(Modality.IMAGE, Modality.AUDIO, Modality.VIDEO, Modality.IMAGE, Modality.IMAGE, Modality.AUDIO), modalities);
        assertEquals(List.of("cat", "cat", "dog", "dog", "dog"), labels.subList(0, 5));
        assertNull(labels.get(5), "a file directly under the root has no label");
        assertEquals(Set.of(Modality.IMAGE, Modality.AUDIO, Modality.VIDEO), source.modalities());
        assertEquals(ids(source), ids(FolderSource.open(dir)), "opening twice gives the same order");
        assertTrue(source.describe().startsWith("folder ") && source.describe().contains("6 samples"), source.describe());
    }

    @Test
    void videoFolderKeepsOnlyVideos() throws IOException {
        touch("run/a.mkv", "run/b.png", "jump/c.MOV", "jump/d.wav");
        var videos = FolderSource.videos(dir);
        assertEquals(List.of("jump/c.MOV", "run/a.mkv"), ids(videos));
        assertEquals(Set.of(Modality.VIDEO), videos.modalities());
        assertEquals("jump", videos.get(0).label());
        assertTrue(videos.describe().startsWith("video_folder "), videos.describe());
    }

    @Test
    void aGeneratedTreeDecodes() throws IOException {
        SynthAv.generate(dir, 6, 1, 2, x -> {});
        var source = FolderSource.open(dir);
        assertEquals(12, source.size(), "6 images and 6 sounds; the manifest is not media");
        var first = source.get(0);
        assertEquals("audio", first.label());
        var image = source.get(6);
        assertEquals("images", image.label());
        try (var mat = ImageDecoder.decode(image.media().get(Modality.IMAGE).bytes(), image.id())) {
            assertEquals(SynthAv.IMAGE_SIZE, mat.rows());
        }
    }

    @Test
    void emptyOrMissingFoldersAreRefusedWithTheirName() throws IOException {
        touch("a/readme.md");
        var e = assertThrows(IllegalArgumentException.class, () -> FolderSource.videos(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("mp4"), e.getMessage());
        var missing = dir.resolve("nope");
        var m = assertThrows(IllegalArgumentException.class, () -> FolderSource.open(missing));
        assertTrue(m.getMessage().contains("nope"), m.getMessage());
    }
}
