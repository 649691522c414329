/**
 * Signal processing behind the audio ops, free of op and recipe concerns: the STFT and its FFT, mel filterbanks,
 * biquad filters, a fast log, ziggurat Gaussian noise, the phase vocoder and resampling, the
 * {@link dev.viewpair.views.audio.dsp.Spectrogram} they produce, and the onset detectors behind {@code at: onset}
 * ({@link dev.viewpair.views.audio.dsp.OnsetDetectors}, which declare their keys with {@code dev.viewpair.catalog}'s
 * parameters and implement {@code views.Onsets}). It may import {@code views}, {@code views.audio.io} (for
 * {@code Audio}), {@code dev.viewpair.catalog} and libraries only.
 */
package dev.viewpair.views.audio.dsp;
