/**
 * Reading video files: {@link dev.viewpair.views.video.io.Video}, a file's timeline that yields frames and
 * audio windows by time. It may import {@code dev.viewpair.views} and {@code views.audio.io} (its sound track).
 */
package dev.viewpair.views.video.io;
