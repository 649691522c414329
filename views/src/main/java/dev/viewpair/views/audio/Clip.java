package dev.viewpair.views.audio;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.catalog.TimeExpr;

/**
 * Cuts a window of {@code seconds} starting at {@code at} (resolved against the sample's anchor), moved by a
 * uniform random jitter in ±{@code jitterSeconds}. Where the window runs past either end of the audio it is
 * zero-padded, so the output always holds exactly round(seconds × rate) samples. On a long file read by seeking
 * ({@link AudioTimeline}) it reads only the window.
 *
 * @param seconds the window's length
 * @param at where it starts ({@code anchor}, {@code anchor + 0.5s}, or an absolute time)
 * @param jitterSeconds the widest random shift of the start, either way (0 for none)
 */
public record Clip(double seconds, TimeExpr at, double jitterSeconds) implements Op<Sound, Audio>, AnchoredOp {
    public Clip {
        if (!(seconds > 0) || !(jitterSeconds >= 0)) {
            throw new IllegalArgumentException("clip needs seconds > 0 and jitter ≥ 0, got seconds " + seconds
                    + " and jitter " + jitterSeconds);
        }
    }

    @Override
    public Audio apply(Sound input, ViewContext ctx) {
        int rate = input.sampleRate();
        double start = at.resolve(ctx.anchorSeconds());
        if (jitterSeconds > 0) {
            start += ctx.rng().uniform(-jitterSeconds, jitterSeconds);
        }
        return new Audio(input.window(start, (int) Math.round(seconds * rate)), rate);
    }
}
