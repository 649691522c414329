package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;

/**
 * Linear fade-in and fade-out, torchaudio's {@code Fade(fade_shape="linear")}: the first round(in × rate)
 * samples are scaled by 0, 1/(m−1), …, 1 and the last round(out × rate) by 1, …, 0. Fades longer than the
 * audio are cut to its length; where they overlap, both apply.
 *
 * @param inSeconds fade-in length
 * @param outSeconds fade-out length
 */
public record Fade(double inSeconds, double outSeconds) implements Op<Audio, Audio> {
    public Fade {
        if (!(inSeconds >= 0 && outSeconds >= 0)) {
            throw new IllegalArgumentException("fade needs in ≥ 0 and out ≥ 0 seconds, got in " + inSeconds + " and out "
                    + outSeconds);
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        float[] out = input.samples().clone();
        int n = out.length;
        int fadeIn = (int) Math.min(n, Math.round(inSeconds * input.sampleRate()));
        int fadeOut = (int) Math.min(n, Math.round(outSeconds * input.sampleRate()));
        for (int i = 0; i < fadeIn; i++) {
            out[i] *= ramp(i, fadeIn);
        }
        for (int i = 0; i < fadeOut; i++) {
            out[n - 1 - i] *= ramp(i, fadeOut);
        }
        return new Audio(out, input.sampleRate());
    }

    /** Step i of a ramp from 0 to 1 in m steps (torch.linspace(0, 1, m)); a one-sample ramp is 0. */
    private static float ramp(int i, int m) {
        return m == 1 ? 0 : (float) i / (m - 1);
    }
}
