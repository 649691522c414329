package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Antialiased resampling of 8-bit images as torchvision's {@code antialias=True} does it on PIL images
 * (PIL's separable convolution): along an axis shrunk by a factor {@code s > 1} the filter (triangle for
 * bilinear, the cubic kernel with a = -0.5 for bicubic) is stretched by {@code s}; each output pixel
 * {@code i} weighs the input pixels whose centres lie within the stretched support of {@code (i + 0.5)·s},
 * by the filter at their distance divided by {@code s}, normalised to sum 1 over the pixels inside the image.
 * Weights are then fixed point with {@value #PRECISION_BITS} fraction bits (rounded half away from zero), sums
 * are rounded half up and clamped to 0–255; rows are filtered first into an 8-bit intermediate, then columns.
 * An axis that keeps its length is not filtered. Any channel count; the weights are computed once per output
 * column and row.
 */
final class AntialiasedResize {
    /** Fraction bits of the fixed-point weights: 32 − 8 − 2, so that sums of 8-bit products fit an int. */
    static final int PRECISION_BITS = 22;

    private AntialiasedResize() {}

    /** Whether {@link #resize} handles {@code src}: 8-bit of any channel count. */
    static boolean supports(Mat src) {
        return src.depth() == CV_8U;
    }

    /** Resizes the 8-bit {@code src} to {@code height × width} with {@code mode}'s filter (bilinear or bicubic). */
    static Mat resize(Mat src, int height, int width, Interpolation mode) {
        boolean cubic = switch (mode) {
            case BILINEAR -> false;
            case BICUBIC -> true;
            default -> throw new IllegalArgumentException("antialiased resize has no " + mode.recipeName()
                    + " filter: use bilinear or bicubic");
        };
        int rows = src.rows();
        int cols = src.cols();
        int channels = src.channels();
        var pixels = new byte[rows * cols * channels];
        if (src.isContinuous()) {
            src.data().get(pixels);
        } else { // a crop's view into a wider image: row by row
            int rowLength = cols * channels;
            for (int y = 0; y < rows; y++) {
                src.ptr(y).get(pixels, y * rowLength, rowLength);
            }
        }
        if (width != cols) {
            pixels = horizontal(pixels, rows, cols, channels, new Weights(cols, width, cubic));
        }
        if (height != rows) {
            pixels = vertical(pixels, rows, width * channels, new Weights(rows, height, cubic));
        }
        var out = new Mat(height, width, CV_8UC(channels));
        out.data().put(pixels);
        return out;
    }

    /**
     * Filters each row of {@code in} ({@code rows × cols × channels}) to as many columns as {@code weights}
     * has outputs; three channels, the common case, have their own loop (a fifth faster than the general one).
     */
    private static byte[] horizontal(byte[] in, int rows, int cols, int channels, Weights weights) {
        int outCols = weights.first.length;
        var out = new byte[rows * outCols * channels];
        int[] k = weights.k;
        int[] first = weights.first;
        int[] count = weights.count;
        int stride = weights.stride;
        int half = 1 << (PRECISION_BITS - 1);
        if (channels == 3) {
            for (int y = 0; y < rows; y++) {
                int rowIn = y * cols * 3;
                int o = y * outCols * 3;
                for (int x = 0; x < outCols; x++, o += 3) {
                    int s0 = half;
                    int s1 = half;
                    int s2 = half;
                    for (int t = 0, i = rowIn + first[x] * 3, kk = x * stride, n = count[x]; t < n; t++, i += 3) {
                        int w = k[kk + t];
                        s0 += (in[i] & 0xff) * w;
                        s1 += (in[i + 1] & 0xff) * w;
                        s2 += (in[i + 2] & 0xff) * w;
                    }
                    out[o] = clamp(s0);
                    out[o + 1] = clamp(s1);
                    out[o + 2] = clamp(s2);
                }
            }
            return out;
        }
        var sums = new int[channels];
        for (int y = 0; y < rows; y++) {
            int rowIn = y * cols * channels;
            int o = y * outCols * channels;
            for (int x = 0; x < outCols; x++, o += channels) {
                Arrays.fill(sums, half);
                for (int t = 0, i = rowIn + first[x] * channels, kk = x * stride, n = count[x]; t < n; t++, i += channels) {
                    int w = k[kk + t];
                    for (int c = 0; c < channels; c++) {
                        sums[c] += (in[i + c] & 0xff) * w;
                    }
                }
                for (int c = 0; c < channels; c++) {
                    out[o + c] = clamp(sums[c]);
                }
            }
        }
        return out;
    }

    /**
     * Filters each column of {@code in} ({@code rows} rows of {@code rowLength} bytes) to as many rows as
     * {@code weights} has outputs, a whole row of sums at a time.
     */
    private static byte[] vertical(byte[] in, int rows, int rowLength, Weights weights) {
        int outRows = weights.first.length;
        var out = new byte[outRows * rowLength];
        var sums = new int[rowLength];
        int[] k = weights.k;
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < outRows; y++) {
            Arrays.fill(sums, half);
            int kk = y * weights.stride;
            for (int t = 0; t < weights.count[y]; t++) {
                int w = k[kk + t];
                int row = (weights.first[y] + t) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sums[i] += (in[row + i] & 0xff) * w;
                }
            }
            int rowOut = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[rowOut + i] = clamp(sums[i]);
            }
        }
        return out;
    }

    private static byte clamp(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /**
     * The fixed-point weights of one axis from {@code inSize} to {@code outSize} pixels: output pixel {@code i}
     * reads {@code count[i]} inputs from {@code first[i]} with weights {@code k[i·stride ...]}.
     */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final int[] k;
        final int stride;

        Weights(int inSize, int outSize, boolean cubic) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = (cubic ? 2.0 : 1.0) * filterScale;
            stride = (int) Math.ceil(support) * 2 + 1;
            first = new int[outSize];
            count = new int[outSize];
            k = new int[outSize * stride];
            var w = new double[stride];
            double reciprocal = 1.0 / filterScale;
            for (int i = 0; i < outSize; i++) {
                double centre = (i + 0.5) * scale;
                int min = Math.max((int) (centre - support + 0.5), 0);
                int max = Math.min((int) (centre + support + 0.5), inSize);
                int n = max - min;
                double total = 0;
                for (int t = 0; t < n; t++) {
                    w[t] = filter(cubic, (t + min - centre + 0.5) * reciprocal);
                    total += w[t];
                }
                for (int t = 0; t < n; t++) {
                    double normalised = total != 0 ? w[t] / total : w[t];
                    double fixed = normalised * (1 << PRECISION_BITS);
                    k[i * stride + t] = (int) (normalised < 0 ? fixed - 0.5 : fixed + 0.5);
                }
                first[i] = min;
                count[i] = n;
            }
        }

        /** The triangle filter (support 1), or the cubic convolution kernel with a = -0.5 (support 2). */
        private static double filter(boolean cubic, double x) {
            double d = Math.abs(x);
            if (!cubic) {
                return d < 1 ? 1 - d : 0;
            }
            double a = -0.5;
            if (d < 1) {
                return ((a + 2) * d - (a + 3)) * d * d + 1;
            }
            return d < 2 ? (((d - 5) * d + 8) * d - 4) * a : 0;
        }
    }
}
