package dev.viewpair.views.video;

import static dev.viewpair.views.video.TestVideos.FPS;
import static dev.viewpair.views.video.TestVideos.RATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.video.io.Video;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoViewsTest {
    private static final double[] CLICKS = {0.5, 1.234, 2.05, 3.61};
    private static final OpCatalog CATALOG = OpCatalog.standard();

    @TempDir
    Path dir;

    private static ViewSpec view(String name, OpSpec... ops) {
        return new ViewSpec(name, Modality.VIDEO, List.of(ops));
    }

    private static OpSpec frame(String at) {
        return new OpSpec("frame", Map.of("at", at));
    }

    private static OpSpec sound(double seconds, String at) {
        return new OpSpec("audio_window", Map.of("seconds", seconds, "at", at));
    }

    /**
     * Frames at the anchor and half a second later, sound around the anchor and half a second later, and sound
     * one to two seconds after it: on a 4 s video the anchor must lie in [0.5 s, 2 s].
     */
    private static ViewSet avViews(long seed) {
        return ViewSet.build(List.of(
                view("now", frame("anchor")),
                view("later", frame("anchor + 0.5s")),
                view("sound", sound(1.0, "anchor - 0.5s")),
                view("sound_later", sound(1.0, "anchor")),
                view("edge", sound(1.0, "anchor + 1s"))), CATALOG, seed);
    }

    /** The frame index a one-frame view shows, read from its tensor's centre. */
    private static int index(ViewTensor view) {
        int h = view.shape()[1];
        int w = view.shape()[2];
        int centre = (h / 2) * w + w / 2;
        int red = Math.round(view.data()[centre] * 255);
        int green = Math.round(view.data()[h * w + centre] * 255);
        return red / 32 + 8 * (green / 32);
    }

    @Test
    void videoOpsStartVideoViewsAndNothingElseDoes() {
        assertEquals(Stage.VIDEO, Stage.initial(Modality.VIDEO));
        assertEquals(Stage.IMAGE, CATALOG.find("frame", Stage.VIDEO).orElseThrow().output());
        assertEquals(Stage.IMAGE, CATALOG.find("frames", Stage.VIDEO).orElseThrow().output());
        assertEquals(Stage.WAVEFORM, CATALOG.find("audio_window", Stage.VIDEO).orElseThrow().output());

        var clipFirst = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(
                view("v", new OpSpec("clip", Map.of("seconds", 1.0))), CATALOG));
        assertTrue(clipFirst.getMessage().contains("cannot take video"), clipFirst.getMessage());
        var frameOfAudio = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(
                new ViewSpec("a", Modality.AUDIO, List.of(frame("anchor"))), CATALOG));
        assertTrue(frameOfAudio.getMessage().contains("'frame' cannot take waveform"), frameOfAudio.getMessage());

        var frameOp = CATALOG.find("frame", Stage.VIDEO).orElseThrow();
        assertEquals("size", frameOp.check(Map.of("size", List.of(24, 0))).get(0).param());
        assertEquals("size", frameOp.check(Map.of("size", List.of(24, 32, 3))).get(0).param());
        assertTrue(frameOp.check(Map.of("size", List.of(24, 32), "at", "anchor - 250ms")).isEmpty());
        assertEquals("n", CATALOG.find("frames", Stage.VIDEO).orElseThrow().check(Map.of()).get(0).param());
    }

    @Test
    void viewsAtAnchorAndHalfASecondLaterAreHalfASecondApart() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.avi"), CLICKS, true);
        var views = avViews(11);
        for (int s = 0; s < 25; s++) {
            Map<String, ViewTensor> out;
            try (var video = Video.open(file)) {
                out = views.apply(Map.of(Modality.VIDEO, video), 0, "clip-" + s);
            }
            assertEquals(5, index(out.get("later")) - index(out.get("now")), "0.5 s is 5 frames at 10 fps");
            // PCM is lossless: the later window's first half is the earlier window's second half, sample for sample
            float[] sound = out.get("sound").data();
            float[] later = out.get("sound_later").data();
            assertArrayEquals(Arrays.copyOfRange(sound, RATE / 2, RATE), Arrays.copyOfRange(later, 0, RATE / 2));
        }
    }

    @Test
    void theFrameAndTheSoundOfOneAnchorShowTheSameMoment() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true);
        var views = avViews(3);
        for (int s = 0; s < 25; s++) {
            Map<String, ViewTensor> out;
            try (var video = Video.open(file)) {
                out = views.apply(Map.of(Modality.VIDEO, video), 1, "clip-" + s);
            }
            int shown = index(out.get("now"));
            // the window starts 0.5 s before the anchor: the loudest sample is a click, and only one of the
            // clicks (0.7 s or more apart) puts the anchor inside the frame that the "now" view shows
            double peakSeconds = TestVideos.peak(out.get("sound").data()) / (double) RATE;
            boolean agrees = false;
            for (double click : CLICKS) {
                double anchor = click - peakSeconds + 0.5;
                agrees |= anchor >= shown / (double) FPS - 0.003 && anchor < (shown + 1) / (double) FPS + 0.003;
            }
            assertTrue(agrees, "sample clip-" + s + ": frame " + shown + ", click heard " + peakSeconds + " s into the window");
        }
    }

    @Test
    void theAnchorKeepsEveryWindowInsideTheVideo() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.avi"), CLICKS, true);
        var views = avViews(5);
        var shown = new HashSet<Integer>();
        for (int s = 0; s < 40; s++) {
            Map<String, ViewTensor> out;
            try (var video = Video.open(file)) {
                out = views.apply(Map.of(Modality.VIDEO, video), 0, "clip-" + s);
            }
            for (var name : List.of("sound", "sound_later", "edge")) {
                float[] x = out.get(name).data();
                // the steady tone (RMS 0.07) runs to both ends of every window: nothing was zero-padded
                assertTrue(rms(x, 0, 80) > 0.03 && rms(x, x.length - 80, x.length) > 0.03, name + " of clip-" + s);
            }
            int now = index(out.get("now"));
            assertTrue(now >= 5 && now <= 20, "anchor in [0.5 s, 2 s], got frame " + now);
            shown.add(now);
        }
        assertTrue(shown.size() >= 8, "anchors spread over the allowed range: " + shown);
    }

    @Test
    void viewsAreAPureFunctionOfSeedEpochAndSampleWhateverTheThreads() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true);
        var views = ViewSet.build(List.of(
                view("img", new OpSpec("frame", Map.of("at", "anchor", "size", 32)),
                        new OpSpec("random_resized_crop", Map.of("size", 24)), OpSpec.of("hflip"),
                        new OpSpec("color_jitter", Map.of("brightness", 0.4)), OpSpec.of("normalize")),
                view("mel", new OpSpec("audio_window", Map.of("seconds", 1.0, "at", "anchor", "jitter", 0.1)),
                        new OpSpec("gain", Map.of()), new OpSpec("log_mel", Map.of("mels", 32)))), CATALOG, 9);
        Map<String, ViewTensor> reference;
        try (var video = Video.open(file)) {
            reference = views.apply(Map.of(Modality.VIDEO, video), 2, "v1");
            assertArrayEquals(new int[] {3, 24, 24}, reference.get("img").shape());
            assertEquals(32, reference.get("mel").shape()[1]);
            assertNotEquals(reference, views.apply(Map.of(Modality.VIDEO, video), 3, "v1"));
        }
        // several threads read one Video at once, inside the scope a loader opens per sample
        try (var video = Video.open(file)) {
            var pool = Executors.newFixedThreadPool(3);
            try {
                var futures = new ArrayList<Future<Map<String, ViewTensor>>>();
                for (int i = 0; i < 12; i++) {
                    futures.add(pool.submit(() -> {
                        try (var scope = new PointerScope()) {
                            return views.apply(Map.of(Modality.VIDEO, video), 2, "v1");
                        }
                    }));
                }
                for (var f : futures) {
                    assertEquals(reference, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The views of recipes/av-sync.yaml (frame stacks, the sound, the shifted sound, hard negatives with jitter):
     * made together from one opened video they share its decoding, yet each comes out exactly as it does when it
     * is the first view made from a freshly opened video, whatever the order the views are declared in.
     */
    @Test
    void sameSeedSameViewWhetherAViewIsMadeAloneOrBesideOthersInAnyOrder() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true);
        var specs = List.of(
                view("frame", new OpSpec("frames", Map.of("n", 4, "rate", 8, "at", "anchor - 0.25s", "size", 24))),
                view("later", new OpSpec("frames", Map.of("n", 4, "rate", 8, "at", "anchor + 0.25s", "size", 24))),
                view("sound", sound(0.5, "anchor - 0.25s"), new OpSpec("log_mel", Map.of("mels", 32))),
                view("sound_shifted", sound(0.5, "anchor + 0.75s"), new OpSpec("log_mel", Map.of("mels", 32))),
                view("sound_hard", new OpSpec("audio_window", Map.of("seconds", 0.5, "at", "anchor + 0.75s", "jitter", 0.25)),
                        new OpSpec("log_mel", Map.of("mels", 32))));
        var reversed = new ArrayList<>(specs);
        Collections.reverse(reversed);
        var together = ViewSet.build(specs, CATALOG, 21);
        var backwards = ViewSet.build(reversed, CATALOG, 21);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (String id : List.of("a", "b", "c", "d")) {
                Map<String, ViewTensor> all;
                Map<String, ViewTensor> allBackwards;
                try (var video = Video.open(file)) {
                    all = together.apply(Map.of(Modality.VIDEO, video), epoch, id);
                    allBackwards = backwards.apply(Map.of(Modality.VIDEO, video), epoch, id);
                }
                for (var spec : specs) {
                    // first made from a freshly opened video: nothing decoded before it (the other views stay in
                    // the set, as they bound the anchor)
                    var firstOfAll = new ArrayList<>(specs);
                    firstOfAll.remove(spec);
                    firstOfAll.add(0, spec);
                    String name = spec.name();
                    ViewTensor alone;
                    try (var video = Video.open(file)) {
                        alone = ViewSet.build(firstOfAll, CATALOG, 21).apply(Map.of(Modality.VIDEO, video), epoch, id).get(name);
                    }
                    assertArrayEquals(alone.data(), all.get(name).data(), name + ", sample " + id + ", epoch " + epoch);
                    assertArrayEquals(alone.data(), allBackwards.get(name).data(), name + " declared last to first");
                }
                assertNotEquals(Arrays.toString(all.get("sound_hard").data()), Arrays.toString(all.get("sound_shifted").data()));
            }
        }
    }

    @Test
    void framesStackAlongTheChannelsAndTakeGeometricOps() throws Exception {
        var file = TestVideos.write(dir.resolve("coded.mp4"), CLICKS, true);
        var stack = ViewChain.build(view("clip", new OpSpec("frames", Map.of("n", 4, "rate", 5, "at", 1.05)),
                new OpSpec("resize", Map.of("size", 24)), new OpSpec("hflip", Map.of("p", 1.0))), CATALOG);
        var jittered = ViewChain.build(view("clip", new OpSpec("frames", Map.of("n", 2, "at", 1.0)),
                new OpSpec("color_jitter", Map.of("brightness", 0.4, "p", 1.0))), CATALOG);
        try (var video = Video.open(file)) {
            var ctx = new dev.viewpair.views.ViewContext(dev.viewpair.views.Rng.of(1), 0);
            var view = stack.apply(video, ctx);
            assertArrayEquals(new int[] {12, 24, 24}, view.shape());
            int plane = 24 * 24;
            for (int k = 0; k < 4; k++) {
                // frames at 1.05, 1.25, 1.45, 1.65 s: indices 10, 12, 14, 16 at 10 fps
                var one = new ViewTensor(Arrays.copyOfRange(view.data(), 3 * k * plane, 3 * (k + 1) * plane), new int[] {3, 24, 24});
                assertEquals(10 + 2 * k, index(one), "frame " + k + " of the stack");
            }
            var e = assertThrows(IllegalArgumentException.class, () -> jittered.apply(video, ctx));
            assertTrue(e.getMessage().contains("8-bit RGB"), e.getMessage());
        }
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
