package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Onsets;
import dev.viewpair.views.audio.dsp.OnsetDetectors;
import dev.viewpair.views.audio.io.TestAudio;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated sounds with onsets at known times: each detector finds every one within one hop, and nothing else. */
class OnsetDetectionTest {
    private static final int RATE = 16000;
    private static final int HOP = 256;
    /** Onsets at times that fall at different points within a hop. */
    private static final double[] TIMES = {0.3, 0.8123, 1.4567, 2.0011, 2.6042};

    private static float[] toneBursts(double[] times, double seconds) {
        return TestAudio.toneBursts(times, seconds, RATE);
    }

    private static float[] clicks(double[] times, double seconds) {
        return TestAudio.clicks(times, seconds, RATE);
    }

    private static void assertOnsets(double[] expected, double[] found, String what) {
        assertEquals(expected.length, found.length, what + ": expected onsets at " + Arrays.toString(expected) + ", found "
                + Arrays.toString(found));
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(found[i] - expected[i]);
            assertTrue(error <= HOP / (double) RATE, what + ": onset " + expected[i] + " s found at " + found[i] + " s, "
                    + error * RATE + " samples off (a hop is " + HOP + ")");
        }
    }

    @Test
    void complexFindsToneBurstsWithinOneHop() {
        var onsets = OnsetDetectors.make(Map.of());
        assertOnsets(TIMES, onsets.find(toneBursts(TIMES, 3), RATE), "complex on tone bursts");
    }

    @Test
    void bothDetectorsFindClicksWithinOneHop() {
        var x = clicks(TIMES, 3);
        for (var detector : List.of("complex", "percussion")) {
            Onsets onsets = OnsetDetectors.make(Map.of("detector", detector));
            assertOnsets(TIMES, onsets.find(x, RATE), detector + " on clicks");
        }
    }

    @Test
    void aSoundThatStartsAtOnceHasItsOnsetAtTheStart() {
        double[] atZero = {0};
        for (var detector : List.of("complex", "percussion")) {
            assertOnsets(atZero, OnsetDetectors.make(Map.of("detector", detector)).find(clicks(atZero, 1), RATE),
                    detector + " on a click at 0 s");
        }
    }

    @Test
    void silenceAndASteadyToneHaveNoOnset() {
        for (var detector : List.of("complex", "percussion")) {
            var onsets = OnsetDetectors.make(Map.of("detector", detector));
            assertEquals(0, onsets.find(new float[2 * RATE], RATE).length, detector + " on silence");
            assertEquals(0, onsets.find(TestAudio.noise(9, 1e-3, 2 * RATE), RATE).length, detector + " on faint steady noise");
        }
    }

    @Test
    void aHigherThresholdKeepsOnlyTheStrongOnsets() {
        // the same bursts, the third one 30 dB quieter: a high peak threshold drops it, the default keeps it
        var x = toneBursts(new double[0], 3);
        var loud = toneBursts(TIMES, 3);
        int quietFrom = (int) Math.round(TIMES[2] * RATE);
        for (int i = 0; i < x.length; i++) {
            boolean quiet = i >= quietFrom && i < quietFrom + RATE / 4;
            x[i] = quiet ? x[i] + (loud[i] - x[i]) * 0.03f : loud[i];
        }
        int strict = OnsetDetectors.make(Map.of("threshold", 3.0)).find(x, RATE).length;
        int lenient = OnsetDetectors.make(Map.of()).find(x, RATE).length;
        assertTrue(strict < lenient, "threshold 3 should find fewer onsets than 0.3, found " + strict + " and " + lenient);
    }
}
