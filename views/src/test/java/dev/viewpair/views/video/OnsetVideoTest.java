package dev.viewpair.views.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.video.io.Video;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code at: onset} in a video view: the anchor lands on a click of the sound track; frame and sound agree. */
class OnsetVideoTest {
    private static final double[] CLICKS = {0.7, 1.9, 3.1};

    @Test
    void framesAndSoundAreCutAtAClickOfTheSoundTrack(@TempDir Path dir) throws Exception {
        var file = TestVideos.write(dir.resolve("clicks.avi"), CLICKS, true);
        var views = List.of(
                new ViewSpec("sound", Modality.VIDEO, List.of(new OpSpec("audio_window",
                        Map.of("seconds", 0.2, "at", "onset - 0.05s")))),
                new ViewSpec("picture", Modality.VIDEO, List.of(new OpSpec("frame", Map.of("at", "onset")))));
        var set = ViewSet.build(views, OpCatalog.standard(), 5);
        var clicks = new TreeSet<Integer>();
        try (var video = Video.open(file)) {
            for (int epoch = 0; epoch < 8; epoch++) {
                var made = set.apply(Map.of(Modality.VIDEO, video), epoch, "v");
                // the click is 50 ms (800 samples) into the sound window, within a hop (256 samples)
                int peak = TestVideos.peak(made.get("sound").data());
                assertTrue(Math.abs(peak - 800) <= 256, "epoch " + epoch + ": the click is " + peak + " samples into the window");
                // the frame shown at the click: index round(click × fps) (7, 19 or 31), one frame either way at most
                int index = frameIndex(made.get("picture").data());
                int click = -1;
                for (int i = 0; i < CLICKS.length; i++) {
                    if (Math.abs(index - CLICKS[i] * TestVideos.FPS) <= 1) {
                        click = i;
                    }
                }
                assertTrue(click >= 0, "epoch " + epoch + ": frame " + index + " shows no click's time");
                clicks.add(click);
            }
        }
        assertEquals(new ViewSet.OnsetTally(8, 0), set.onsetTally());
        assertTrue(clicks.size() >= 2, "8 epochs drew the clicks " + clicks);
    }

    /** The index a frame encodes ({@link TestVideos#indexOf}), read from the view's 3 × H × W tensor in [0, 1]. */
    private static int frameIndex(float[] chw) {
        int side = TestVideos.SIZE;
        int centre = side / 2 * side + side / 2;
        int red = Math.round(chw[centre] * 255);
        int green = Math.round(chw[side * side + centre] * 255);
        return red / 32 + 8 * (green / 32);
    }
}
