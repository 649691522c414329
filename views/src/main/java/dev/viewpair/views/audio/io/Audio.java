package dev.viewpair.views.audio.io;

/**
 * Mono float PCM, nominally in [-1, 1].
 *
 * @param samples the samples
 * @param sampleRate samples per second
 */
public record Audio(float[] samples, int sampleRate) implements Sound {
    /** Length in seconds. */
    @Override
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    @Override
    public float[] window(double startSeconds, int length) {
        long first = Math.round(startSeconds * sampleRate);
        var out = new float[length];
        // the part of [first, first + length) that lies inside the samples; the rest stays zero
        long from = Math.max(first, 0);
        long to = Math.min(first + length, samples.length);
        if (to > from) {
            System.arraycopy(samples, (int) from, out, (int) (from - first), (int) (to - from));
        }
        return out;
    }
}
