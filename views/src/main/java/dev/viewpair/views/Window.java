package dev.viewpair.views;

/**
 * Where one view's window of time lies for one sample, on the media's own timeline.
 *
 * @param start its start in seconds (may be before 0 or run past the end: the op zero-pads)
 * @param seconds its length
 */
public record Window(double start, double seconds) {
    public double end() {
        return start + seconds;
    }
}
