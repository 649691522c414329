package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.util.fft.FloatFFT;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link ComplexFft}, {@link RealFft} and {@link Stft} against a naive DFT and the previous STFT. */
class FftTest {
    /** Naive O(n²) DFT, angles reduced exactly (j·k mod n), in double: {re[k], im[k]} for k < n. */
    private static double[][] dft(double[] xr, double[] xi) {
        int n = xr.length;
        var out = new double[2][n];
        var cos = new double[n];
        var sin = new double[n];
        for (int t = 0; t < n; t++) {
            cos[t] = Math.cos(-2 * Math.PI * t / n);
            sin[t] = Math.sin(-2 * Math.PI * t / n);
        }
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                int t = (int) ((long) j * k % n);
                double c = cos[t];
                double s = sin[t];
                sr += xr[j] * c - xi[j] * s;
                si += xr[j] * s + xi[j] * c;
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    private static double[] random(int n, long seed) {
        var r = new SplittableRandom(seed);
        return IntStream.range(0, n).mapToDouble(i -> r.nextDouble(-1, 1)).toArray();
    }

    /** Largest |a − b| over the largest |b|: the error relative to the spectrum's scale. */
    private static double relativeError(double[] aRe, double[] aIm, double[] bRe, double[] bIm, int count) {
        double err = 0;
        double scale = 0;
        for (int k = 0; k < count; k++) {
            err = Math.max(err, Math.hypot(aRe[k] - bRe[k], aIm[k] - bIm[k]));
            scale = Math.max(scale, Math.hypot(bRe[k], bIm[k]));
        }
        return err / scale;
    }

    // every length 1-64 (primes up to 61: the radix-2/3/4/5 butterflies, plain prime radices up to 31 and
    // Bluestein above), the STFT sizes in use, and lengths whose factors mix several kinds
    private static final int[] COMPLEX_SIZES = IntStream.concat(IntStream.rangeClosed(1, 64),
            IntStream.of(100, 105, 128, 200, 243, 256, 384, 400, 500, 512, 625, 1000, 1009, 1024, 2018)).toArray();

    /** Sequence b of a batch laid out as element j at j·count + b. */
    private static double[] member(double[] batch, int b, int count) {
        return IntStream.range(0, batch.length / count).mapToDouble(j -> batch[j * count + b]).toArray();
    }

    @Test
    void complexFftMatchesTheNaiveDftAloneAndInBatches() {
        for (int n : COMPLEX_SIZES) {
            var fft = new ComplexFft(n);
            for (int count : new int[] {1, 3}) {
                double[] xr = random(n * count, n);
                double[] xi = random(n * count, -n);
                var expected = IntStream.range(0, count)
                        .mapToObj(b -> dft(member(xr, b, count), member(xi, b, count))).toList();
                fft.transform(xr, xi, count, fft.scratch(count));
                for (int b = 0; b < count; b++) {
                    double err = relativeError(member(xr, b, count), member(xi, b, count),
                            expected.get(b)[0], expected.get(b)[1], n);
                    assertTrue(err < 1e-12, "complex FFT of length " + n + ", sequence " + b + " of " + count
                            + ", is off by " + err + " of the spectrum's peak");
                }
            }
        }
    }

    @Test
    void complexFftOfAnImpulseAndASingleToneIsExact() {
        int n = 400;
        var fft = new ComplexFft(n);
        var re = new double[n];
        var im = new double[n];
        re[0] = 1;
        fft.transform(re, im, 1, fft.scratch(1));
        for (int k = 0; k < n; k++) {
            assertEquals(1, re[k], 1e-14, "an impulse has a flat spectrum, bin " + k);
            assertEquals(0, im[k], 1e-14, "an impulse has a real spectrum, bin " + k);
        }
        for (int j = 0; j < n; j++) {
            re[j] = Math.cos(2 * Math.PI * 7 * j / n);
            im[j] = Math.sin(2 * Math.PI * 7 * j / n);
        }
        fft.transform(re, im, 1, fft.scratch(1));
        for (int k = 0; k < n; k++) {
            assertEquals(k == 7 ? n : 0, Math.hypot(re[k], im[k]), 1e-10, "e^(2πi·7j/n) lands in bin 7 only, bin " + k);
        }
    }

    @Test
    void realFftMatchesTheNaiveDftForEvenAndOddLengths() {
        int[] sizes = IntStream.concat(IntStream.rangeClosed(2, 40),
                IntStream.of(255, 256, 320, 400, 401, 480, 512, 640, 1000, 1024, 1025)).toArray();
        for (int n : sizes) {
            var fft = new RealFft(n);
            int count = 4;
            var scratch = fft.scratch(count);
            var re = new double[fft.bins() * count];
            var im = new double[fft.bins() * count];
            double[] x = random(n * count, 31L * n);
            fft.forward(x, count, re, im, scratch);
            for (int b = 0; b < count; b++) {
                double[][] expected = dft(member(x, b, count), new double[n]);
                double err = relativeError(member(re, b, count), member(im, b, count), expected[0], expected[1], fft.bins());
                assertTrue(err < 1e-12, "real FFT of length " + n + ", signal " + b + " of " + count + ", is off by "
                        + err + " of the spectrum's peak");
            }
            // a smaller batch through the same scratch: nothing left over from the bigger one matters
            double[] one = member(x, 2, count);
            var oneRe = new double[fft.bins()];
            var oneIm = new double[fft.bins()];
            fft.forward(one, 1, oneRe, oneIm, scratch);
            assertArrayEquals(member(re, 2, count), oneRe, 1e-12 * n, "alone and in a batch, length " + n);
            assertArrayEquals(member(im, 2, count), oneIm, 1e-12 * n, "alone and in a batch, length " + n);
        }
    }

    /** The STFT as it was before {@link RealFft}: float frames through TarsosDSP's FloatFFT, packed layout. */
    private static float[][] previousStft(float[] x, int nFft, int hop, int win) {
        var window = new float[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            window[left + i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / win));
        }
        var fft = new FloatFFT(nFft);
        int pad = nFft / 2;
        int frames = 1 + Math.max(0, x.length + 2 * pad - nFft) / hop;
        var out = new float[frames][nFft / 2 + 1];
        var frame = new float[nFft];
        int period = 2 * (x.length - 1);
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < nFft; i++) {
                int j = Math.floorMod(t * hop - pad + i, period);
                frame[i] = x[j < x.length ? j : period - j] * window[i];
            }
            fft.realForward(frame);
            for (int k = 0; k <= nFft / 2; k++) {
                double re;
                double im;
                if (k == 0) {
                    re = frame[0];
                    im = 0;
                } else if (2 * k == nFft) {
                    re = frame[1];
                    im = 0;
                } else if (2 * k == nFft - 1) {
                    re = frame[nFft - 1];
                    im = frame[1];
                } else {
                    re = frame[2 * k];
                    im = frame[2 * k + 1];
                }
                out[t][k] = (float) (re * re + im * im);
            }
        }
        return out;
    }

    @Test
    void stftPowerEqualsThePreviousImplementation() {
        // two tones 40 dB apart over quiet noise: bins span many orders of magnitude
        float[] x = TestAudio.tone(440, 0.5, 16_000, 11_000);
        float[] high = TestAudio.tone(3_150, 0.005, 16_000, x.length);
        float[] noise = TestAudio.noise(5, 0.001, x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] += high[i] + noise[i];
        }
        int[][] configs = {{400, 160, 400}, {512, 128, 400}, {1024, 256, 1024}, {401, 100, 301}, {255, 64, 255}, {2018, 500, 2000}};
        for (int[] c : configs) {
            int nFft = c[0];
            float[][] expected = previousStft(x, nFft, c[1], c[2]);
            var stft = new Stft(nFft, c[1], c[2], 2);
            assertEquals(expected.length, stft.frames(x.length), "frames, n_fft " + nFft);
            var seen = new boolean[expected.length];
            stft.run(x, (first, count, power) -> {
                for (int b = 0; b < count; b++) {
                    int t = first + b;
                    seen[t] = true;
                    float peak = 0;
                    for (float v : expected[t]) {
                        peak = Math.max(peak, v);
                    }
                    for (int k = 0; k <= nFft / 2; k++) {
                        // relative to the frame's peak power: a float FFT's rounding is relative to the frame's scale
                        assertEquals(expected[t][k], power[k * count + b], 1e-5 * peak + 1e-12,
                                "power, n_fft " + nFft + " frame " + t + " bin " + k);
                    }
                }
            });
            for (int t = 0; t < seen.length; t++) {
                assertTrue(seen[t], "frame " + t + " delivered, n_fft " + nFft);
            }
        }
    }
}
