package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/**
 * Keeps a band: a second-order Butterworth high-pass at a lower edge drawn from [lowFromHz, lowToHz], then
 * a low-pass at an upper edge drawn from [highFromHz, highToHz] (each {@link dev.viewpair.views.audio.dsp.Biquad}, −3 dB at its edge,
 * 12 dB per octave beyond). Edges at or above the Nyquist frequency behave as in {@link HighPass} and
 * {@link LowPass}.
 *
 * @param lowFromHz the lowest lower edge
 * @param lowToHz the highest lower edge
 * @param highFromHz the lowest upper edge, above {@code lowToHz}
 * @param highToHz the highest upper edge
 */
public record BandPass(double lowFromHz, double lowToHz, double highFromHz, double highToHz) implements Op<Audio, Audio> {
    public BandPass {
        if (!(lowFromHz > 0 && lowFromHz <= lowToHz && lowToHz < highFromHz && highFromHz <= highToHz)) {
            throw new IllegalArgumentException("bandpass needs 0 < low edges < high edges, got low [" + lowFromHz + ", "
                    + lowToHz + "] Hz and high [" + highFromHz + ", " + highToHz + "] Hz");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        var highPassed = new HighPass(lowFromHz, lowToHz).apply(input, ctx);
        return new LowPass(highFromHz, highToHz).apply(highPassed, ctx);
    }
}
