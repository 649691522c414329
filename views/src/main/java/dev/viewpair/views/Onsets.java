package dev.viewpair.views;

/**
 * Finds the onsets of a sound, for anchors placed on them ({@code at: onset}). The detectors are declared in
 * {@code views.audio.OnsetDetectors}; a window op whose {@code at} is an onset holds one ({@link AnchoredOp#onsets()}).
 */
public interface Onsets {
    /**
     * The onset times in seconds from the start of {@code samples}, ascending; empty when there is none.
     *
     * @param samples mono sound (not modified)
     * @param sampleRate its rate
     */
    double[] find(float[] samples, int sampleRate);
}
