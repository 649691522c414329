package dev.viewpair.encoders.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
    /** Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score interval without continuity correction). */
    @Test
    void newcombesWorkedExamples() {
        assertInterval(0.2553, 0.3662, WilsonInterval.of95(81, 263));
        assertInterval(0.0624, 0.1605, WilsonInterval.of95(15, 148));
        assertInterval(0.0000, 0.1611, WilsonInterval.of95(0, 20));
        assertInterval(0.0061, 0.1718, WilsonInterval.of95(1, 29));
    }

    @Test
    void itStaysInsideZeroToOneAndMirrors() {
        var all = WilsonInterval.of95(20, 20);
        assertInterval(1 - 0.1611, 1.0, all);
        var some = WilsonInterval.of95(7.5, 30);
        var mirrored = WilsonInterval.of95(22.5, 30);
        assertEquals(some.low(), 1 - mirrored.high(), 1e-12);
        assertEquals(some.high(), 1 - mirrored.low(), 1e-12);
        assertTrue(some.low() < 0.25 && 0.25 < some.high());
    }

    @Test
    void noTrialsGiveNoInterval() {
        assertTrue(Double.isNaN(WilsonInterval.of95(0, 0).low()));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(11, 10));
    }

    private static void assertInterval(double low, double high, WilsonInterval interval) {
        assertEquals(low, interval.low(), 5e-5, "low");
        assertEquals(high, interval.high(), 5e-5, "high");
    }
}
