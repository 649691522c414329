package dev.viewpair.views.audio.io;

/**
 * Mono float PCM, nominally in [-1, 1].
 *
 * @param samples the samples
 * @param sampleRate samples per second
 */
public record Audio(float[] samples, int sampleRate) implements Sound {
    /**
     * The samples in a window of {@code seconds} at {@code rate}: round(seconds × rate). Every window of sound
     * ({@code clip}, {@code audio_window}) and the shape rules that predict them count with it.
     */
    public static int samplesIn(double seconds, int rate) {
        return (int) Math.round(seconds * rate);
    }

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
