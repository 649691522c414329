package dev.viewpair.views;

/** Decoded media with a length in time, over which a sample's anchor is drawn. */
public interface Timed {
    double durationSeconds();
}
