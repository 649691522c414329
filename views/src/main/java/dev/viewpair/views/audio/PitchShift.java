package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.PhaseVocoder;
import dev.viewpair.views.audio.dsp.Resample;
import dev.viewpair.views.audio.io.Audio;

/**
 * Shifts the pitch by a number of semitones drawn uniformly from [low, high] and keeps the length and
 * tempo: the {@link PhaseVocoder} stretches the audio by the frequency ratio r = 2^(semitones / 12), then
 * band-limited resampling ({@link Resample}) reads it back r times faster (torchaudio's {@code pitch_shift}
 * does the same). No sample is dropped or zeroed, so there are no clicks.
 *
 * @param low the lowest shift in semitones
 * @param high the highest shift in semitones
 */
public record PitchShift(double low, double high) implements Op<Audio, Audio> {
    public PitchShift {
        if (!(low <= high)) {
            throw new IllegalArgumentException("pitch_shift needs low ≤ high semitones, got [" + low + ", " + high + "]");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        double semitones = ctx.rng().uniform(low, high);
        if (semitones == 0) {
            return input;
        }
        double ratio = Math.pow(2, semitones / 12);
        float[] x = input.samples();
        // one sample more than the last position the resampler reads
        int stretchedLength = (int) Math.ceil((x.length - 1) * ratio) + 2;
        float[] stretched = PhaseVocoder.stretch(x, 1 / ratio, input.sampleRate(), stretchedLength);
        return new Audio(Resample.atStep(stretched, ratio, x.length), input.sampleRate());
    }
}
