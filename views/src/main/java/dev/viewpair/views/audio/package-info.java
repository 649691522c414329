/**
 * Audio ops: waveform ops (clip, gain, filters, noise, speed and pitch, time stretch) and spectrogram ops
 * (linear, log-mel, MFCC, masking, normalization), with {@link dev.viewpair.views.audio.AudioOps}, their
 * descriptors. It may import {@code dev.viewpair.views}, {@code views.audio.io}, {@code views.audio.dsp},
 * {@code views.catalog} and the {@code catalog} module.
 */
package dev.viewpair.views.audio;
