package dev.viewpair.views.audio.io;

import dev.viewpair.views.Timed;

/**
 * Mono sound at one rate that a window of samples can be cut from: either decoded whole ({@link Audio}) or a
 * long file read by seeking ({@link AudioTimeline}). A {@code from: audio} view starts at one of these; its
 * {@link dev.viewpair.views.audio.Clip} cuts the window it works on.
 */
public sealed interface Sound extends Timed permits Audio, AudioTimeline {
    /** Samples per second. */
    int sampleRate();

    /**
     * The {@code length} samples from sample round(startSeconds × rate) on, zero where the sound has none
     * (before its start, past its end). The array is the caller's.
     */
    float[] window(double startSeconds, int length);
}
