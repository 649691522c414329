package dev.viewpair.views.audio;

import static dev.viewpair.views.audio.CatalogOps.waveformOp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The waveform augmentations: known answers from the signal they are given. */
class AugmentOpsTest {
    private static final int RATE = 16000;

    private static ViewContext ctx(long seed) {
        return new ViewContext(Rng.of(seed), 0);
    }

    private static Audio tone(double hz, double seconds) {
        return new Audio(TestAudio.tone(hz, 0.5, RATE, (int) Math.round(seconds * RATE)), RATE);
    }

    private static float[] middle(float[] x, double fraction) {
        int cut = (int) (x.length * (1 - fraction) / 2);
        return Arrays.copyOfRange(x, cut, x.length - cut);
    }

    /** The longest run of samples that are exactly zero. */
    private static int longestZeroRun(float[] x) {
        int longest = 0;
        int run = 0;
        for (float v : x) {
            run = v == 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pitch_shift", "time_stretch", "speed", "lowpass", "highpass", "bandpass", "noise"})
    void everyRandomOpIsAPureFunctionOfItsStream(String name) {
        var in = new Audio(TestAudio.noise(4, 0.3, RATE / 2), RATE);
        var before = in.samples().clone();
        var op = CatalogOps.<Audio>waveformOp(name, name.equals("noise") ? Map.of("color", "pink") : Map.of());

        var first = op.apply(in, ctx(21)).samples();
        var again = op.apply(in, ctx(21)).samples();
        var other = op.apply(in, ctx(22)).samples();

        assertArrayEquals(first, again, "the same stream gives the same view");
        assertFalse(Arrays.equals(first, other), "another stream draws another parameter");
        assertArrayEquals(before, in.samples(), "the input is left alone");
    }

    @ParameterizedTest(name = "{0} semitones")
    @ValueSource(doubles = {-5, -1, 2, 7})
    void pitchShiftMovesAToneByTheRatioAndKeepsLengthWithoutGaps(double semitones) {
        var in = tone(440, 1.0);
        var out = CatalogOps.<Audio>waveformOp("pitch_shift", Map.of("semitones", semitones)).apply(in, ctx(1)).samples();

        assertEquals(in.samples().length, out.length);
        double expected = 440 * Math.pow(2, semitones / 12);
        double measured = TestAudio.zeroCrossingHz(middle(out, 0.8), RATE);
        assertEquals(expected, measured, expected * 0.002, "pitch of " + semitones + " semitones");
        assertTrue(longestZeroRun(out) <= 1, "no gaps, longest run of zeros " + longestZeroRun(out));
        double level = TestAudio.rms(middle(out, 0.8)) / TestAudio.rms(in.samples());
        assertEquals(1.0, level, 0.1, "the level is kept");
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(doubles = {0.7, 0.9, 1.2, 1.6})
    void timeStretchScalesLengthAndTimingButNotPitch(double rate) {
        // silence, a 440 Hz burst from 0.5 s to 1.0 s, silence
        var x = new float[2 * RATE];
        var burst = TestAudio.tone(440, 0.5, RATE, RATE / 2);
        System.arraycopy(burst, 0, x, RATE / 2, burst.length);

        var out = CatalogOps.<Audio>waveformOp("time_stretch", Map.of("rate", rate)).apply(new Audio(x, RATE), ctx(1))
                .samples();

        assertEquals(x.length / rate, out.length, x.length / rate * 0.01, "length within 1 %");
        int onset = firstAbove(out, 0.1f);
        int offset = lastAbove(out, 0.1f);
        // WSOLA places each frame within its search tolerance (10 ms) of the nominal time, spread by the 30 ms window
        assertEquals(0.5 / rate * RATE, onset, 0.02 * RATE, "the burst starts at 0.5 s / rate");
        assertEquals(1.0 / rate * RATE, offset, 0.02 * RATE, "and ends at 1.0 s / rate");
        float[] inside = Arrays.copyOfRange(out, onset + 480, offset - 480);
        assertEquals(440, TestAudio.zeroCrossingHz(inside, RATE), 440 * 0.005, "pitch kept");
        assertEquals(0.5 / Math.sqrt(2), TestAudio.rms(inside), 0.5 / Math.sqrt(2) * 0.1, "level kept");
    }

    @ParameterizedTest(name = "factor {0}")
    @ValueSource(doubles = {0.8, 1.25})
    void speedChangesLengthAndPitchTogether(double factor) {
        var in = tone(500, 1.0);
        var out = CatalogOps.<Audio>waveformOp("speed", Map.of("factor", factor)).apply(in, ctx(3)).samples();

        assertEquals(Math.round(RATE / factor), out.length, "length n / factor");
        assertEquals(500 * factor, TestAudio.zeroCrossingHz(middle(out, 0.8), RATE), 500 * factor * 0.001);
        assertEquals(TestAudio.rms(in.samples()), TestAudio.rms(middle(out, 0.8)), 0.01);
    }

    @Test
    void stretchThenClipGivesAFixedShapeWithTheAnchorOnTheOriginalTimeline() {
        var chain = ViewChain.build(new ViewSpec("v", Modality.AUDIO, List.of(
                new OpSpec("clip", Map.of("seconds", 1.3)),
                new OpSpec("time_stretch", Map.of("rate", List.of(0.8, 1.25))),
                new OpSpec("speed", Map.of()),
                new OpSpec("clip", Map.of("seconds", 1.0, "at", 0)))), OpCatalog.standard());
        assertEquals(List.of(true, false), chain.anchoredOps().stream().map(a -> a.at().anchored()).toList(),
                "only the first clip follows the anchor");
        var in = new Audio(TestAudio.noise(2, 0.3, 3 * RATE), RATE);
        for (long seed = 0; seed < 4; seed++) {
            assertArrayEquals(new int[] {1, RATE}, chain.apply(in, new ViewContext(Rng.of(seed), 0.7)).shape());
        }
    }

    /** |H| of a second-order Butterworth after the bilinear transform, in dB. */
    private static double butterworthDb(double f, double cutoff, boolean lowpass) {
        double ratio = Math.tan(Math.PI * f / RATE) / Math.tan(Math.PI * cutoff / RATE);
        double r4 = Math.pow(lowpass ? ratio : 1 / ratio, 4);
        return -10 * Math.log10(1 + r4);
    }

    /** The level change of a tone through an op, in dB, away from the filter's start-up. */
    private static double toneGainDb(String op, Map<String, Object> params, double hz) {
        var in = tone(hz, 1.0);
        var out = CatalogOps.<Audio>waveformOp(op, params).apply(in, ctx(0)).samples();
        return 20 * Math.log10(TestAudio.rms(middle(out, 0.5)) / TestAudio.rms(middle(in.samples(), 0.5)));
    }

    @ParameterizedTest(name = "{0} at {1} Hz, tone {2} Hz")
    @CsvSource({
        "lowpass, 1000, 250", "lowpass, 1000, 1000", "lowpass, 1000, 2000", "lowpass, 1000, 4000",
        "highpass, 1000, 4000", "highpass, 1000, 1000", "highpass, 1000, 500", "highpass, 1000, 125",
    })
    void filtersAttenuateAToneByTheButterworthResponse(String op, double cutoff, double hz) {
        double measured = toneGainDb(op, Map.of("cutoff", cutoff), hz);
        assertEquals(butterworthDb(hz, cutoff, op.equals("lowpass")), measured, 0.05);
    }

    @Test
    void bandpassKeepsItsBandAndCutsBothSides() {
        var params = Map.<String, Object>of("low", 300, "high", 3000);
        for (double hz : new double[] {75, 300, 1000, 3000, 7000}) {
            double expected = butterworthDb(hz, 300, false) + butterworthDb(hz, 3000, true);
            assertEquals(expected, toneGainDb("bandpass", params, hz), 0.05, hz + " Hz");
        }
        assertTrue(toneGainDb("bandpass", params, 75) < -23, "two octaves below: about 24 dB down");
    }

    @Test
    void aCutoffPastNyquistPassesEverythingOrNothing() {
        var in = tone(440, 0.1);
        var low = CatalogOps.<Audio>waveformOp("lowpass", Map.of("cutoff", 9000)).apply(in, ctx(0));
        var high = CatalogOps.<Audio>waveformOp("highpass", Map.of("cutoff", 9000)).apply(in, ctx(0));

        assertArrayEquals(in.samples(), low.samples());
        assertEquals(0, TestAudio.rms(high.samples()));
    }

    @Test
    void reverseTwiceIsTheIdentityAndOnceReadsBackwards() {
        var in = new Audio(TestAudio.noise(6, 0.5, 1001), RATE);
        var reverse = CatalogOps.<Audio>waveformOp("reverse", Map.of());

        var once = reverse.apply(in, ctx(0)).samples();
        var twice = reverse.apply(new Audio(once, RATE), ctx(0)).samples();

        assertArrayEquals(in.samples(), twice);
        for (int i = 0; i < once.length; i++) {
            assertEquals(in.samples()[once.length - 1 - i], once[i]);
        }
    }

    @Test
    void polarityNegatesAndDefaultsToHalfTheTime() {
        var in = new Audio(TestAudio.noise(7, 0.5, 100), RATE);
        var out = CatalogOps.<Audio>waveformOp("polarity", Map.of()).apply(in, ctx(0)).samples();
        for (int i = 0; i < out.length; i++) {
            assertEquals(-in.samples()[i], out[i]);
        }
        var d = OpCatalog.standard().find("polarity", dev.viewpair.views.catalog.Stage.WAVEFORM).orElseThrow();
        assertEquals(0.5, d.probability(Map.of()));
        var chain = ViewChain.build(new ViewSpec("v", Modality.AUDIO, List.of(OpSpec.of("polarity"))), OpCatalog.standard());
        int flipped = 0;
        for (long seed = 0; seed < 400; seed++) {
            flipped += chain.apply(in, ctx(seed)).data()[0] == -in.samples()[0] ? 1 : 0;
        }
        assertEquals(200, flipped, 40, "about half of 400 views flipped");
    }

    @Test
    void fadeRampsLinearlyFromAndToZero() {
        var ones = new float[RATE];
        Arrays.fill(ones, 1f);
        var out = CatalogOps.<Audio>waveformOp("fade", Map.of("in", 0.1, "out", 0.25))
                .apply(new Audio(ones, RATE), ctx(0)).samples();

        assertEquals(0f, out[0]);
        assertEquals(0f, out[RATE - 1]);
        assertEquals(0.5f, out[800], 1e-3, "half-way through the 1600-sample fade-in");
        assertEquals(1f, out[1599]);
        assertEquals(1f, out[RATE / 2]);
        assertEquals(1f, out[RATE - 4000]);
        assertEquals(0.5f, out[RATE - 1 - 2000], 1e-3, "half-way through the 4000-sample fade-out");
    }

    @Test
    void pinkNoiseFallsThreeDecibelsPerOctave() {
        float[] noise = AddNoise.pink(Rng.of(3), 8 * RATE);
        var s = new LinearSpectrogram(1024, 512, 1024, 2).apply(new Audio(noise, RATE), ctx(0));
        // mean power density per octave band, 125 Hz to 8 kHz, against the octave number
        int bands = 6;
        var x = new double[bands];
        var y = new double[bands];
        double binHz = RATE / 1024.0;
        for (int b = 0; b < bands; b++) {
            double lo = 125 * Math.pow(2, b);
            double sum = 0;
            int count = 0;
            for (int k = (int) Math.ceil(lo / binHz); k < 2 * lo / binHz; k++) {
                for (int t = 0; t < s.frames(); t++) {
                    sum += s.data()[k * s.frames() + t];
                    count++;
                }
            }
            x[b] = b;
            y[b] = 10 * Math.log10(sum / count);
        }
        assertEquals(-3.01, slope(x, y), 0.15, "dB per octave");
        assertEquals(1.0, TestAudio.rms(noise), 1e-4, "unit RMS");
        float[] white = AddNoise.white(Rng.of(3), 8 * RATE);
        var w = new LinearSpectrogram(1024, 512, 1024, 2).apply(new Audio(white, RATE), ctx(0));
        assertEquals(0, slope(new double[] {0, 1}, new double[] {
                10 * Math.log10(bandMean(w, 16, 32)), 10 * Math.log10(bandMean(w, 256, 512))}) / 4, 0.1,
                "white noise is flat");
    }

    @Test
    void pinkNoiseHitsTheDrawnSnr() {
        var in = tone(440, 2.0);
        var out = CatalogOps.<Audio>waveformOp("noise", Map.of("snr", List.of(5, 15), "color", "pink")).apply(in, ctx(4));
        var noise = new float[in.samples().length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = out.samples()[i] - in.samples()[i];
        }
        assertEquals(Rng.of(4).uniform(5, 15), 20 * Math.log10(TestAudio.rms(in.samples()) / TestAudio.rms(noise)), 0.01);
    }

    @Test
    void gainClampsOnlyWhenAsked() {
        var in = tone(100, 0.1);
        var loud = CatalogOps.<Audio>waveformOp("gain", Map.of("db", 12)).apply(in, ctx(0)).samples();
        var clamped = CatalogOps.<Audio>waveformOp("gain", Map.of("db", 12, "clamp", true)).apply(in, ctx(0)).samples();

        assertEquals(2.0, peak(loud), 0.01, "0.5 × 10^(12/20) ≈ 1.99");
        assertEquals(1.0, peak(clamped));
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static double bandMean(Spectrogram s, int fromBin, int toBin) {
        double sum = 0;
        for (int k = fromBin; k < toBin; k++) {
            for (int t = 0; t < s.frames(); t++) {
                sum += s.data()[k * s.frames() + t];
            }
        }
        return sum / ((toBin - fromBin) * s.frames());
    }

    /** Least-squares slope of y on x. */
    private static double slope(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return num / den;
    }

    private static int firstAbove(float[] x, float level) {
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > level) {
                return i;
            }
        }
        return -1;
    }

    private static int lastAbove(float[] x, float level) {
        for (int i = x.length - 1; i >= 0; i--) {
            if (Math.abs(x[i]) > level) {
                return i;
            }
        }
        return -1;
    }
}
