package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Log-mel and linear spectrograms against an independent recomputation: explicit reflect padding, a direct
 * O(n²) DFT in double precision, and mel triangles written from the HTK definition.
 */
class LogMelTest {
    private static final int RATE = 16000;
    private static final ViewContext CTX = new ViewContext(Rng.of(0), 0);

    /** Noise plus a tone, so that every band has energy well above float rounding. */
    private static float[] signal(int length) {
        var noise = TestAudio.noise(5, 0.3, length);
        var tone = TestAudio.tone(1234, 0.4, RATE, length);
        for (int i = 0; i < length; i++) {
            noise[i] += tone[i];
        }
        return noise;
    }

    /** |DFT|^power of every centred, windowed frame: [frame][bin]. */
    private static double[][] directStft(float[] x, int nFft, int hop, int win, double power) {
        int pad = nFft / 2;
        var padded = new double[x.length + 2 * pad];
        for (int i = 0; i < padded.length; i++) {
            int j = i - pad;
            // reflect without repeating the edge sample: x[-1] = x[1], x[n] = x[n-2]
            padded[i] = j < 0 ? x[-j] : j >= x.length ? x[2 * (x.length - 1) - j] : x[j];
        }
        var window = new double[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            window[left + i] = Math.sin(Math.PI * i / win) * Math.sin(Math.PI * i / win); // periodic Hann
        }
        int frames = 1 + (padded.length - nFft) / hop;
        var out = new double[frames][nFft / 2 + 1];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k <= nFft / 2; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < nFft; n++) {
                    double v = padded[t * hop + n] * window[n];
                    double phase = -2 * Math.PI * k * (long) n / nFft;
                    re += v * Math.cos(phase);
                    im += v * Math.sin(phase);
                }
                out[t][k] = Math.pow(re * re + im * im, power / 2);
            }
        }
        return out;
    }

    /** The HTK mel scale. */
    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Band edges: mels + 2 points evenly spaced in mel. */
    private static double[] edges(int mels, double fMin, double fMax) {
        var e = new double[mels + 2];
        for (int i = 0; i < e.length; i++) {
            e[i] = hz(mel(fMin) + (mel(fMax) - mel(fMin)) * i / (mels + 1));
        }
        return e;
    }

    /** The weight of the triangle rising from lo to peak and falling to hi, at f. */
    private static double triangle(double lo, double peak, double hi, double f) {
        if (f <= lo || f >= hi) {
            return 0;
        }
        return f <= peak ? (f - lo) / (peak - lo) : (hi - f) / (hi - peak);
    }

    @ParameterizedTest(name = "n_fft {0}, hop {1}, win {2}, mels {3}, f {4}–{5} Hz, power {6}")
    @CsvSource({
        "400, 160, 400, 64, 0, 0, 2",   // the defaults: mixed-radix FFT
        "512, 128, 300, 40, 50, 6000, 2", // power of two, a shorter window centred in the FFT
        "401, 200, 401, 32, 0, 0, 1",   // odd and prime: Bluestein FFT, magnitude
    })
    void logMelMatchesADirectRecomputation(int nFft, int hop, int win, int mels, double fMin, double fMax, double power) {
        float[] x = signal(4800);
        var op = new LogMel(mels, nFft, hop, win, fMin, fMax, power, 1e-6);

        var s = op.apply(new Audio(x.clone(), RATE), CTX);

        double[][] stft = directStft(x, nFft, hop, win, power);
        double top = fMax > 0 ? fMax : RATE / 2.0;
        double[] e = edges(mels, fMin, top);
        assertEquals(mels, s.bins());
        assertEquals(stft.length, s.frames());
        assertEquals(1 + (x.length + 2 * (nFft / 2) - nFft) / hop, s.frames());
        double worst = 0;
        for (int t = 0; t < s.frames(); t++) {
            for (int m = 0; m < mels; m++) {
                double energy = 0;
                for (int k = 0; k <= nFft / 2; k++) {
                    energy += triangle(e[m], e[m + 1], e[m + 2], k * (RATE / 2.0) / (nFft / 2)) * stft[t][k];
                }
                double expected = Math.log(energy + 1e-6);
                // a difference of d in the log is a relative difference of about d in the energy
                worst = Math.max(worst, Math.abs(s.data()[m * s.frames() + t] - expected));
            }
        }
        assertTrue(worst < 1e-4, "largest log difference " + worst);
    }

    @Test
    void linearSpectrogramMatchesTheDirectDft() {
        float[] x = signal(3200);
        var s = new LinearSpectrogram(400, 160, 400, 2).apply(new Audio(x, RATE), CTX);

        double[][] stft = directStft(x, 400, 160, 400, 2);
        assertEquals(201, s.bins());
        assertEquals(21, s.frames());
        for (int t = 0; t < s.frames(); t++) {
            double frameMax = 0;
            for (double v : stft[t]) {
                frameMax = Math.max(frameMax, v);
            }
            for (int k = 0; k < s.bins(); k++) {
                double expected = stft[t][k];
                assertEquals(expected, s.data()[k * s.frames() + t], 1e-4 * expected + 1e-6 * frameMax, "frame " + t + " bin " + k);
            }
        }
    }

    @Test
    void aToneLandsInTheMelBandsAroundItsFrequency() {
        float[] tone = TestAudio.tone(1000, 0.5, RATE, RATE);
        var op = CatalogOps.<Spectrogram>waveformOp("log_mel", Map.of());

        var s = op.apply(new Audio(tone, RATE), CTX);

        assertEquals(64, s.bins());
        assertEquals(101, s.frames());
        double[] e = edges(64, 0, RATE / 2.0);
        int t = 50;
        int loudest = 0;
        for (int m = 1; m < 64; m++) {
            if (s.data()[m * s.frames() + t] > s.data()[loudest * s.frames() + t]) {
                loudest = m;
            }
        }
        // the loudest band's triangle holds 1000 Hz, and its peak is the one nearest to it
        assertTrue(e[loudest] < 1000 && 1000 < e[loudest + 2], "band " + loudest + " spans " + e[loudest] + "–" + e[loudest + 2] + " Hz");
        assertTrue(Math.abs(e[loudest + 1] - 1000) <= Math.min(Math.abs(e[loudest] - 1000), Math.abs(e[loudest + 2] - 1000)));
        // and bands three away hold orders of magnitude less (Hann sidelobes only)
        double peak = s.data()[loudest * s.frames() + t];
        assertTrue(peak - s.data()[(loudest + 3) * s.frames() + t] > Math.log(1000));
        assertTrue(peak - s.data()[(loudest - 3) * s.frames() + t] > Math.log(1000));
    }

    @Test
    void linearSpectrogramPeaksAtTheTonesBin() {
        float[] tone = TestAudio.tone(1000, 0.5, RATE, RATE / 2);
        var s = CatalogOps.<Spectrogram>waveformOp("spectrogram", Map.of()).apply(new Audio(tone, RATE), CTX);

        int t = s.frames() / 2;
        int loudest = 0;
        for (int k = 1; k < s.bins(); k++) {
            if (s.data()[k * s.frames() + t] > s.data()[loudest * s.frames() + t]) {
                loudest = k;
            }
        }
        assertEquals(25, loudest, "1000 Hz / (16000 Hz / 400) = bin 25");
    }

    @Test
    void silenceIsLogOffsetAndTheInputIsUntouched() {
        var zeros = new float[1600];
        var before = zeros.clone();
        var s = CatalogOps.<Spectrogram>waveformOp("log_mel", Map.of("mels", 16, "log_offset", 1e-3))
                .apply(new Audio(zeros, RATE), CTX);

        for (float v : s.data()) {
            assertEquals(Math.log(1e-3), v, 1e-6);
        }
        assertArrayEquals(before, zeros);
    }

    @Test
    void veryShortInputStillGivesAFrame() {
        var s = new LogMel(8, 400, 160, 400, 0, 0, 2, 1e-6).apply(new Audio(new float[] {0.5f, -0.5f, 0.25f}, RATE), CTX);

        assertEquals(1, s.frames());
        assertTrue(Float.isFinite(s.data()[0]));
    }
}
