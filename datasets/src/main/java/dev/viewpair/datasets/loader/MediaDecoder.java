package dev.viewpair.datasets.loader;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.audio.Audio;
import dev.viewpair.views.audio.AudioDecoder;
import dev.viewpair.views.image.ImageDecoder;
import dev.viewpair.views.video.Video;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One sample's media of one modality in the form the view ops take: an image as an 8-bit RGB {@code Mat} (HWC),
 * sound as mono {@link Audio} at the recipe's rate, a video as an open {@link Video} timeline. Encoded media goes
 * through the modality adapters (OpenCV, FFmpeg); media decoded before ({@link MediaRef.DecodedImage},
 * {@link MediaRef.DecodedAudio}) is only copied into that form, so both give identical views.
 */
public final class MediaDecoder {
    private MediaDecoder() {}

    /**
     * Decodes one modality of a sample.
     *
     * @param sampleRate the rate sound is resampled to
     * @return a new {@code Mat} (owned by the caller: close it or decode inside a pointer scope), an {@link Audio},
     *     or a {@link Video} the caller closes
     * @throws MediaException when the media is unreadable, or decoded at another rate than asked for
     */
    public static Object decode(Modality modality, MediaRef ref, int sampleRate) {
        return switch (modality) {
            case IMAGE -> ref instanceof MediaRef.DecodedImage d ? toMat(d) : ImageDecoder.decode(read(ref), ref.name());
            case AUDIO -> {
                if (ref instanceof MediaRef.DecodedAudio d) {
                    yield checkRate(d, sampleRate);
                }
                yield ref instanceof MediaRef.FileMedia f
                        ? AudioDecoder.decode(f.path(), sampleRate)
                        : AudioDecoder.decode(read(ref), ref.name(), sampleRate);
            }
            case VIDEO -> {
                if (!(ref instanceof MediaRef.FileMedia f)) {
                    throw new MediaException("video '" + ref.name() + "' is not a file, but video views seek in"
                            + " files — give the dataset's videos as file paths");
                }
                yield Video.open(f.path());
            }
        };
    }

    /** A new RGB {@code Mat} holding a copy of the pixels (one bulk copy). */
    private static Mat toMat(MediaRef.DecodedImage d) {
        var mat = new Mat(d.height(), d.width(), CV_8UC3);
        ByteBuffer into = mat.createBuffer();
        into.put(d.pixels().duplicate());
        return mat;
    }

    private static Audio checkRate(MediaRef.DecodedAudio d, int sampleRate) {
        if (d.audio().sampleRate() != sampleRate) {
            throw new MediaException("audio '" + d.name() + "' was decoded at " + d.audio().sampleRate()
                    + " Hz, but " + sampleRate + " Hz is asked for — preprocess again with audio.sample_rate: " + sampleRate);
        }
        return d.audio();
    }

    private static byte[] read(MediaRef ref) {
        try {
            return ref.bytes();
        } catch (NoSuchFileException e) {
            throw new MediaException("'" + ref.name() + "' does not exist — restore it, or remove it from the dataset", e);
        } catch (IOException e) {
            throw new MediaException("cannot read '" + ref.name() + "': " + e.getMessage() + " — check that the file exists and is readable", e);
        }
    }
}
