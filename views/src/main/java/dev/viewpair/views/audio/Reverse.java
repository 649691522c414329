package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/** Plays the audio backwards (the audio counterpart of a horizontal flip). */
public record Reverse() implements Op<Audio, Audio> {
    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        float[] in = input.samples();
        var out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return new Audio(out, input.sampleRate());
    }
}
