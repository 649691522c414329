package dev.viewpair.views.audio;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Apart;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.Sound;
import java.util.Optional;

/**
 * Cuts a window of {@code seconds} starting at {@code at} (resolved against the sample's anchor), moved by a
 * uniform random jitter in ±{@code jitterSeconds}. Where the window runs past either end of the audio it is
 * zero-padded, so the output always holds exactly round(seconds × rate) samples. On a long file read by seeking
 * ({@link dev.viewpair.views.audio.io.AudioTimeline}) it reads only the window.
 *
 * @param seconds the window's length
 * @param at where it starts ({@code anchor}, {@code anchor + 0.5s}, or an absolute time)
 * @param jitterSeconds the widest random shift of the start, either way (0 for none)
 * @param apart the other view's window this one keeps apart from ({@code apart_from}), if any: the start is
 *     then drawn over the allowed part of the jitter range only
 * @param onsets how onsets are found when {@code at} is an onset time ({@code at: onset}), else empty
 */
public record Clip(double seconds, TimeExpr at, double jitterSeconds, Optional<Apart> apart, Optional<Onsets> onsets)
        implements Op<Sound, Audio>, AnchoredOp {
    public Clip {
        if (!(seconds > 0) || !(jitterSeconds >= 0)) {
            throw new IllegalArgumentException("clip needs seconds > 0 and jitter ≥ 0, got seconds " + seconds
                    + " and jitter " + jitterSeconds);
        }
    }

    /** A clip whose {@code at} is no onset time. */
    public Clip(double seconds, TimeExpr at, double jitterSeconds, Optional<Apart> apart) {
        this(seconds, at, jitterSeconds, apart, Optional.empty());
    }

    /** A clip without a rule against another view's window, whose {@code at} is no onset time. */
    public Clip(double seconds, TimeExpr at, double jitterSeconds) {
        this(seconds, at, jitterSeconds, Optional.empty());
    }

    @Override
    public Audio apply(Sound input, ViewContext ctx) {
        int rate = input.sampleRate();
        return new Audio(input.window(start(ctx), Audio.samplesIn(seconds, rate)), rate);
    }
}
