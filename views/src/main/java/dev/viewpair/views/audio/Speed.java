package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Resample;
import dev.viewpair.views.audio.io.Audio;

/**
 * Plays the audio faster or slower, like a tape: a factor drawn uniformly from [low, high] scales pitch and
 * tempo together, and the length becomes round(n / factor). Band-limited resampling ({@link Resample}).
 * The length changes: put {@code speed} before {@code clip}, or follow it with a {@code clip} at an absolute
 * time, so the view keeps a fixed shape.
 *
 * @param low the smallest factor (&gt; 0; below 1 is slower)
 * @param high the largest factor
 */
public record Speed(double low, double high) implements Op<Audio, Audio> {
    public Speed {
        if (!(low > 0 && low <= high)) {
            throw new IllegalArgumentException("speed needs 0 < low ≤ high, got [" + low + ", " + high + "]");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double factor = ctx.rng().uniform(low, high);
        int length = TimeStretch.length(input.samples().length, factor);
        return new Audio(Resample.atStep(input.samples(), factor, length), input.sampleRate());
    }
}
