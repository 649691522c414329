package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.FloatLog;
import dev.viewpair.views.audio.dsp.MelPower;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;

/**
 * Mel-frequency cepstral coefficients to torchaudio's {@code MFCC} conventions: the mel power spectrogram of
 * {@link MelPower}, made logarithmic either in decibels ({@code amplitude_to_DB}: 10·log10(max(x, 1e-10)),
 * then floored at the clip's loudest value minus 80 dB) or, with {@code logMels}, as ln(x + 1e-6); then an
 * orthonormal DCT-II over the bands, of which the first {@code nMfcc} coefficients are kept.
 */
public final class Mfcc implements Op<Audio, Spectrogram> {
    private static final float AMIN = 1e-10f;
    private static final double TOP_DB = 80;
    private static final float LOG_OFFSET = 1e-6f;
    /** 10·log10(x) = ln(x) · 10 / ln 10. */
    private static final float DECIBELS_PER_NEPER = (float) (10 / Math.log(10));

    private final int nMfcc;
    private final boolean logMels;
    private final MelPower mel;
    private final float[] dct;

    /**
     * @param nMfcc coefficients kept (output rows), at most {@code mels}
     * @param mels mel bands
     * @param nFft FFT size in samples
     * @param hop samples between frames
     * @param win Hann window length, at most {@code nFft}
     * @param fMin lowest filter edge in Hz
     * @param fMax highest filter edge in Hz; 0 means the Nyquist frequency of the input
     * @param logMels ln(x + 1e-6) of the mel power instead of decibels with an 80 dB floor
     */
    public Mfcc(int nMfcc, int mels, int nFft, int hop, int win, double fMin, double fMax, boolean logMels) {
        if (nMfcc < 1 || nMfcc > mels) {
            throw new IllegalArgumentException("mfcc needs 1 ≤ n_mfcc ≤ mels, got n_mfcc " + nMfcc + " and mels " + mels);
        }
        this.nMfcc = nMfcc;
        this.logMels = logMels;
        this.mel = new MelPower("mfcc", mels, nFft, hop, win, fMin, fMax, 2);
        this.dct = dctOrtho(nMfcc, mels);
    }

    /** Row k of the orthonormal DCT-II: √(2/N)·cos(π/N·(n + ½)·k), row 0 scaled by 1/√2. */
    private static float[] dctOrtho(int rows, int n) {
        var m = new float[rows * n];
        for (int k = 0; k < rows; k++) {
            double scale = Math.sqrt(2.0 / n) * (k == 0 ? Math.sqrt(0.5) : 1);
            for (int i = 0; i < n; i++) {
                m[k * n + i] = (float) (scale * Math.cos(Math.PI / n * (i + 0.5) * k));
            }
        }
        return m;
    }

    @Override
    public Spectrogram apply(Audio input, ViewContext ctx) {
        Spectrogram bands = mel.apply(input);
        float[] x = bands.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = logMels ? x[i] + LOG_OFFSET : Math.max(x[i], AMIN);
        }
        FloatLog.lnInPlace(x);
        if (!logMels) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= DECIBELS_PER_NEPER;
            }
            floorDecibels(x);
        }
        int mels = bands.bins();
        int frames = bands.frames();
        var out = new float[nMfcc * frames];
        var column = new float[mels];
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < mels; m++) {
                column[m] = x[m * frames + t];
            }
            for (int k = 0; k < nMfcc; k++) {
                double sum = 0;
                for (int m = 0; m < mels; m++) {
                    sum += dct[k * mels + m] * column[m];
                }
                out[k * frames + t] = (float) sum;
            }
        }
        return new Spectrogram(out, nMfcc, frames);
    }

    /** torchaudio's {@code top_db}: nothing lower than the loudest value of the whole clip minus 80 dB. */
    private static void floorDecibels(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        float floor = (float) (max - TOP_DB);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(x[i], floor);
        }
    }
}
