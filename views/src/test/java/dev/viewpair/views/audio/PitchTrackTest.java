package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.chain.ViewShapes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pitch_track on sines of known pitch: within 1 %, voiced with a high probability; silence unvoiced. */
class PitchTrackTest {
    private static final int RATE = 16000;
    private static final ViewContext CTX = new ViewContext(Rng.of(1), 0);

    /** The median over the frames that lie wholly inside the sound. */
    private static double median(float[] row, int from, int to) {
        var v = Arrays.copyOfRange(row, from, to);
        Arrays.sort(v);
        return v[v.length / 2];
    }

    @Test
    void sinesComeOutAtTheirPitchWithinOnePercent() {
        for (var algorithm : List.of("yin", "fft_yin", "mpm")) {
            for (double hz : new double[] {220, 440, 880}) {
                Spectrogram s = CatalogOps.<Spectrogram>waveformOp("pitch_track", Map.of("algorithm", algorithm))
                        .apply(new Audio(TestAudio.tone(hz, 0.5, RATE, RATE), RATE), CTX);
                assertEquals(2, s.bins());
                assertEquals(1 + RATE / 160, s.frames());
                var pitch = Arrays.copyOfRange(s.data(), 0, s.frames());
                var probability = Arrays.copyOfRange(s.data(), s.frames(), 2 * s.frames());
                int inside = 1024 / 2 / 160 + 1; // frames whose window lies inside the sound
                for (int k = inside; k < s.frames() - inside; k++) {
                    assertTrue(Math.abs(pitch[k] - hz) <= 0.01 * hz, algorithm + " on " + hz + " Hz: frame " + k + " gave "
                            + pitch[k] + " Hz");
                    assertTrue(probability[k] > 0.8, algorithm + " on " + hz + " Hz: frame " + k + " has probability "
                            + probability[k]);
                }
                double median = median(pitch, inside, s.frames() - inside);
                assertTrue(Math.abs(median - hz) <= 0.01 * hz, algorithm + ": median " + median + " Hz for " + hz + " Hz");
            }
        }
    }

    @Test
    void silenceIsUnvoicedWithProbabilityZero() {
        for (var algorithm : List.of("yin", "mpm")) {
            Spectrogram s = CatalogOps.<Spectrogram>waveformOp("pitch_track", Map.of("algorithm", algorithm, "hop", 400))
                    .apply(new Audio(new float[RATE], RATE), CTX);
            assertArrayEquals(new float[2 * s.frames()], s.data(), algorithm);
        }
    }

    @Test
    void theShapeRuleGivesTheShapeItMakes() {
        var spec = new ViewSpec("pitch", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 0.75)),
                new OpSpec("pitch_track", Map.of("algorithm", "mpm", "frame", 2048, "hop", 256))));
        var chain = ViewChain.build(spec, OpCatalog.standard());
        var tensor = chain.apply(new Audio(TestAudio.tone(300, 0.5, RATE, RATE), RATE), CTX);
        assertArrayEquals(new int[] {1, 2, 1 + 12000 / 256}, tensor.shape());
        var shape = ViewShapes.of(OpCatalog.standard(), spec, RATE).orElseThrow().get("pitch");
        assertArrayEquals(tensor.shape(), shape.sizes().orElseThrow(), "shape rule " + shape);
    }
}
