package dev.viewpair.views.audio;

import static dev.viewpair.views.audio.CatalogOps.waveformOp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaveformOpsTest {
    private static final int RATE = 16000;

    /** Samples 1, 2, 3, …: every sample non-zero and telling where it came from. */
    private static Audio ramp(int length) {
        var x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = i + 1;
        }
        return new Audio(x, RATE);
    }

    private static Audio clip(Map<String, Object> params, Audio in, double anchor, long seed) {
        return CatalogOps.<Audio>waveformOp("clip", params).apply(in, new ViewContext(Rng.of(seed), anchor));
    }

    @Test
    void clipLengthIsAlwaysRoundSecondsTimesRate() {
        var in = ramp(2 * RATE);
        for (double seconds : new double[] {0.3, 1.0, 1.23456, 3.5}) {
            for (double anchor : new double[] {-2.0, 0.0, 0.77, 1.9, 5.0}) {
                var out = clip(Map.of("seconds", seconds, "jitter", 0.2), in, anchor, 11);
                assertEquals(Math.round(seconds * RATE), out.samples().length, seconds + " s at anchor " + anchor);
                assertEquals(RATE, out.sampleRate());
            }
        }
    }

    @Test
    void clipZeroPadsWhereTheWindowRunsPastEitherEnd() {
        var in = ramp(RATE);

        var early = clip(Map.of("seconds", 1.0, "at", "anchor - 0.25s"), in, 0, 1).samples();
        var late = clip(Map.of("seconds", 1.0, "at", "anchor"), in, 0.5, 1).samples();

        for (int i = 0; i < 4000; i++) {
            assertEquals(0f, early[i], "before the start, sample " + i);
        }
        assertEquals(1f, early[4000], "the first real sample follows the padding");
        assertEquals(12000f, early[RATE - 1]);
        assertEquals(8001f, late[0]);
        assertEquals(16000f, late[7999]);
        for (int i = 8000; i < RATE; i++) {
            assertEquals(0f, late[i], "past the end, sample " + i);
        }
    }

    @Test
    void clipAtAnchorPlusHalfSecondStartsHalfASecondLater() {
        var in = ramp(4 * RATE);
        var ctx = new ViewContext(Rng.of(5), 1.3);

        var now = CatalogOps.<Audio>waveformOp("clip", Map.of("seconds", 1.0)).apply(in, ctx).samples();
        var later = CatalogOps.<Audio>waveformOp("clip", Map.of("seconds", 1.0, "at", "anchor + 0.5s"))
                .apply(in, ctx).samples();
        var fixed = CatalogOps.<Audio>waveformOp("clip", Map.of("seconds", 1.0, "at", "250ms")).apply(in, ctx).samples();

        assertEquals(1.3 * RATE + 1, now[0], "starts at the anchor");
        assertEquals(now[0] + 8000, later[0], "half a second (8000 samples) after");
        assertArrayEquals(Arrays.copyOfRange(now, 8000, RATE), Arrays.copyOfRange(later, 0, 8000));
        assertEquals(4001f, fixed[0], "an absolute time ignores the anchor");
    }

    @Test
    void clipJitterStaysWithinItsBoundsAndVariesWithTheStream() {
        var in = ramp(4 * RATE);
        var starts = new HashSet<Float>();
        for (long seed = 0; seed < 50; seed++) {
            float start = clip(Map.of("seconds", 0.5, "jitter", 0.1), in, 2.0, seed).samples()[0] - 1;
            assertTrue(Math.abs(start - 2.0 * RATE) <= 0.1 * RATE, "start " + start);
            starts.add(start);
        }
        assertTrue(starts.size() > 40, "jitter draws differ: " + starts.size() + " distinct starts");
    }

    @Test
    void gainInDecibelsIsExact() {
        var in = new Audio(TestAudio.noise(3, 0.2, RATE), RATE);
        var before = in.samples().clone();

        var fixed = CatalogOps.<Audio>waveformOp("gain", Map.of("db", 6.0)).apply(in, new ViewContext(Rng.of(1), 0));
        var drawn = CatalogOps.<Audio>waveformOp("gain", Map.of()).apply(in, new ViewContext(Rng.of(9), 0));

        assertEquals(6.0, 20 * Math.log10(TestAudio.rms(fixed.samples()) / TestAudio.rms(before)), 1e-4);
        double expectedDb = Rng.of(9).uniform(-6, 6);
        assertEquals(expectedDb, 20 * Math.log10(TestAudio.rms(drawn.samples()) / TestAudio.rms(before)), 1e-4,
                "the default range [-6, 6] dB, drawn from the view's stream");
        assertArrayEquals(before, in.samples(), "the input is left alone");
    }

    @Test
    void noiseHitsTheDrawnSnr() {
        var in = new Audio(TestAudio.tone(440, 0.3, RATE, 10 * RATE), RATE);
        var before = in.samples().clone();
        for (long seed : new long[] {1, 2, 3}) {
            var out = CatalogOps.<Audio>waveformOp("noise", Map.of()).apply(in, new ViewContext(Rng.of(seed), 0));
            var noise = new float[before.length];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = out.samples()[i] - before[i];
            }
            double snr = 20 * Math.log10(TestAudio.rms(before) / TestAudio.rms(noise));
            assertEquals(Rng.of(seed).uniform(10, 30), snr, 0.1, "seed " + seed);
        }
        assertArrayEquals(before, in.samples(), "the input is left alone");
    }

    @Test
    void noiseLeavesSilenceSilent() {
        var silent = new Audio(new float[RATE], RATE);

        var out = CatalogOps.<Audio>waveformOp("noise", Map.of("snr", 20)).apply(silent, new ViewContext(Rng.of(1), 0));

        assertSame(silent, out);
    }

    @Test
    void viewsThroughAViewSetAreReallyOffset() {
        var x = TestAudio.noise(42, 0.5, 5 * RATE);
        var specs = List.of(
                new ViewSpec("now", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 1.0)))),
                new ViewSpec("later", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 1.0, "at", "anchor + 0.5s")))));
        var views = ViewSet.build(specs, OpCatalog.standard(), 7);
        var starts = new HashSet<Integer>();
        for (int epoch = 0; epoch < 5; epoch++) {
            var out = views.apply(Map.of(Modality.AUDIO, new Audio(x, RATE)), epoch, "sample-" + epoch);
            float[] now = out.get("now").data();
            float[] later = out.get("later").data();

            int start = indexOf(x, now);
            assertTrue(start >= 0 && start + 8000 + RATE <= x.length, "both windows inside the audio, start " + start);
            assertArrayEquals(Arrays.copyOfRange(x, start + 8000, start + 8000 + RATE), later);
            starts.add(start);
        }
        assertTrue(starts.size() > 1, "the anchor moves between samples and epochs");
    }

    @Test
    void sameSeedEpochSampleAndViewGiveTheSameView() {
        var audio = new Audio(TestAudio.noise(8, 0.4, 3 * RATE), RATE);
        var ops = List.of(
                new OpSpec("clip", Map.of("seconds", 1.0, "jitter", 0.3)),
                new OpSpec("gain", Map.of()),
                new OpSpec("noise", Map.of()),
                new OpSpec("log_mel", Map.of("mels", 32)));
        var views = ViewSet.build(List.of(new ViewSpec("a", Modality.AUDIO, ops), new ViewSpec("b", Modality.AUDIO, ops)),
                OpCatalog.standard(), 3);
        var media = Map.<Modality, Object>of(Modality.AUDIO, audio);

        var first = views.apply(media, 1, "clip-17");
        var again = views.apply(media, 1, "clip-17");
        var nextEpoch = views.apply(media, 2, "clip-17");

        assertEquals(first.get("a"), again.get("a"));
        assertEquals(first.get("b"), again.get("b"));
        assertArrayEquals(new int[] {1, 32, 101}, first.get("a").shape());
        assertNotEquals(first.get("a"), first.get("b"), "another view name, another stream");
        assertNotEquals(first.get("a"), nextEpoch.get("a"), "another epoch, another draw");

        // the same through Rng.forView directly, op by op
        Audio viaOps = audio;
        for (var name : List.of("gain", "noise")) {
            var op = CatalogOps.<Audio>waveformOp(name, Map.of());
            var ctx1 = new ViewContext(Rng.forView(3, 1, "clip-17", "a"), 0.4);
            var ctx2 = new ViewContext(Rng.forView(3, 1, "clip-17", "a"), 0.4);
            var x1 = op.apply(viaOps, ctx1).samples();
            var x2 = op.apply(viaOps, ctx2).samples();
            assertArrayEquals(x1, x2, name);
            assertFalse(Arrays.equals(x1, viaOps.samples()), name + " changed something");
            viaOps = new Audio(x1, RATE);
        }
    }

    private static int indexOf(float[] haystack, float[] needle) {
        outer:
        for (int s = 0; s + needle.length <= haystack.length; s++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[s + i] != needle[i]) {
                    continue outer;
                }
            }
            return s;
        }
        return -1;
    }
}
