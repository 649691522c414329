package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A log-mel spectrogram, torchaudio's {@code MelSpectrogram} (Hann window, {@code center=True} with reflect
 * padding, HTK mel scale, triangular filters without normalization) followed by ln(x + logOffset). The
 * window is made once; the filterbank once per sample rate met.
 */
public final class LogMel implements Op<Audio, Spectrogram> {
    private final int mels;
    private final double fMin;
    private final double fMax;
    private final double logOffset;
    private final Stft stft;
    private final Map<Integer, MelFilterbank> filterbanks = new ConcurrentHashMap<>();

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
        if (mels < 1 || fMin < 0 || fMax < 0 || (fMax > 0 && fMax <= fMin) || !(logOffset > 0)) {
            throw new IllegalArgumentException("log_mel needs mels ≥ 1, 0 ≤ f_min < f_max (or f_max 0 for Nyquist) and "
                    + "log_offset > 0; got mels " + mels + ", f_min " + fMin + ", f_max " + fMax + ", log_offset "
                    + logOffset);
        }
        this.mels = mels;
        this.fMin = fMin;
        this.fMax = fMax;
        this.logOffset = logOffset;
        this.stft = new Stft(nFft, hop, win, power);
    }

    @Override
    public Spectrogram apply(Audio input, ViewContext ctx) {
        var bank = filterbanks.computeIfAbsent(input.sampleRate(), this::filterbank);
        int frames = stft.frames(input.samples().length);
        var out = new float[mels * frames];
        stft.run(input.samples(), (t, spectrum) -> {
            for (int m = 0; m < mels; m++) {
                out[m * frames + t] = (float) Math.log(bank.band(m, spectrum) + logOffset);
            }
        });
        return new Spectrogram(out, mels, frames);
    }

    private MelFilterbank filterbank(int sampleRate) {
        // torchaudio's default f_max is the integer Nyquist, sample_rate // 2
        double top = fMax > 0 ? fMax : sampleRate / 2;
        return new MelFilterbank(mels, stft.bins(), sampleRate, fMin, top);
    }
}
