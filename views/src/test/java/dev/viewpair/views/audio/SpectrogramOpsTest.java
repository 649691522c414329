package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Op;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ops that take a spectrogram: SpecAugment masks and normalization. */
class SpectrogramOpsTest {
    private static final int BINS = 40;
    private static final int FRAMES = 120;

    @SuppressWarnings("unchecked")
    private static Op<Spectrogram, Spectrogram> op(String name, Map<String, Object> params) {
        var d = OpCatalog.standard().find(name, Stage.SPECTROGRAM).orElseThrow();
        assertEquals(List.of(), d.check(params), "parameters of " + name);
        return (Op<Spectrogram, Spectrogram>) d.factory().apply(d.params(params));
    }

    /** Values 1 + bin + frame / 1000: all positive and all different, so a filled cell (0) stands out. */
    private static Spectrogram grid() {
        var x = new float[BINS * FRAMES];
        for (int b = 0; b < BINS; b++) {
            for (int t = 0; t < FRAMES; t++) {
                x[b * FRAMES + t] = 1 + b + t / 1000f;
            }
        }
        return new Spectrogram(x, BINS, FRAMES);
    }

    /** Which columns (time) or rows (frequency) are entirely the fill value; asserts every other cell is untouched. */
    private static boolean[] masked(Spectrogram in, Spectrogram out, boolean time, float fill) {
        var lines = new boolean[time ? FRAMES : BINS];
        for (int b = 0; b < BINS; b++) {
            for (int t = 0; t < FRAMES; t++) {
                float v = out.data()[b * FRAMES + t];
                if (v == fill) {
                    lines[time ? t : b] = true;
                }
            }
        }
        for (int b = 0; b < BINS; b++) {
            for (int t = 0; t < FRAMES; t++) {
                float v = out.data()[b * FRAMES + t];
                float expected = lines[time ? t : b] ? fill : in.data()[b * FRAMES + t];
                assertEquals(expected, v, "a masked line is filled across, others untouched: bin " + b + " frame " + t);
            }
        }
        return lines;
    }

    /** Lengths of the runs of true values. */
    private static List<Integer> runs(boolean[] lines) {
        var out = new ArrayList<Integer>();
        int run = 0;
        for (boolean m : lines) {
            if (m) {
                run++;
            } else if (run > 0) {
                out.add(run);
                run = 0;
            }
        }
        if (run > 0) {
            out.add(run);
        }
        return out;
    }

    @Test
    void timeMaskFillsWholeColumnsNoWiderThanItsMaximum() {
        var in = grid();
        var widths = new ArrayList<Integer>();
        for (long seed = 0; seed < 300; seed++) {
            var out = op("time_mask", Map.of("max_frames", 15, "count", 1, "fill", "zero"))
                    .apply(in, new ViewContext(Rng.of(seed), 0));
            var r = runs(masked(in, out, true, 0f));
            assertTrue(r.size() <= 1, "one band at most");
            widths.add(r.isEmpty() ? 0 : r.get(0));
        }
        assertEquals(15, widths.stream().mapToInt(w -> w).max().orElseThrow(), "the widest band is max_frames");
        assertEquals(7.5, widths.stream().mapToInt(w -> w).average().orElseThrow(), 1.0, "widths uniform in 0 … 15");
    }

    @Test
    void freqMaskDrawsCountBandsAndFillsWithTheMeanByDefault() {
        var in = grid();
        float mean = (float) SpecMask.mean(in.data());
        int total = 0;
        for (long seed = 0; seed < 100; seed++) {
            var out = op("freq_mask", Map.of("max_bins", 4, "count", 3)).apply(in, new ViewContext(Rng.of(seed), 0));
            var lines = masked(in, out, false, mean);
            int rows = 0;
            for (boolean m : lines) {
                rows += m ? 1 : 0;
            }
            assertTrue(rows <= 12 && runs(lines).size() <= 3, "three bands of at most 4 rows: " + rows);
            total += rows;
        }
        double average = total / 100.0;
        assertTrue(average > 4.5 && average <= 6, "three bands of mean width 2, less where they overlap: " + average);
        assertEquals(1 + (BINS - 1) / 2.0 + (FRAMES - 1) / 2000.0, mean, 1e-4);
    }

    @Test
    void masksAreAPureFunctionOfTheStream() {
        var in = grid();
        var op = op("time_mask", Map.of());
        var a = op.apply(in, new ViewContext(Rng.of(5), 0));
        var b = op.apply(in, new ViewContext(Rng.of(5), 0));
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(grid().data(), in.data(), "the input is left alone");
    }

    @Test
    void normalizePerUtteranceGivesMeanZeroStdOne() {
        var in = grid();
        var out = op("normalize", Map.of()).apply(in, new ViewContext(Rng.of(0), 0));

        double mean = SpecMask.mean(out.data());
        double squares = 0;
        for (float v : out.data()) {
            squares += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-6);
        assertEquals(1, Math.sqrt(squares / out.data().length), 1e-5);
        assertEquals(BINS, out.bins());
        assertEquals(FRAMES, out.frames());
    }

    @Test
    void normalizeWithGivenStatisticsAndOfAConstant() {
        var in = new Spectrogram(new float[] {1, 3, 5, 7}, 2, 2);
        var given = op("normalize", Map.of("mean", 3, "std", 2)).apply(in, new ViewContext(Rng.of(0), 0));
        var constant = op("normalize", Map.of()).apply(new Spectrogram(new float[] {4, 4, 4, 4}, 2, 2),
                new ViewContext(Rng.of(0), 0));

        assertArrayEquals(new float[] {-1, 0, 1, 2}, given.data());
        assertArrayEquals(new float[4], constant.data());
    }

    @Test
    void mfccIsAnOrthonormalDctOfTheMelBandsInDecibels() {
        // with as many coefficients as bands the DCT is a rotation: it keeps each frame's energy (Parseval),
        // and coefficient 0 is √N times the frame's mean level
        var noise = new Audio(TestAudio.noise(1, 0.5, 8000), 16000);
        var ctx = new ViewContext(Rng.of(0), 0);
        var mfcc = CatalogOps.<Spectrogram>waveformOp("mfcc", Map.of("n_mfcc", 32, "mels", 32)).apply(noise, ctx);
        // noise keeps every band far above the 80 dB floor and 1e-12, so ln(x + 1e-12) · 10 / ln 10 is its dB
        var ln = CatalogOps.<Spectrogram>waveformOp("log_mel", Map.of("mels", 32, "log_offset", 1e-12)).apply(noise, ctx);

        assertEquals(32, mfcc.bins());
        assertEquals(ln.frames(), mfcc.frames());
        int frames = ln.frames();
        for (int t = 0; t < frames; t++) {
            double energy = 0;
            double sum = 0;
            double coefficients = 0;
            for (int m = 0; m < 32; m++) {
                double db = ln.data()[m * frames + t] * 10 / Math.log(10);
                energy += db * db;
                sum += db;
                double c = mfcc.data()[m * frames + t];
                coefficients += c * c;
            }
            assertEquals(energy, coefficients, energy * 1e-5, "frame " + t);
            assertEquals(sum / Math.sqrt(32), mfcc.data()[t], Math.abs(sum) * 1e-5, "frame " + t);
        }
    }
}
