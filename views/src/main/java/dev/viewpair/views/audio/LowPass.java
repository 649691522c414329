package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Biquad;
import dev.viewpair.views.audio.io.Audio;

/**
 * A second-order Butterworth low-pass ({@link Biquad}) with its cutoff drawn uniformly from [lowHz, highHz].
 * A cutoff at or above the Nyquist frequency removes nothing, and the input comes back unchanged.
 *
 * @param lowHz the lowest cutoff
 * @param highHz the highest cutoff
 */
public record LowPass(double lowHz, double highHz) implements Op<Audio, Audio> {
    public LowPass {
        if (!(lowHz > 0 && lowHz <= highHz)) {
            throw new IllegalArgumentException("lowpass needs 0 < low ≤ high cutoff, got [" + lowHz + ", " + highHz + "] Hz");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double cutoff = ctx.rng().uniform(lowHz, highHz);
        if (cutoff >= input.sampleRate() / 2.0) {
            return input;
        }
        return new Audio(Biquad.lowpass(input.sampleRate(), cutoff).filter(input.samples()), input.sampleRate());
    }
}
