/**
 * Video ops, which cut frames and sound out of a video file's timeline ({@code frame_at}, {@code frame_stack},
 * {@code audio_window}), and {@link dev.viewpair.views.video.VideoOps}, their descriptors. It may import
 * {@code dev.viewpair.views}, {@code views.catalog}, {@code views.video.io}, the audio packages below the audio
 * ops and the {@code catalog} module.
 */
package dev.viewpair.views.video;
