package dev.viewpair.views.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Apart;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.Window;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.Clip;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.video.AudioWindow;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Windows kept apart from another view's window ({@code apart_from} with {@code min_gap} or {@code max_overlap}). */
class ViewSetApartTest {
    private static final int RATE = 1000;
    private static final double EPS = 1e-9;
    /** Samples 1, 2, 3, …: a window's first sample tells where it starts, a zero that it ran past an end. */
    private static final Audio RAMP = ramp(8 * RATE);

    private static Audio ramp(int length) {
        var x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = i + 1;
        }
        return new Audio(x, RATE);
    }

    private static ViewSpec clip(String name, Map<String, Object> params) {
        return new ViewSpec(name, Modality.AUDIO, List.of(new OpSpec("clip", params)));
    }

    private static final ViewSpec A = clip("a", Map.of("seconds", 1.0, "jitter", 2.0));
    private static final ViewSpec B = clip("b", Map.of("seconds", 1.0, "jitter", 2.0, "apart_from", "a", "min_gap", 0.2));

    /** The start in seconds of a window cut from {@link #RAMP}, which lies wholly inside it. */
    private static double start(ViewTensor t) {
        float[] d = t.data();
        assertTrue(d[0] >= 1 && d[d.length - 1] >= 1, "window inside the sound");
        return (d[0] - 1) / RATE;
    }

    private static Map<String, ViewTensor> make(ViewSet set, int epoch, String id) {
        return set.apply(Map.of(Modality.AUDIO, RAMP), epoch, id);
    }

    @Test
    void windowSaysWhereApplyCutsEachViewFromTheMediasLengthAlone() {
        var anchored = clip("c", Map.of("seconds", 0.5, "at", "anchor + 1s", "jitter", 0.25));
        var set = ViewSet.build(List.of(A, B, anchored), OpCatalog.standard(), 5);
        Map<Modality, dev.viewpair.views.Timed> length = Map.of(Modality.AUDIO, () -> 8.0);
        for (int i = 0; i < 200; i++) {
            var out = make(set, i % 3, "s" + i);
            for (var view : List.of("a", "b", "c")) {
                var w = set.window(view, length, i % 3, "s" + i);
                assertEquals(start(out.get(view)), w.start(), 1.0 / RATE, view + " of s" + i);
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> set.window("d", length, 0, "s0"));
        assertTrue(e.getMessage().contains("views are"), e.getMessage());
    }

    @Test
    void minGapAlwaysHoldsAndTheStartsCoverTheAllowedSet() {
        var set = ViewSet.build(List.of(A, B), OpCatalog.standard(), 5);
        double nearest = Double.MAX_VALUE;
        double farthest = 0;
        int before = 0;
        int n = 3000;
        var bins = new int[8]; // |b - a| over the allowed [1.2, 4]
        for (int i = 0; i < n; i++) {
            var out = make(set, i % 3, "s" + i);
            double d = start(out.get("b")) - start(out.get("a"));
            // a gap of 0.2 s between 1 s windows: the starts are at least 1.2 s apart (to the sample)
            assertTrue(Math.abs(d) >= 1.2 - 1.0 / RATE, "starts " + d + " s apart");
            nearest = Math.min(nearest, Math.abs(d));
            farthest = Math.max(farthest, Math.abs(d));
            before += d < 0 ? 1 : 0;
            bins[Math.min(7, (int) ((Math.abs(d) - 1.2) / 2.8 * 8))]++;
        }
        assertEquals(1.2, nearest, 0.02, "the gap's edge is reached");
        assertTrue(farthest > 3.7, "far starts come out too: " + farthest);
        assertTrue(before > n / 3 && before < 2 * n / 3, "b before a and after a: " + before + " of " + n);
        // |d| is not uniform (a's start moves too) but every part of the allowed set is hit often
        for (int count : bins) {
            assertTrue(count > 10, "bins over [1.2, 4]: " + Arrays.toString(bins));
        }
    }

    @Test
    void maxOverlapIsAFractionOfTheShorterWindow() {
        var a = clip("a", Map.of("seconds", 1.0, "jitter", 1.0));
        var b = clip("b", Map.of("seconds", 0.5, "jitter", 1.0, "apart_from", "a", "max_overlap", 0.5));
        var set = ViewSet.build(List.of(a, b), OpCatalog.standard(), 9);
        double most = 0;
        int overlapping = 0;
        for (int i = 0; i < 2000; i++) {
            var out = make(set, 0, "s" + i);
            double sa = start(out.get("a"));
            double sb = start(out.get("b"));
            double overlap = Math.max(0, Math.min(sa + 1.0, sb + 0.5) - Math.max(sa, sb));
            assertTrue(overlap <= 0.25 + 1.0 / RATE, "overlap " + overlap);
            most = Math.max(most, overlap);
            overlapping += overlap > 0 ? 1 : 0;
        }
        assertEquals(0.25, most, 0.01, "overlaps up to the limit come out");
        assertTrue(overlapping > 100, "overlapping windows are allowed: " + overlapping);
    }

    @Test
    void drawIsExactAndUniformOverTheAllowedIntervals() {
        var rule = Apart.minGap("a", 0.2);
        var other = new Window(3.0, 1.0);
        var rng = Rng.of(1);
        // own window 1 s, starts in [1, 5]: forbidden (1.8, 4.2), allowed [1, 1.8] ∪ [4.2, 5], 0.8 s each
        int n = 20000;
        var bins = new int[16];
        for (int i = 0; i < n; i++) {
            double s = rule.draw(1, 5, 1.0, other, rng);
            assertTrue(s >= 1 && s <= 5, "in the jitter range: " + s);
            assertTrue(s + 1.0 + 0.2 <= other.start() + EPS || s >= other.end() + 0.2 - EPS, "gap kept: " + s);
            double u = s <= 1.8 ? s - 1 : 0.8 + s - 4.2; // position in the allowed set, 0 to 1.6
            bins[Math.min(15, (int) (u / 0.1))]++;
        }
        for (int count : bins) {
            assertEquals(n / 16.0, count, 5 * Math.sqrt(n / 16.0), "uniform over the allowed set: " + Arrays.toString(bins));
        }
        // the forbidden interval covers the whole range: refused; a single allowed point: taken
        assertThrows(MediaException.class, () -> rule.draw(2.5, 3.5, 1.0, other, Rng.of(2)));
        assertEquals(1.8, rule.draw(1.8, 1.8, 1.0, other, Rng.of(2)), EPS);
    }

    @Test
    void sameSeedSameViewAndDeclarationOrderDoesNotMatter() {
        var forward = ViewSet.build(List.of(A, B), OpCatalog.standard(), 5);
        var backward = ViewSet.build(List.of(B, A), OpCatalog.standard(), 5);
        var onlyB = ViewSet.build(List.of(A, B), OpCatalog.standard(), 5, List.of("b"));
        for (int i = 0; i < 50; i++) {
            var f = make(forward, 2, "s" + i);
            var again = make(forward, 2, "s" + i);
            var r = make(backward, 2, "s" + i);
            assertEquals(f.get("a"), again.get("a"));
            assertEquals(f.get("b"), again.get("b"));
            assertEquals(f.get("a"), r.get("a"), "a declared after b");
            assertEquals(f.get("b"), r.get("b"), "b declared before the view it keeps apart from");
            assertEquals(f.get("b"), make(onlyB, 2, "s" + i).get("b"), "b made without a");
        }
    }

    @Test
    void viewsWithoutTheRuleAreCutAsBefore() {
        var plainB = clip("b", Map.of("seconds", 1.0, "jitter", 2.0));
        var withRule = ViewSet.build(List.of(A, B), OpCatalog.standard(), 5);
        var without = ViewSet.build(List.of(A, plainB), OpCatalog.standard(), 5);
        int moved = 0;
        for (int i = 0; i < 50; i++) {
            var id = "s" + i;
            var w = make(withRule, 0, id);
            var p = make(without, 0, id);
            assertEquals(p.get("a"), w.get("a"), "the rule on b leaves a alone");
            // the cut before the rule existed: the anchor, plus one uniform draw in ±jitter from the view's stream
            for (var view : List.of("a", "b")) {
                double anchor = without.anchorSeconds(Modality.AUDIO, RAMP, 0, id);
                double s = anchor + Rng.forView(5, 0, id, view).uniform(-2.0, 2.0);
                assertArrayEquals(RAMP.window(s, RATE), p.get(view).data(), view + " of " + id);
            }
            moved += w.get("b").equals(p.get("b")) ? 0 : 1;
        }
        assertTrue(moved > 0, "the rule moves b where its plain draw is too close to a");
    }

    @Test
    void theAnchorKeepsBothWindowsInsideTheSound() {
        var later = clip("b", Map.of("seconds", 1.0, "at", "anchor + 1.5s", "jitter", 1.5, "apart_from", "a",
                "min_gap", 0.3));
        var set = ViewSet.build(List.of(A, later), OpCatalog.standard(), 3);
        for (int i = 0; i < 500; i++) {
            var out = make(set, 1, "s" + i);
            start(out.get("a")); // asserts inside
            start(out.get("b"));
        }
    }

    @Test
    void aChainOfRulesIsDrawnInDependencyOrder() {
        var c = clip("c", Map.of("seconds", 1.0, "jitter", 2.0, "apart_from", "b", "max_overlap", 0.0));
        var set = ViewSet.build(List.of(c, B, A), OpCatalog.standard(), 4);
        var alone = ViewSet.build(List.of(A, B, c), OpCatalog.standard(), 4, List.of("c"));
        for (int i = 0; i < 300; i++) {
            var out = make(set, 0, "s" + i);
            double sb = start(out.get("b"));
            double sc = start(out.get("c"));
            assertTrue(Math.abs(sc - sb) >= 1.0 - 1.0 / RATE, "c does not overlap b");
            assertEquals(out.get("c"), make(alone, 0, "s" + i).get("c"));
        }
    }

    @Test
    void badReferencesAreRefusedWhenTheSetIsBuilt() {
        var cat = OpCatalog.standard();
        var unknown = assertThrows(IllegalArgumentException.class, () -> ViewSet.build(List.of(B), cat, 1));
        assertTrue(unknown.getMessage().contains("'a', which is not a view"), unknown.getMessage());

        var noWindow = new ViewSpec("a", Modality.AUDIO, List.of(new OpSpec("gain", Map.of())));
        var e = assertThrows(IllegalArgumentException.class, () -> ViewSet.build(List.of(noWindow, B), cat, 1));
        assertTrue(e.getMessage().contains("cuts no window first"), e.getMessage());

        var cyclicA = clip("a", Map.of("seconds", 1.0, "jitter", 2.0, "apart_from", "b"));
        var cycle = assertThrows(IllegalArgumentException.class, () -> ViewSet.build(List.of(cyclicA, B), cat, 1));
        assertTrue(cycle.getMessage().contains("in a circle"), cycle.getMessage());

        var notFirst = new ViewSpec("b", Modality.AUDIO, List.of(new OpSpec("gain", Map.of()),
                new OpSpec("clip", Map.of("seconds", 1.0, "apart_from", "a"))));
        var later = assertThrows(IllegalArgumentException.class, () -> ViewSet.build(List.of(A, notFirst), cat, 1));
        assertTrue(later.getMessage().contains("must be the view's first op"), later.getMessage());
    }

    @Test
    void theCatalogueReadsTheRuleForClipAndAudioWindow() {
        var cat = OpCatalog.standard();
        var clip = cat.find("clip", Stage.WAVEFORM).orElseThrow();
        assertEquals(List.of(), clip.check(Map.of("seconds", 1.0, "apart_from", "a")));
        assertEquals(java.util.Optional.of(Apart.minGap("a", 0)),
                ((AnchoredOp) clip.factory().apply(clip.params(Map.of("seconds", 1.0, "apart_from", "a")))).apart(),
                "apart_from alone keeps the windows from overlapping");
        var both = clip.check(Map.of("seconds", 1.0, "apart_from", "a", "min_gap", 0.1, "max_overlap", 0.5));
        assertEquals(List.of("max_overlap"), both.stream().map(p -> p.param()).toList());
        assertEquals(1, clip.check(Map.of("seconds", 1.0, "min_gap", 0.1)).size(), "min_gap without apart_from");
        assertEquals(1, clip.check(Map.of("seconds", 1.0, "apart_from", "a", "max_overlap", 1.0)).size());
        assertEquals(1, clip.check(Map.of("seconds", 1.0, "apart_from", "a", "min_gap", -0.1)).size());

        var window = cat.find("audio_window", Stage.VIDEO).orElseThrow();
        var params = Map.<String, Object>of("seconds", 0.5, "apart_from", "sound", "max_overlap", 0.25);
        assertEquals(List.of(), window.check(params));
        assertEquals(new AudioWindow(0.5, dev.viewpair.catalog.TimeExpr.ANCHOR, 0, 16000,
                java.util.Optional.of(Apart.maxOverlap("sound", 0.25))), window.factory().apply(window.params(params)));
    }

    @Test
    void whyUnsatisfiableAgreesWithDrawingOverEveryStartOfTheOther() {
        var rng = Rng.of(77);
        int refused = 0;
        for (int trial = 0; trial < 400; trial++) {
            var rule = rng.bernoulli(0.5) ? Apart.minGap("a", rng.uniform(0, 0.5)) : Apart.maxOverlap("a", rng.uniform(0, 0.9));
            double at = rng.uniform(-1, 1);
            double jitter = rng.bernoulli(0.2) ? 0 : rng.uniform(0, 1.5);
            double seconds = rng.uniform(0.2, 1.5);
            double otherAt = rng.uniform(-1, 1);
            double otherJitter = rng.uniform(0, 1.5);
            double otherSeconds = rng.uniform(0.2, 1.5);
            var why = rule.whyUnsatisfiable(new Clip(seconds, new TimeExpr(true, at), jitter, Optional.of(rule)),
                    new Clip(otherSeconds, new TimeExpr(true, otherAt), otherJitter));
            boolean failed = false;
            for (int k = 0; k <= 400; k++) {
                var other = new Window(otherAt - otherJitter + 2 * otherJitter * k / 400, otherSeconds);
                try {
                    rule.draw(at - jitter, at + jitter, seconds, other, Rng.of(k));
                } catch (MediaException e) {
                    failed = true;
                }
            }
            if (why.isEmpty()) {
                assertFalse(failed, "trial " + trial + ": said always satisfiable, but a draw failed");
            } else {
                refused++;
                assertTrue(why.get().contains("a jitter of"), why.get());
            }
        }
        assertTrue(refused > 20 && refused < 380, "both cases come up: " + refused);
        var absolute = new Clip(1, new TimeExpr(false, 2), 1);
        assertTrue(Apart.minGap("a", 0).whyUnsatisfiable(new Clip(1, TimeExpr.ANCHOR, 3, Optional.of(Apart.minGap("a", 0))),
                absolute).orElseThrow().contains("relative to the anchor"), "anchored next to absolute is refused");
    }
}
