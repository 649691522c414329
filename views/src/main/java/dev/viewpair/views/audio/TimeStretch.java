package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/**
 * Changes tempo without changing pitch by waveform-similarity overlap-add (WSOLA): 30 ms Hann frames are
 * written every 15 ms, each read from the input near its nominal place (output time × rate), shifted by up
 * to ±10 ms to the position whose waveform best continues the frame before (largest cross-correlation), so
 * periodic sounds stay in phase. The rate is drawn uniformly from [low, high]; the length becomes
 * round(n / rate). The length changes: put {@code time_stretch} before {@code clip}, or follow it with a
 * {@code clip} at an absolute time, so the view keeps a fixed shape.
 *
 * @param low the smallest rate (&gt; 0; below 1 is slower and longer)
 * @param high the largest rate
 */
public record TimeStretch(double low, double high) implements Op<Audio, Audio> {
    public TimeStretch {
        if (!(low > 0 && low <= high)) {
            throw new IllegalArgumentException("time_stretch needs 0 < low ≤ high, got [" + low + ", " + high + "]");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double rate = ctx.rng().uniform(low, high);
        int length = length(input.samples().length, rate);
        return new Audio(wsola(input.samples(), rate, input.sampleRate(), length), input.sampleRate());
    }

    /** The length of {@code n} samples played at {@code rate} times the tempo: round(n / rate), at least 1 (so does {@code speed}). */
    static int length(int n, double rate) {
        return (int) Math.max(1, Math.round(n / rate));
    }

    static float[] wsola(float[] x, double rate, int sampleRate, int length) {
        int hop = Math.max(1, (int) Math.round(0.015 * sampleRate));
        int frame = 2 * hop;
        int tolerance = (int) Math.round(0.010 * sampleRate);
        var window = new float[frame];
        for (int i = 0; i < frame; i++) {
            // periodic Hann: copies a half frame apart sum to exactly one
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        var out = new float[length];
        // frame k is written to output samples [k·hop − hop, k·hop + hop), read from input [start, start + frame)
        long start = -hop;
        for (int k = 0; (long) k * hop - hop < length; k++) {
            if (k > 0) {
                start = bestMatch(x, start + hop, Math.round(k * hop * rate) - hop, tolerance, frame);
            }
            int to = k * hop - hop;
            for (int i = 0; i < frame; i++) {
                int n = to + i;
                if (n >= 0 && n < length) {
                    out[n] += window[i] * sample(x, start + i);
                }
            }
        }
        return out;
    }

    /**
     * The start within nominal ± tolerance whose frame correlates best with the frame starting at
     * {@code natural} (what would follow the last frame written); ties go to the start nearest nominal.
     */
    private static long bestMatch(float[] x, long natural, long nominal, int tolerance, int frame) {
        long best = nominal;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int d = 0; d <= 2 * tolerance; d++) {
            long start = nominal + ((d & 1) == 0 ? d / 2 : -(d + 1) / 2);
            double score = 0;
            for (int i = 0; i < frame; i++) {
                score += sample(x, natural + i) * sample(x, start + i);
            }
            if (score > bestScore) {
                bestScore = score;
                best = start;
            }
        }
        return best;
    }

    private static float sample(float[] x, long i) {
        return i >= 0 && i < x.length ? x[(int) i] : 0;
    }
}
