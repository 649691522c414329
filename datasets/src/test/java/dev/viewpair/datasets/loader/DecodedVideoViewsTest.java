package dev.viewpair.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedVideoViewsTest {
    @TempDir
    Path dir;

    private static final ViewSet AV = ViewSet.build(List.of(
            new ViewSpec("frame", Modality.VIDEO, List.of(new OpSpec("frame", Map.of("size", 32)), OpSpec.of("normalize"))),
            new ViewSpec("sound", Modality.VIDEO, List.of(new OpSpec("audio_window", Map.of("seconds", 1.0)),
                    new OpSpec("log_mel", Map.of("mels", 40))))), OpCatalog.standard(), 1);

    @Test
    void aVideoFileBecomesFrameAndSoundViews() throws Exception {
        SynthVideo.generate(dir, 1, 5);
        var file = dir.resolve("videos/v00000.mp4");
        var views = new DecodedViews(AV, 16000);
        var sample = new Sample("v00000", Map.of(Modality.VIDEO, new MediaRef.FileMedia(file)), "flash", Map.of());

        var out = views.views(sample, 0);

        assertArrayEquals(new int[] {3, 32, 32}, out.get("frame").shape());
        assertArrayEquals(new int[] {1, 40, 101}, out.get("sound").shape());
        assertEquals(out, views.views(sample, 0));
    }

    @Test
    void videoBytesAndBadVideosAreRefusedNamingThem() throws Exception {
        var views = new DecodedViews(AV, 16000);
        var inMemory = new Sample("m", Map.of(Modality.VIDEO, new MediaRef.EncodedBytes("mem/clip.mp4", new byte[10])), null, Map.of());
        var e = assertThrows(MediaException.class, () -> views.views(inMemory, 0));
        assertTrue(e.getMessage().contains("mem/clip.mp4") && e.getMessage().contains("file paths"), e.getMessage());

        var broken = Files.writeString(dir.resolve("broken.mp4"), "no video here\n".repeat(100));
        var bad = new Sample("b", Map.of(Modality.VIDEO, new MediaRef.FileMedia(broken)), null, Map.of());
        e = assertThrows(MediaException.class, () -> views.views(bad, 0));
        assertTrue(e.getMessage().contains("broken.mp4"), e.getMessage());
    }
}
