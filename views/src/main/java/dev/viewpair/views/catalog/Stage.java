package dev.viewpair.views.catalog;

import dev.viewpair.views.Modality;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.video.io.Video;
import org.bytedeco.opencv.opencv_core.Mat;

/** What flows between the ops of a chain: the type an op takes and the type it gives. */
public enum Stage {
    /** An OpenCV {@code Mat}, RGB, 8-bit until {@code normalize} makes it float. */
    IMAGE(Mat.class, Modality.IMAGE),
    /** Mono float PCM ({@link Audio}). */
    WAVEFORM(Audio.class, Modality.AUDIO),
    /** A time–frequency image ({@link Spectrogram}). */
    SPECTROGRAM(Spectrogram.class, Modality.AUDIO),
    /** A video file's timeline ({@link Video}): its ops cut frames (to {@link #IMAGE}) or sound (to {@link #WAVEFORM}). */
    VIDEO(Video.class, Modality.VIDEO);

    private final Class<?> type;
    private final Modality modality;

    Stage(Class<?> type, Modality modality) {
        this.type = type;
        this.modality = modality;
    }

    public Class<?> type() {
        return type;
    }

    /** The modality whose decoded media starts a chain at this stage's family. */
    public Modality modality() {
        return modality;
    }

    /** The stage a chain starts at when it reads this modality. */
    public static Stage initial(Modality from) {
        return switch (from) {
            case IMAGE -> IMAGE;
            case AUDIO -> WAVEFORM;
            case VIDEO -> VIDEO;
        };
    }
}
