/**
 * Audio: waveform and spectrogram ops, with {@link dev.viewpair.views.audio.AudioOps}, their descriptors.
 * It may import {@code dev.viewpair.views}, {@code views.catalog} and the {@code catalog} module.
 */
package dev.viewpair.views.audio;
