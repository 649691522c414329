package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.dsp.Stft;
import dev.viewpair.views.audio.io.Audio;

/**
 * A linear-frequency STFT spectrogram, torchaudio's {@code Spectrogram} (Hann window, {@code center=True}
 * with reflect padding, no normalization): {@code nFft / 2 + 1} rows of |X|^power.
 */
public final class LinearSpectrogram implements Op<Audio, Spectrogram> {
    private final Stft stft;

    /**
     * @param nFft FFT size in samples
     * @param hop samples between frames
     * @param win Hann window length, at most {@code nFft}
     * @param power exponent of the magnitude (2 for power, 1 for magnitude)
     */
    public LinearSpectrogram(int nFft, int hop, int win, double power) {
        this.stft = new Stft(nFft, hop, win, power);
    }

    @Override
    public Spectrogram apply(Audio input, ViewContext ctx) {
        float[] x = input.samples();
        return new Spectrogram(stft.power(x), stft.bins(), stft.frames(x.length));
    }
}
