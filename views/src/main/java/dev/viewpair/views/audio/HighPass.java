package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Biquad;
import dev.viewpair.views.audio.io.Audio;

/**
 * A second-order Butterworth high-pass ({@link Biquad}) with its cutoff drawn uniformly from [lowHz, highHz].
 * A cutoff at or above the Nyquist frequency removes everything, and the output is silence.
 *
 * @param lowHz the lowest cutoff
 * @param highHz the highest cutoff
 */
public record HighPass(double lowHz, double highHz) implements Op<Audio, Audio> {
    public HighPass {
        if (!(lowHz > 0 && lowHz <= highHz)) {
            throw new IllegalArgumentException("highpass needs 0 < low ≤ high cutoff, got [" + lowHz + ", " + highHz + "] Hz");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double cutoff = ctx.rng().uniform(lowHz, highHz);
        if (cutoff >= input.sampleRate() / 2.0) {
            return new Audio(new float[input.samples().length], input.sampleRate());
        }
        return new Audio(Biquad.highpass(input.sampleRate(), cutoff).filter(input.samples()), input.sampleRate());
    }
}
