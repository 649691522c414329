package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.FloatLog;
import dev.viewpair.views.audio.dsp.MelPower;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;

/**
 * A log-mel spectrogram, torchaudio's {@code MelSpectrogram} (Hann window, {@code center=True} with reflect
 * padding, HTK mel scale, triangular filters without normalization) followed by ln(x + logOffset). The
 * window is made once; the filterbank once per sample rate met.
 */
public final class LogMel implements Op<Audio, Spectrogram> {
    private final double logOffset;
    private final MelPower mel;

    /**
     * @param mels mel bands (output rows)
     * @param nFft FFT size in samples
     * @param hop samples between frames
     * @param win Hann window length, at most {@code nFft}
     * @param fMin lowest filter edge in Hz
     * @param fMax highest filter edge in Hz; 0 means the Nyquist frequency of the input
     * @param power exponent of the magnitude (2 for power, 1 for magnitude)
     * @param logOffset added before the log, so silence gives ln(logOffset) rather than −∞
     */
    public LogMel(int mels, int nFft, int hop, int win, double fMin, double fMax, double power, double logOffset) {
        if (!(logOffset > 0)) {
            throw new IllegalArgumentException("log_mel needs log_offset > 0, got " + logOffset);
        }
        this.logOffset = logOffset;
        this.mel = new MelPower("log_mel", mels, nFft, hop, win, fMin, fMax, power);
    }

    @Override
    public Spectrogram apply(Audio input, ViewContext ctx) {
        var energies = mel.apply(input);
        float[] x = energies.data();
        float offset = (float) logOffset;
        for (int i = 0; i < x.length; i++) {
            x[i] += offset;
        }
        FloatLog.lnInPlace(x);
        return energies;
    }
}
