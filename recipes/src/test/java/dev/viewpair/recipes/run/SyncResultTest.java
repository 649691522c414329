package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.encoders.eval.WilsonInterval;
import dev.viewpair.views.Window;
import org.junit.jupiter.api.Test;

/** Scoring sync trials from known answers: ties counted apart, onsets in windows, the ceiling. */
class SyncResultTest {
    @Test
    void tiesAreCountedApartAndLeftOutOfTheAccuracy() {
        // in sync wins, loses, ties by equal scores (no onsets known), ties as both windows are silent (twice,
        // one of them with a score that would have won), wins, and scores even on a trial that is not a tie
        float[] inSync = {3, 1, 2, 2, 5, 4, 1};
        float[] shifted = {1, 2, 2, 2, 0, 3, 1};
        Boolean[] silent = {false, false, null, true, true, null, false};
        var r = SyncResult.score(0.5, inSync, shifted, silent, new String[] {"a", "a", "b", "b", "c", "c", "c"});
        assertEquals(7, r.trials());
        assertEquals(3, r.ties());
        assertEquals(4, r.decided());
        assertEquals(2.5, r.wins(), 0);
        assertEquals(2.5 / 4, r.accuracy(), 1e-12);
        assertEquals((2.5 + 1.5) / 7, r.withTies(), 1e-12);
        assertEquals(1 - 3 / 14.0, r.ceiling(), 1e-12);
        assertEquals(SyncResult.BY_BOTH, r.tiesBy());
        assertEquals(3, r.samples(), "c's trials were all ties but it is a sample of the trials");
        // per sample, ties left out: a won 1 of 2, b none of 0, c 1.5 of 2 (p = 0.625):
        // ((1 − 1.25)² + 0 + (1.5 − 1.25)²) / (4 · 0.625 · 0.375) < 1, taken as 1
        assertEquals(1, r.designEffect(), 0);
        var one = new String[] {"v"};
        assertEquals(SyncResult.BY_ONSETS, SyncResult.score(1, new float[] {1}, new float[] {1}, new Boolean[] {false}, one).tiesBy());
        assertEquals(SyncResult.BY_SCORES, SyncResult.score(1, new float[] {1}, new float[] {1}, new Boolean[] {null}, one).tiesBy());
    }

    @Test
    void anOnsetCountsFromTheWindowsStartUpToItsEnd() {
        double[] onsets = {1.0, 2.0};
        assertTrue(SyncResult.silent(onsets, new Window(0.5, 0.5)), "[0.5, 1.0) ends before 1.0");
        assertFalse(SyncResult.silent(onsets, new Window(0.75, 0.5)));
        assertFalse(SyncResult.silent(onsets, new Window(2.0, 0.1)), "[2.0, 2.1) starts at 2.0");
        assertTrue(SyncResult.silent(new double[0], new Window(0, 10)));
    }

    /**
     * A hand-made event list and four anchors, the sound cut at anchor − 0.25 s for 0.5 s and shifted by +0.5 s:
     * <ul>
     *   <li>anchor 0.5: in sync [0.25, 0.75) holds 0.4;
     *   <li>anchor 1.0: [0.75, 1.25) and [1.25, 1.75) hold nothing — a tie;
     *   <li>anchor 1.5: the shifted [1.75, 2.25) holds 2.0;
     *   <li>anchor 2.1: in sync [1.85, 2.35) holds 2.0.
     * </ul>
     * A perfect model (in sync always scored higher) then wins 3, ties 1: 3.5 / 4 with the tie counted half.
     */
    @Test
    void theCeilingOfAHandMadeEventList() {
        double[] onsets = {0.4, 2.0};
        double[] anchors = {0.5, 1.0, 1.5, 2.1};
        var silent = new Boolean[anchors.length];
        for (int i = 0; i < anchors.length; i++) {
            var inSync = new Window(anchors[i] - 0.25, 0.5);
            var later = new Window(anchors[i] + 0.25, 0.5);
            silent[i] = SyncResult.silent(onsets, inSync) && SyncResult.silent(onsets, later);
        }
        assertArrayEquals(new Boolean[] {false, true, false, false}, silent);
        var perfect = SyncResult.score(0.5, new float[] {1, 1, 1, 1}, new float[] {0, 0, 0, 0}, silent, new String[] {"v", "v", "v", "v"});
        assertEquals(1.0, perfect.accuracy(), 0);
        assertEquals(0.875, perfect.withTies(), 1e-12);
        assertEquals(0.875, perfect.ceiling(), 1e-12);
        // Wilson's interval of 3 out of 3: [1 / (1 + z²/3), 1], the tie left out
        double z = WilsonInterval.Z95;
        assertEquals(1 / (1 + z * z / 3), perfect.interval().low(), 1e-12);
        assertEquals(1, perfect.interval().high(), 1e-12);
    }

    /**
     * 20 videos of 16 anchors each, every video's trials all won (13) or all lost (7), with a tie among each video's
     * anchors, left out as before: the interval is Wilson's over one trial per video, 13 of 20, not over 300 trials.
     */
    @Test
    void videosWhoseTrialsAllAgreeCountAsOneTrialEach() {
        int videos = 20;
        int anchors = 16;
        var inSync = new float[videos * anchors];
        var shifted = new float[videos * anchors];
        var silent = new Boolean[videos * anchors];
        var ids = new String[videos * anchors];
        for (int pass = 0; pass < anchors; pass++) {
            for (int v = 0; v < videos; v++) {
                int i = pass * videos + v; // trials come pass after pass, as the evaluation makes them
                ids[i] = "v" + v;
                inSync[i] = v < 13 ? 1 : 0;
                shifted[i] = v < 13 ? 0 : 1;
                silent[i] = pass == v % anchors;
            }
        }
        var r = SyncResult.score(1, inSync, shifted, silent, ids);
        assertEquals(320, r.trials());
        assertEquals(20, r.ties());
        assertEquals(20, r.samples());
        assertEquals(13.0 / 20, r.accuracy(), 1e-12);
        assertEquals(15, r.designEffect(), 1e-12, "each video's 15 trials that are not ties say one thing");
        var onePerVideo = WilsonInterval.of95(13, 20);
        assertEquals(onePerVideo.low(), r.interval().low(), 1e-12);
        assertEquals(onePerVideo.high(), r.interval().high(), 1e-12);
        var independent = WilsonInterval.of95(13 * 15, 300);
        assertEquals(independent.low(), r.independentInterval().low(), 1e-12);
        assertTrue(r.independentInterval().high() - r.independentInterval().low() < (r.interval().high() - r.interval().low()) / 3);
    }

    @Test
    void onsetsAreReadFromTheirField() {
        assertArrayEquals(new double[] {0.4, 1.2667}, SyncResult.parseOnsets(" 0.4; 1.2667 ", "v1"));
        assertArrayEquals(new double[0], SyncResult.parseOnsets("", "v1"));
        var e = assertThrows(IllegalArgumentException.class, () -> SyncResult.parseOnsets("0.4,1.2", "v7"));
        assertTrue(e.getMessage().contains("sample 'v7'") && e.getMessage().contains("'0.4,1.2'"), e.getMessage());
    }
}
