package dev.viewpair.views.video;

import dev.viewpair.views.video.io.Video;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewpair.views.MadeShapes;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape rules of the video ops, checked against the frames and sound they cut from a coded video. */
class VideoShapesTest {
    @TempDir
    Path dir;

    @Test
    void framesAndSoundHaveTheShapesTheirOpsCut() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.avi"), new double[] {0.5, 2.05}, true);
        var views = List.of(
                new ViewSpec("frame", Modality.VIDEO, List.of(new OpSpec("frame", Map.of("size", List.of(24, 32))), OpSpec.of("hflip"))),
                new ViewSpec("frames", Modality.VIDEO, List.of(new OpSpec("frames", Map.of("n", 2, "size", 16)))),
                new ViewSpec("sound", Modality.VIDEO, List.of(new OpSpec("audio_window", Map.of("seconds", 0.5, "sample_rate", 8000)),
                        new OpSpec("log_mel", Map.of("n_fft", 256, "hop", 80)))));
        var shapes = new StringBuilder();
        for (var view : views) {
            try (var video = Video.open(file)) {
                shapes.append(MadeShapes.assertFixedAsMade(view, Map.of(Modality.VIDEO, video), 16000)).append(' ');
            }
        }
        assertEquals("{frame=3 × 24 × 32} {frames=6 × 16 × 16} {sound=1 × 64 × 51} ", shapes.toString());
        assertEquals("{frame=3 × H × W}", MadeShapes.declared(new ViewSpec("frame", Modality.VIDEO, List.of(OpSpec.of("frame"))),
                16000).toString());
    }

    private static dev.viewpair.views.catalog.Shape declared(OpSpec... ops) {
        return MadeShapes.declared(new ViewSpec("v", Modality.VIDEO, List.of(ops)), 16000).get("v");
    }

    @Test
    void aFrameStackStaysOneThroughGeometricOpsAndAFrameIsAnImage() {
        var stack = declared(new OpSpec("frames", Map.of("n", 4, "size", 40)));
        assertEquals(4, stack.frames());
        var cropped = declared(new OpSpec("frames", Map.of("n", 4)), new OpSpec("resize", Map.of("size", 36)),
                new OpSpec("random_resized_crop", Map.of("size", 32)), OpSpec.of("hflip"), OpSpec.of("normalize"));
        assertEquals("12 × 32 × 32", cropped.toString());
        assertEquals(true, cropped.isFrameStack(), "geometric ops keep the frames");
        assertEquals(1, declared(new OpSpec("frames", Map.of("n", 1))).frames(), "one frame of frames is a stack of one");
        assertEquals(false, declared(new OpSpec("frame", Map.of("size", 32))).isFrameStack(), "frame cuts an image");
        assertEquals(false, declared(new OpSpec("frame", Map.of("size", 32)), new OpSpec("center_crop", Map.of("size", 16)))
                .isFrameStack());
    }
}
