package dev.viewpair.datasets.loader;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.image.ImageDecoder;
import dev.viewpair.views.video.io.Video;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One sample's media of one modality in the form the view ops take: an image as an 8-bit RGB {@code Mat} (HWC),
 * sound as mono {@link Audio} at the recipe's rate (a long file, for views, as an {@link AudioTimeline}), a video as an
 * open {@link Video} timeline. Encoded media goes
 * through the modality adapters (OpenCV, FFmpeg; a video in a {@link dev.viewpair.datasets.storage.Storage} through a
 * local copy, deleted by {@link #close}); media decoded before ({@link MediaRef.DecodedImage},
 * {@link MediaRef.DecodedAudio}) is only copied into that form, so both give identical views.
 */
public final class MediaDecoder {
    private MediaDecoder() {}

    /**
     * Decodes one modality of a sample.
     *
     * @param sampleRate the rate sound is resampled to
     * @return a new {@code Mat} (owned by the caller: close it or decode inside a pointer scope), an {@link Audio},
     *     or a {@link Video} the caller closes with {@link #close}
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
                if (ref instanceof MediaRef.FileMedia f) {
                    yield Video.open(f.path());
                }
                if (ref instanceof MediaRef.StoredMedia s) {
                    yield openCopy(s);
                }
                throw new MediaException("video '" + ref.name() + "' is not a file, but video views seek in"
                        + " files — give the dataset's videos as file paths");
            }
        };
    }

    /**
     * Decodes one modality of a sample for its views: as {@link #decode}, except that an audio file is opened with
     * {@link AudioDecoder#open}: a WAV or FLAC of any length, and another file longer than
     * {@value AudioTimeline#WHOLE_SECONDS} s, as an {@link AudioTimeline} that decodes only the windows the views'
     * {@code clip} cuts; the views of the sample share it. Audio given as bytes (a stored or in-memory sample) is
     * decoded whole.
     *
     * @return as {@link #decode}, or an {@link AudioTimeline}, which needs no closing
     * @throws MediaException when the media is unreadable, or decoded at another rate than asked for
     */
    public static Object decodeForViews(Modality modality, MediaRef ref, int sampleRate) {
        return modality == Modality.AUDIO && ref instanceof MediaRef.FileMedia f
                ? AudioDecoder.open(f.path(), sampleRate)
                : decode(modality, ref, sampleRate);
    }

    /**
     * Frees what {@link #decode} gave for {@code ref} beyond memory: a {@link Video}'s grabbers, and the local copy a
     * stored video was opened from. Anything else needs nothing.
     */
    public static void close(Object decoded, MediaRef ref) {
        if (decoded instanceof Video video) {
            video.close();
            if (ref instanceof MediaRef.StoredMedia) {
                deleteCopy(video.path());
            }
        }
    }

    /** A stored video opened from a local copy (FFmpeg seeks in it), which {@link #close} deletes; messages name the URI. */
    private static Video openCopy(MediaRef.StoredMedia ref) {
        Path copy;
        try {
            copy = ref.storage().localCopy(ref.location());
        } catch (IOException e) {
            throw readFailure(ref, e);
        }
        try {
            return Video.open(copy);
        } catch (RuntimeException e) {
            deleteCopy(copy);
            throw new MediaException(String.valueOf(e.getMessage()).replace(copy.toString(), ref.name()), e);
        }
    }

    private static void deleteCopy(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            copy.toFile().deleteOnExit(); // still open somewhere (another OS): at least not left behind
        }
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
        } catch (IOException e) {
            throw readFailure(ref, e);
        }
    }

    private static MediaException readFailure(MediaRef ref, IOException e) {
        // java.nio says NoSuchFileException, Hadoop's file systems FileNotFoundException
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return new MediaException("'" + ref.name() + "' does not exist — restore it, or remove it from the dataset", e);
        }
        return new MediaException("cannot read '" + ref.name() + "': " + e.getMessage() + " — check that the file exists and is readable", e);
    }
}
