package dev.viewpair.views;

/**
 * What an op may draw on while making one view of one sample.
 *
 * @param rng the view's own random stream (seed, epoch, sample id, view name)
 * @param anchorSeconds the anchor time shared by all views of this sample in this epoch; views
 *     declared {@code at: anchor + 0.5s} are cut relative to it. Zero for samples without time.
 */
public record ViewContext(Rng rng, double anchorSeconds) {}
