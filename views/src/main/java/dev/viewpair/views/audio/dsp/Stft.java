package dev.viewpair.views.audio.dsp;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * A short-time Fourier transform to torchaudio's {@code Spectrogram} conventions: a periodic Hann window of
 * {@code win} samples centred in {@code nFft}, frames centred on multiples of {@code hop} (the signal
 * reflect-padded by {@code nFft / 2} on both sides), and |X|^power per bin. Even sizes whose half has no prime
 * factor above 5 (400, 512, 480, …) run as half-length complex FFTs of up to {@link #MAX_LANE_VALUES} / (nFft / 2)
 * frames at once ({@link LaneFft}, each butterfly running across the frames); other sizes go frame by frame
 * through TarsosDSP.
 * Built once per op; safe to share between threads (each thread gets its own buffers).
 */
public final class Stft {
    /**
     * Floats of one part (real or imaginary) of a lane-FFT batch: 32 K (128 KB), so that a thread's rows stay in the L2
     * cache and a second at 16 kHz (101 frames of 400) is one batch.
     */
    static final int MAX_LANE_VALUES = 1 << 15;

    private final int nFft;
    private final int hop;
    private final double power;
    private final float[] window;
    private final LaneFft laneFft;
    /** w^k = e^(−2πik / nFft) for k ≤ nFft / 2: the twiddles that make a real spectrum from a half-length one. */
    private final float[] halfTwiddleRe;
    private final float[] halfTwiddleIm;
    private final int lanes;
    private final ThreadLocal<LaneWork> laneWork;
    // TarsosDSP's JTransforms port, for the other sizes: split-radix for powers of two, mixed radix (2, 3, 4, 5)
    // or Bluestein otherwise, so any nFft is O(n log n). Its tables are read-only after construction.
    private final FloatFFT fft;
    private final ThreadLocal<float[]> frameBuffer;
    /** Each thread's reflect-padded copy of the signal, grown to the longest met. */
    private final ThreadLocal<float[][]> paddedBuffer = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    /** A thread's rows for the lane FFT, and for one bin of |X|² (any bin, bin 0, bin n/2) over the lanes. */
    private record LaneWork(LaneFft.Buffers fft, float[] bin, float[] dc, float[] nyquist) {}

    /** Receives |X|² of bin {@code bin} for frames {@code first …}: {@code count} values from {@code row[at]} on. */
    @FunctionalInterface
    private interface BinRows {
        void accept(int bin, float[] row, int at, int count, int first);
    }

    public Stft(int nFft, int hop, int win, double power) {
        if (nFft < 2 || hop < 1 || win < 1 || win > nFft || !(power > 0)) {
            throw new IllegalArgumentException("STFT needs n_fft ≥ 2, hop ≥ 1, 1 ≤ win ≤ n_fft and power > 0; got n_fft "
                    + nFft + ", hop " + hop + ", win " + win + ", power " + power);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.power = power;
        this.window = new float[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            window[left + i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / win));
        }
        int half = nFft / 2;
        if (nFft % 2 == 0 && LaneFft.supports(half)) {
            laneFft = new LaneFft(half);
            // whole vectors of lanes where the butterflies run as vectors (LaneFft rounds a batch up to them)
            int fit = Math.max(1, MAX_LANE_VALUES / half);
            lanes = fit >= LaneFftSimd.LANES ? fit / LaneFftSimd.LANES * LaneFftSimd.LANES : fit;
            laneWork = ThreadLocal.withInitial(() -> new LaneWork(new LaneFft.Buffers(half, lanes),
                    new float[LaneFft.wholeVectors(lanes)], new float[lanes], new float[lanes]));
            halfTwiddleRe = new float[half + 1];
            halfTwiddleIm = new float[half + 1];
            for (int k = 0; k <= half; k++) {
                halfTwiddleRe[k] = (float) Math.cos(2 * Math.PI * k / nFft);
                halfTwiddleIm[k] = (float) -Math.sin(2 * Math.PI * k / nFft);
            }
            fft = null;
            frameBuffer = null;
        } else {
            laneFft = null;
            lanes = 0;
            laneWork = null;
            halfTwiddleRe = null;
            halfTwiddleIm = null;
            fft = new FloatFFT(nFft);
            frameBuffer = ThreadLocal.withInitial(() -> new float[nFft]);
        }
    }

    /** Frequency bins per frame: {@code nFft / 2 + 1}. */
    public int bins() {
        return nFft / 2 + 1;
    }

    int nFft() {
        return nFft;
    }

    /** Frames for a signal of this length: {@code 1 + length / hop} for even {@code nFft}. */
    public int frames(int length) {
        return frames(length, nFft, hop);
    }

    /** Frames for a signal of this length, {@code nFft / 2} samples reflect-padded on each side. */
    public static int frames(int length, int nFft, int hop) {
        int pad = nFft / 2;
        return 1 + Math.max(0, length + 2 * pad - nFft) / hop;
    }

    /** |X|^power of every frame of a signal, bins × frames (row k: bin k over time); the signal is not modified. */
    public float[] power(float[] x) {
        int frames = frames(x.length);
        var out = new float[bins() * frames];
        float[] padded = reflectPadded(x);
        if (laneFft != null) {
            for (int first = 0; first < frames; first += lanes) {
                squaredMagnitudes(padded, first, Math.min(lanes, frames - first),
                        (bin, row, at, count, from) -> System.arraycopy(row, at, out, bin * frames + from, count));
            }
        } else {
            for (int t = 0; t < frames; t++) {
                squaredMagnitudes(padded, t, frames, out);
            }
        }
        toPower(out, 0, out.length);
        return out;
    }

    /**
     * The filterbank's band sums of |X|^power, bands × frames, as {@code bank.apply(power(x), frames)} gives them, value
     * for value (each band adds its bins in the same order): with the lane FFT each batch's spectrum goes into the
     * bands as it is made, and the whole spectrogram is never stored.
     */
    float[] bands(float[] x, MelFilterbank bank) {
        int frames = frames(x.length);
        if (laneFft == null) {
            return bank.apply(power(x), frames);
        }
        var out = new float[bank.mels() * frames];
        float[] padded = reflectPadded(x);
        for (int first = 0; first < frames; first += lanes) {
            squaredMagnitudes(padded, first, Math.min(lanes, frames - first), (bin, row, at, count, from) -> {
                toPower(row, at, at + count);
                bank.accumulate(bin, row, at, count, out, from, frames);
            });
        }
        return out;
    }

    /** |X|² to |X|^power in {@code v[from, to)}. */
    private void toPower(float[] v, int from, int to) {
        if (power == 1) {
            for (int i = from; i < to; i++) {
                v[i] = (float) Math.sqrt(v[i]);
            }
        } else if (power != 2) {
            for (int i = from; i < to; i++) {
                v[i] = (float) Math.pow(v[i], power / 2);
            }
        }
    }

    /**
     * The signal with nFft / 2 reflected samples on each side, so that every frame lies inside it: in this thread's
     * buffer, which may be longer.
     */
    private float[] reflectPadded(float[] x) {
        int pad = nFft / 2;
        float[][] holder = paddedBuffer.get();
        if (holder[0].length < x.length + 2 * pad) {
            holder[0] = new float[x.length + 2 * pad];
        }
        float[] padded = holder[0];
        System.arraycopy(x, 0, padded, pad, x.length);
        for (int i = 0; i < pad; i++) {
            padded[i] = sampleReflected(x, i - pad);
            padded[pad + x.length + i] = sampleReflected(x, x.length + i);
        }
        return padded;
    }

    /**
     * |X|² of frames {@code first …} (one per lane): each windowed frame, read as nFft / 2 complex values
     * (even samples real, odd samples imaginary), goes through one half-length FFT Z, and then
     * X[k] = E[k] + w^k·O[k] with E[k] = (Z[k] + conj Z[n/2 − k]) / 2 and O[k] = (Z[k] − conj Z[n/2 − k]) / 2i.
     */
    private void squaredMagnitudes(float[] padded, int first, int count, BinRows out) {
        int half = nFft / 2;
        var work = laneWork.get();
        var b = work.fft();
        // element by element, all lanes of one element in its row: the writes are contiguous, the reads hop
        int firstStart = first * hop;
        for (int e = 0; e < half; e++) {
            float evenWeight = window[2 * e];
            float oddWeight = window[2 * e + 1];
            float[] re = b.re[e];
            float[] im = b.im[e];
            for (int lane = 0, at = firstStart + 2 * e; lane < count; lane++, at += hop) {
                re[lane] = padded[at] * evenWeight;
                im[lane] = padded[at + 1] * oddWeight;
            }
        }
        laneFft.forward(b, count);
        // bins 0 and n/2: E[0] = Re Z[0], O[0] = Im Z[0], w^0 = 1 and w^(n/2) = −1
        float[] z0r = b.re[0];
        float[] z0i = b.im[0];
        float[] dc = work.dc();
        float[] nyquist = work.nyquist();
        for (int lane = 0; lane < count; lane++) {
            float sum = z0r[lane] + z0i[lane];
            float difference = z0r[lane] - z0i[lane];
            dc[lane] = sum * sum;
            nyquist[lane] = difference * difference;
        }
        out.accept(0, dc, 0, count, first);
        // every row of Z is its own array: Z[n/2 − k] is read where it lies, with no mirrored copy
        float[] bin = work.bin();
        for (int k = 1; k < half; k++) {
            float[] zr = b.re[k];
            float[] zi = b.im[k];
            float[] mr = b.re[half - k];
            float[] mi = b.im[half - k];
            float wr = halfTwiddleRe[k];
            float wi = halfTwiddleIm[k];
            if (laneFft.simd()) {
                // the lanes up to whole vectors: the rows and bin have room for them, and only count are passed on
                LaneFftSimd.unfold(zr, zi, mr, mi, wr, wi, bin, LaneFft.wholeVectors(count));
                out.accept(k, bin, 0, count, first);
                continue;
            }
            for (int lane = 0; lane < count; lane++) {
                // 2E and 2O, the halves folded into the final quarter
                float er = zr[lane] + mr[lane];
                float ei = zi[lane] - mi[lane];
                float or = zi[lane] + mi[lane];
                float oi = mr[lane] - zr[lane];
                float xr = er + or * wr - oi * wi;
                float xi = ei + or * wi + oi * wr;
                bin[lane] = 0.25f * (xr * xr + xi * xi);
            }
            out.accept(k, bin, 0, count, first);
        }
        out.accept(half, nyquist, 0, count, first);
    }

    /** |X|² of frame t through TarsosDSP's real FFT. */
    private void squaredMagnitudes(float[] padded, int t, int frames, float[] out) {
        float[] frame = frameBuffer.get();
        int start = t * hop;
        for (int i = 0; i < nFft; i++) {
            frame[i] = padded[start + i] * window[i];
        }
        fft.realForward(frame);
        for (int k = 0; k < bins(); k++) {
            out[k * frames + t] = squaredMagnitude(frame, k);
        }
    }

    /** |X[k]|² from JTransforms' packed real-FFT layout. */
    private float squaredMagnitude(float[] a, int k) {
        float re;
        float im;
        if (k == 0) {
            re = a[0];
            im = 0;
        } else if (2 * k == nFft) {
            re = a[1];
            im = 0;
        } else if (2 * k == nFft - 1) {
            // odd nFft: the last bin's real part sits at the end, its imaginary part at index 1
            re = a[nFft - 1];
            im = a[1];
        } else {
            re = a[2 * k];
            im = a[2 * k + 1];
        }
        return re * re + im * im;
    }

    /**
     * The sample at index i of the signal reflect-padded without repeating the edge (torch's {@code reflect}),
     * bouncing again when the padding is longer than the signal; zero for an empty signal.
     */
    private static float sampleReflected(float[] x, int i) {
        int n = x.length;
        if (n <= 1) {
            return n == 0 ? 0 : x[0];
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return x[j < n ? j : period - j];
    }
}
