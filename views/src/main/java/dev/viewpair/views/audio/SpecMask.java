package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import java.util.Arrays;
import java.util.Locale;

/**
 * SpecAugment masking: {@code count} times, a band of whole time columns (or frequency rows) of width drawn
 * uniformly from 0 … {@code maxWidth} (cut to the spectrogram's size), at a uniformly drawn start, is filled
 * with one value. Bands may overlap. torchaudio's {@code TimeMasking} / {@code FrequencyMasking} fill with 0;
 * the SpecAugment paper masks mean-normalized features with 0, that is with the mean, which is what
 * {@link Fill#MEAN} does on features that are not normalized (a log-mel's 0 is a loud value).
 *
 * @param axis which way the bands run
 * @param maxWidth the widest band, in frames or bins
 * @param count how many bands
 * @param fill what goes in them
 */
public record SpecMask(Axis axis, int maxWidth, int count, Fill fill) implements Op<Spectrogram, Spectrogram> {
    /** Which way a mask runs. */
    public enum Axis {
        /** Whole columns: a stretch of frames. */
        TIME,
        /** Whole rows: a stretch of bins. */
        FREQUENCY
    }

    /** What a masked value becomes. */
    public enum Fill {
        /** The mean of the input spectrogram. */
        MEAN,
        /** Zero, torchaudio's default. */
        ZERO;

        /** The name a recipe uses. */
        public String recipeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SpecMask {
        if (maxWidth < 0 || count < 0) {
            throw new IllegalArgumentException("masks need a width ≥ 0 and a count ≥ 0, got width " + maxWidth
                    + " and count " + count);
        }
    }

    @Override
    public Spectrogram apply(Spectrogram input, ViewContext ctx) {
        float[] x = input.data().clone();
        int size = axis == Axis.TIME ? input.frames() : input.bins();
        float value = fill == Fill.MEAN ? (float) mean(x) : 0f;
        var rng = ctx.rng();
        for (int c = 0; c < count; c++) {
            int width = Math.min(rng.nextInt(maxWidth + 1), size);
            int start = rng.nextInt(size - width + 1);
            for (int i = start; i < start + width; i++) {
                if (axis == Axis.TIME) {
                    for (int b = 0; b < input.bins(); b++) {
                        x[b * input.frames() + i] = value;
                    }
                } else {
                    Arrays.fill(x, i * input.frames(), (i + 1) * input.frames(), value);
                }
            }
        }
        return new Spectrogram(x, input.bins(), input.frames());
    }

    static double mean(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }
}
