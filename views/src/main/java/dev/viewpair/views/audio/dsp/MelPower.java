package dev.viewpair.views.audio.dsp;

import dev.viewpair.views.audio.io.Audio;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mel-band energies of torchaudio's {@code MelSpectrogram} (see {@link Stft} and {@link MelFilterbank}),
 * before any log. Shared by {@link dev.viewpair.views.audio.LogMel} and {@link dev.viewpair.views.audio.Mfcc}; the filterbank is made once per sample rate met.
 */
public final class MelPower {
    private final int mels;
    private final double fMin;
    private final double fMax;
    private final Stft stft;
    private final Map<Integer, MelFilterbank> filterbanks = new ConcurrentHashMap<>();

    /**
     * @param fMax highest filter edge in Hz; 0 means the integer Nyquist frequency of the input, torchaudio's
     *     default {@code sample_rate // 2}
     */
    public MelPower(String op, int mels, int nFft, int hop, int win, double fMin, double fMax, double power) {
        if (mels < 1 || fMin < 0 || fMax < 0 || (fMax > 0 && fMax <= fMin)) {
            throw new IllegalArgumentException(op + " needs mels ≥ 1 and 0 ≤ f_min < f_max (or f_max 0 for Nyquist); got mels "
                    + mels + ", f_min " + fMin + ", f_max " + fMax);
        }
        this.mels = mels;
        this.fMin = fMin;
        this.fMax = fMax;
        this.stft = new Stft(nFft, hop, win, power);
    }

    int mels() {
        return mels;
    }

    /** mels × frames band energies (row m: band m over time). */
    public Spectrogram apply(Audio input) {
        var bank = filterbanks.computeIfAbsent(input.sampleRate(), this::filterbank);
        int frames = stft.frames(input.samples().length);
        return new Spectrogram(stft.bands(input.samples(), bank), mels, frames);
    }

    private MelFilterbank filterbank(int sampleRate) {
        double top = fMax > 0 ? fMax : sampleRate / 2;
        return new MelFilterbank(mels, stft.bins(), sampleRate, fMin, top);
    }
}
