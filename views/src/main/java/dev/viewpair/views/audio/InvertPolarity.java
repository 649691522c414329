package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/** Flips the sign of every sample: inaudible, but a waveform encoder sees a different input. */
public record InvertPolarity() implements Op<Audio, Audio> {
    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        float[] in = input.samples();
        var out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = -in[i];
        }
        return new Audio(out, input.sampleRate());
    }
}
