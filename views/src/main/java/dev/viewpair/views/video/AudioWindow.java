package dev.viewpair.views.video;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Apart;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.video.io.Video;
import java.util.Optional;

/**
 * The video's sound from {@code at} (resolved against the sample's anchor, moved by a uniform jitter in
 * ±{@code jitterSeconds}) for {@code seconds}, mono at {@code sampleRate}: a waveform that every audio op
 * takes. It always holds round(seconds × rate) samples, zero-padded past the ends. The video decodes its sound
 * once per sample and rate and every window of the sample is cut from that ({@link Video#audioWindow}).
 *
 * @param seconds the window's length
 * @param at where it starts
 * @param jitterSeconds the widest random shift of the start, either way (0 for none)
 * @param sampleRate the rate to resample to
 * @param apart the other view's window this one keeps apart from ({@code apart_from}), if any
 * @param onsets how onsets are found when {@code at} is an onset time ({@code at: onset}), else empty
 */
public record AudioWindow(double seconds, TimeExpr at, double jitterSeconds, int sampleRate, Optional<Apart> apart,
        Optional<Onsets> onsets)
        implements Op<Video, Audio>, AnchoredOp {
    public AudioWindow {
        if (!(seconds > 0) || !(jitterSeconds >= 0) || sampleRate <= 0) {
            throw new IllegalArgumentException("audio_window needs seconds > 0, jitter ≥ 0 and a positive sample rate, got "
                    + seconds + " s, jitter " + jitterSeconds + " and " + sampleRate + " Hz");
        }
    }

    /** A window whose {@code at} is no onset time. */
    public AudioWindow(double seconds, TimeExpr at, double jitterSeconds, int sampleRate, Optional<Apart> apart) {
        this(seconds, at, jitterSeconds, sampleRate, apart, Optional.empty());
    }

    /** A window without a rule against another view's window, whose {@code at} is no onset time. */
    public AudioWindow(double seconds, TimeExpr at, double jitterSeconds, int sampleRate) {
        this(seconds, at, jitterSeconds, sampleRate, Optional.empty());
    }

    @Override
    public Audio apply(Video video, ViewContext ctx) {
        return video.audioWindow(start(ctx), seconds, sampleRate);
    }
}
