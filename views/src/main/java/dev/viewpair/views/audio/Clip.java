package dev.viewpair.views.audio;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.catalog.TimeExpr;

/**
 * Cuts a window of {@code seconds} starting at {@code at} (resolved against the sample's anchor), moved by a
 * uniform random jitter in ±{@code jitterSeconds}. Where the window runs past either end of the audio it is
 * zero-padded, so the output always holds exactly round(seconds × rate) samples.
 *
 * @param seconds the window's length
 * @param at where it starts ({@code anchor}, {@code anchor + 0.5s}, or an absolute time)
 * @param jitterSeconds the widest random shift of the start, either way (0 for none)
 */
public record Clip(double seconds, TimeExpr at, double jitterSeconds) implements Op<Audio, Audio>, AnchoredOp {
    public Clip {
        if (!(seconds > 0) || !(jitterSeconds >= 0)) {
            throw new IllegalArgumentException("clip needs seconds > 0 and jitter ≥ 0, got seconds " + seconds
                    + " and jitter " + jitterSeconds);
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        int rate = input.sampleRate();
        double start = at.resolve(ctx.anchorSeconds());
        if (jitterSeconds > 0) {
            start += ctx.rng().uniform(-jitterSeconds, jitterSeconds);
        }
        int length = (int) Math.round(seconds * rate);
        long first = Math.round(start * rate);
        var out = new float[length];
        float[] in = input.samples();
        // the part of [first, first + length) that lies inside the input; the rest stays zero
        long from = Math.max(first, 0);
        long to = Math.min(first + length, in.length);
        if (to > from) {
            System.arraycopy(in, (int) from, out, (int) (from - first), (int) (to - from));
        }
        return new Audio(out, rate);
    }
}
