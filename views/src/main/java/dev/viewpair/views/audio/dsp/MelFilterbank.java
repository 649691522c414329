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
    /** The same weights by bin: the bands each bin feeds, in band order, and its weight in each. */
    private final int[][] bandsOfBin;
    private final float[][] weightsOfBin;

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
        bandsOfBin = new int[bins][];
        weightsOfBin = new float[bins][];
        for (int k = 0; k < bins; k++) {
            int feeds = 0;
            for (int m = 0; m < mels; m++) {
                feeds += feeds(m, k) ? 1 : 0;
            }
            bandsOfBin[k] = new int[feeds];
            weightsOfBin[k] = new float[feeds];
            for (int m = 0, j = 0; m < mels; m++) {
                if (feeds(m, k)) {
                    bandsOfBin[k][j] = m;
                    weightsOfBin[k][j++] = weights[m][k - firstBin[m]];
                }
            }
        }
    }

    /** Whether band m has a stored weight for bin k. */
    private boolean feeds(int m, int k) {
        return k >= firstBin[m] && k < firstBin[m] + weights[m].length;
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
     * Adds bin {@code bin}'s values for frames {@code first …} ({@code count} of them, from {@code row[at]} on) into
     * the bands it feeds, in a bands × {@code frames} array: called bin by bin in increasing order from a zeroed
     * array, the sums come out as {@link #apply} makes them, value for value.
     */
    void accumulate(int bin, float[] row, int at, int count, float[] bands, int first, int frames) {
        int[] feeds = bandsOfBin[bin];
        float[] w = weightsOfBin[bin];
        for (int j = 0; j < feeds.length; j++) {
            float weight = w[j];
            int to = feeds[j] * frames + first;
            int done = Vectors.AVAILABLE ? LaneFftSimd.accumulate(weight, row, at, bands, to, count) : 0;
            for (int t = done; t < count; t++) {
                bands[to + t] += weight * row[at + t];
            }
        }
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
