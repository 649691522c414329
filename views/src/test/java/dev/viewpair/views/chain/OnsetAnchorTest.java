package dev.viewpair.views.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code at: onset}: the sample's anchor lands on an onset of its sound, drawn anew each epoch, the same for a seed. */
class OnsetAnchorTest {
    private static final int RATE = 16000;
    private static final double HOP = 256.0 / RATE;
    private static final double[] TIMES = {0.3, 0.8123, 1.4567, 2.0011, 2.6042};
    private static final Audio BURSTS = new Audio(TestAudio.toneBursts(TIMES, 3, RATE), RATE);

    private static ViewSpec clip(String name, Map<String, Object> params) {
        return new ViewSpec(name, Modality.AUDIO, List.of(new OpSpec("clip", params)));
    }

    private static final List<ViewSpec> VIEWS = List.of(
            clip("hit", Map.of("seconds", 0.5, "at", "onset - 0.05s")),
            clip("after", Map.of("seconds", 0.5, "at", "anchor + 0.2s")));

    /** The index of the known onset within one hop of {@code t}, or -1. */
    private static int onsetNear(double t) {
        for (int i = 0; i < TIMES.length; i++) {
            if (Math.abs(TIMES[i] - t) <= HOP) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theAnchorLandsOnAnOnsetDrawnAnewEachEpoch() {
        var set = ViewSet.build(VIEWS, OpCatalog.standard(), 7);
        var drawn = new TreeSet<Integer>();
        for (int epoch = 0; epoch < 30; epoch++) {
            double anchor = set.anchorSeconds(Modality.AUDIO, BURSTS, epoch, "s1");
            int near = onsetNear(anchor);
            assertTrue(near >= 0, "epoch " + epoch + ": anchor " + anchor + " s is on no onset of " + Arrays.toString(TIMES));
            drawn.add(near);
            assertEquals(anchor, ViewSet.build(VIEWS, OpCatalog.standard(), 7).anchorSeconds(Modality.AUDIO, BURSTS, epoch, "s1"),
                    "the same seed, epoch and sample give the same anchor");
        }
        assertTrue(drawn.size() >= 4, "30 epochs drew only the onsets " + drawn);
    }

    @Test
    void theWindowsAreCutAroundTheOnset() {
        var set = ViewSet.build(VIEWS, OpCatalog.standard(), 11);
        var views = set.apply(Map.of(Modality.AUDIO, BURSTS), 3, "s2");
        double anchor = set.anchorSeconds(Modality.AUDIO, BURSTS, 3, "s2");
        // 'hit' starts 50 ms before the onset: its burst begins 800 samples in (within a hop)
        float[] hit = views.get("hit").data();
        int first = 0;
        while (first < hit.length && Math.abs(hit[first]) < 0.05) {
            first++;
        }
        assertTrue(Math.abs(first - 0.05 * RATE) <= 256, "the burst starts " + first + " samples into 'hit', not about 800");
        // 'after' is cut at anchor + 0.2s of the same anchor
        assertArrayEquals(BURSTS.window(anchor + 0.2, 8000), views.get("after").data());
        assertEquals(new ViewSet.OnsetTally(2, 0), set.onsetTally(), "one anchor per apply, one per anchorSeconds call");
    }

    @Test
    void aSoundWithoutOnsetsKeepsTheUniformAnchorAndIsCounted() {
        var silence = new Audio(new float[3 * RATE], RATE);
        var set = ViewSet.build(VIEWS, OpCatalog.standard(), 7);
        var uniform = ViewSet.build(List.of(clip("hit", Map.of("seconds", 0.5, "at", "anchor - 0.05s")), VIEWS.get(1)),
                OpCatalog.standard(), 7);
        var views = set.apply(Map.of(Modality.AUDIO, silence), 0, "quiet");
        assertEquals(2, views.size());
        assertEquals(uniform.anchorSeconds(Modality.AUDIO, silence, 0, "quiet"), set.anchorSeconds(Modality.AUDIO, silence, 0, "quiet"));
        assertEquals(new ViewSet.OnsetTally(0, 2), set.onsetTally());
    }

    @Test
    void aSamplesOnsetsAreFoundOnceAndKeptForLaterEpochs() {
        var set = ViewSet.build(VIEWS, OpCatalog.standard(), 7);
        double first = set.anchorSeconds(Modality.AUDIO, BURSTS, 0, "s1");
        assertTrue(onsetNear(first) >= 0, "anchor " + first);
        // the same id with other bursts: the onsets kept from epoch 0 are drawn from (a sample id names one sound)
        double[] others = {0.55, 1.1, 1.7, 2.3};
        var moved = new Audio(TestAudio.toneBursts(others, 3, RATE), RATE);
        for (int epoch = 1; epoch < 10; epoch++) {
            double anchor = set.anchorSeconds(Modality.AUDIO, moved, epoch, "s1");
            assertTrue(onsetNear(anchor) >= 0, "epoch " + epoch + ": anchor " + anchor + " s is not on a kept onset");
        }
        // another id is searched: its anchor lies on one of its own onsets
        double fresh = set.anchorSeconds(Modality.AUDIO, moved, 1, "s2");
        assertTrue(Arrays.stream(others).anyMatch(t -> Math.abs(t - fresh) <= HOP), "anchor " + fresh + " of " + Arrays.toString(others));
    }

    @Test
    void withUniformAnchorsTheOnsetViewsAnchorWhereTheUniformDrawFalls() {
        var uniform = ViewSet.build(VIEWS, OpCatalog.standard(), 7).withUniformAnchors();
        var asAnchor = ViewSet.build(List.of(clip("hit", Map.of("seconds", 0.5, "at", "anchor - 0.05s")), VIEWS.get(1)),
                OpCatalog.standard(), 7);
        int onOnset = 0;
        for (int epoch = 0; epoch < 30; epoch++) {
            double anchor = uniform.anchorSeconds(Modality.AUDIO, BURSTS, epoch, "s1");
            assertEquals(asAnchor.anchorSeconds(Modality.AUDIO, BURSTS, epoch, "s1"), anchor,
                    "epoch " + epoch + ": 'onset - 0.05s' is read as 'anchor - 0.05s', the same uniform draw");
            assertEquals(anchor, ViewSet.build(VIEWS, OpCatalog.standard(), 7).withUniformAnchors()
                    .anchorSeconds(Modality.AUDIO, BURSTS, epoch, "s1"), "the same seed, epoch and sample give the same anchor");
            onOnset += onsetNear(anchor) >= 0 ? 1 : 0;
        }
        // five onsets a hop wide in 2.25 s of anchors: about 1 in 14 uniform draws lands near one
        assertTrue(onOnset <= 10, onOnset + " of 30 uniform anchors are on an onset");
        var views = uniform.apply(Map.of(Modality.AUDIO, BURSTS), 3, "s2");
        double anchor = uniform.anchorSeconds(Modality.AUDIO, BURSTS, 3, "s2");
        assertArrayEquals(BURSTS.window(anchor - 0.05, 8000), views.get("hit").data(), "the onset view is cut at the uniform anchor");
        assertEquals(new ViewSet.OnsetTally(0, 0), uniform.onsetTally(), "no anchor placed on an onset, none fell back");
    }

    @Test
    void viewsOfOneModalityMustFindOnsetsAlike() {
        var other = clip("other", Map.of("seconds", 0.5, "at", "onset", "onset", Map.of("detector", "percussion")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ViewSet.build(List.of(VIEWS.get(0), other), OpCatalog.standard(), 7));
        assertTrue(e.getMessage().contains("'hit' and 'other'"), e.getMessage());
    }
}
