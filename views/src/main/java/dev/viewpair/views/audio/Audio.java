package dev.viewpair.views.audio;

/**
 * Mono float PCM, nominally in [-1, 1].
 *
 * @param samples the samples
 * @param sampleRate samples per second
 */
public record Audio(float[] samples, int sampleRate) implements dev.viewpair.views.Timed {
    /** Length in seconds. */
    @Override
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
