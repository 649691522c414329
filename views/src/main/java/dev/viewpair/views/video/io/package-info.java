/**
 * Reading video files: {@link dev.viewpair.views.video.io.Video}, a file's timeline that yields frames and
 * audio windows by time, read through one open FFmpeg container ({@code FfmpegMedia}) per concurrent reader. It may
 * import {@code dev.viewpair.views} and {@code views.audio.io} (its sound track).
 */
package dev.viewpair.views.video.io;
