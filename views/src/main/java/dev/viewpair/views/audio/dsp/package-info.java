/**
 * Signal processing behind the audio ops, free of op and recipe concerns: the STFT and its FFT, mel filterbanks,
 * biquad filters, a fast log, ziggurat Gaussian noise, the phase vocoder and resampling, and the
 * {@link dev.viewpair.views.audio.dsp.Spectrogram} they produce. It may import {@code views.audio.io} (for
 * {@code Audio}) and libraries only.
 */
package dev.viewpair.views.audio.dsp;
