package dev.viewpair.views.audio.dsp;

import java.util.Arrays;

/**
 * Triangular filters on the HTK mel scale (mel = 2595 log10(1 + f / 700)), unnormalized, as torchaudio's
 * {@code melscale_fbanks(norm=None, mel_scale="htk")}: {@code mels + 2} points evenly spaced in mel from
 * {@code fMin} to {@code fMax} give each band its lower edge, peak and upper edge, and the FFT bins sit at
 * {@code k · (rate / 2) / (bins − 1)} Hz (torchaudio spaces them up to the integer Nyquist). Each band stores
 * only its non-zero weights.
 */
final class MelFilterbank {
    private final int[] firstBin;
    private final float[][] weights;

    MelFilterbank(int mels, int bins, int sampleRate, double fMin, double fMax) {
        if (!(fMax > fMin)) {
            throw new IllegalArgumentException("mel filters need f_min < f_max, got f_min " + fMin + " Hz and f_max "
                    + fMax + " Hz at " + sampleRate + " Hz");
        }
        double melMin = hzToMel(fMin);
        double melMax = hzToMel(fMax);
        var edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (mels + 1));
        }
        double binHz = bins > 1 ? (sampleRate / 2) / (double) (bins - 1) : 0;
        firstBin = new int[mels];
        weights = new float[mels][];
        var row = new float[bins];
        for (int m = 0; m < mels; m++) {
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double down = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double up = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                row[k] = (float) Math.max(0, Math.min(down, up));
                if (row[k] > 0) {
                    first = first < 0 ? k : first;
                    last = k;
                }
            }
            firstBin[m] = Math.max(first, 0);
            weights[m] = first < 0 ? new float[0] : Arrays.copyOfRange(row, first, last + 1);
        }
    }

    static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    int mels() {
        return weights.length;
    }

    /**
     * The band energies of a bins × frames spectrogram, mels × frames: each band the weighted sum of its bins'
     * rows, accumulated a whole row at a time.
     */
    float[] apply(float[] spectrogram, int frames) {
        var out = new float[weights.length * frames];
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int row = m * frames;
            for (int i = 0; i < w.length; i++) {
                float weight = w[i];
                int from = (firstBin[m] + i) * frames;
                for (int t = 0; t < frames; t++) {
                    out[row + t] += weight * spectrogram[from + t];
                }
            }
        }
        return out;
    }
}
