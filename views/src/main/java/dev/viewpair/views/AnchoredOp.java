package dev.viewpair.views;

import dev.viewpair.views.catalog.TimeExpr;

/**
 * An op that cuts a window of time, possibly relative to the sample's anchor. The {@link ViewSet}
 * reads these from every view before drawing the anchor, so that every view's window fits the media.
 */
public interface AnchoredOp {
    /** Where the window starts. */
    TimeExpr at();

    /** How long it lasts, in seconds. */
    double seconds();

    /** The widest random jitter added to the start, in seconds on either side (0 for none). */
    default double jitterSeconds() {
        return 0;
    }
}
