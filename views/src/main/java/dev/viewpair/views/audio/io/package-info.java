/**
 * Reading sound files: {@link dev.viewpair.views.audio.io.AudioDecoder} (FFmpeg, with the WAV and FLAC readers
 * in Java for the common case), the decoded {@link dev.viewpair.views.audio.io.Audio} and the
 * {@link dev.viewpair.views.audio.io.AudioTimeline} of a long file read window by window, both
 * {@link dev.viewpair.views.audio.io.Sound}s. It may import {@code dev.viewpair.views} (for
 * {@code MediaException} and {@code Timed}) and libraries only.
 */
package dev.viewpair.views.audio.io;
