package dev.viewpair.datasets;

import dev.viewpair.views.Modality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Tells what a media file holds from its first bytes (its signature), to explain a file that fails to decode
 * because its extension lies: a PNG named {@code .wav}. Only consulted after a decode failed, so it costs nothing
 * on good files. The decoders themselves already read by content within a modality (a PNG named {@code .jpg}
 * decodes); the extension decides only which modality a file of a folder dataset is.
 */
public final class MediaSniffer {
    private static final int HEAD = 16;

    private MediaSniffer() {}

    /**
     * What the content is and which modality that belongs to.
     *
     * @param format a name for people: "a PNG image", "WAV audio"
     * @param modality the modality that format carries
     */
    public record Content(String format, Modality modality) {}

    /** The content of a file judged by its signature, or empty when unknown or unreadable. */
    public static Optional<Content> sniff(MediaRef ref) {
        byte[] head;
        try {
            head = ref instanceof MediaRef.FileMedia f ? readHead(Files.newInputStream(f.path()))
                    : ref instanceof MediaRef.StoredMedia s ? readHead(s.storage().open(s.location())) : ref.bytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        return sniff(head);
    }

    /** The content that {@code head}, a file's first bytes, announces, or empty when unknown. */
    public static Optional<Content> sniff(byte[] head) {
        if (starts(head, 0, 0x89, 'P', 'N', 'G')) {
            return of("a PNG image", Modality.IMAGE);
        }
        if (starts(head, 0, 0xFF, 0xD8, 0xFF)) {
            return of("a JPEG image", Modality.IMAGE);
        }
        if (starts(head, 0, 'G', 'I', 'F', '8')) {
            return of("a GIF image", Modality.IMAGE);
        }
        if (starts(head, 0, 'I', 'I', '*', 0) || starts(head, 0, 'M', 'M', 0, '*')) {
            return of("a TIFF image", Modality.IMAGE);
        }
        if (starts(head, 0, 'R', 'I', 'F', 'F')) {
            if (starts(head, 8, 'W', 'E', 'B', 'P')) {
                return of("a WebP image", Modality.IMAGE);
            }
            if (starts(head, 8, 'W', 'A', 'V', 'E')) {
                return of("WAV audio", Modality.AUDIO);
            }
            if (starts(head, 8, 'A', 'V', 'I', ' ')) {
                return of("an AVI video", Modality.VIDEO);
            }
        }
        if (starts(head, 0, 'f', 'L', 'a', 'C')) {
            return of("FLAC audio", Modality.AUDIO);
        }
        if (starts(head, 0, 'O', 'g', 'g', 'S')) {
            return of("Ogg audio", Modality.AUDIO);
        }
        if (starts(head, 0, 'I', 'D', '3')) {
            return of("MP3 audio", Modality.AUDIO);
        }
        if (starts(head, 4, 'f', 't', 'y', 'p')) {
            return starts(head, 8, 'M', '4', 'A') ? of("M4A audio", Modality.AUDIO) : of("an MP4/MOV video", Modality.VIDEO);
        }
        if (starts(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return of("a Matroska/WebM video", Modality.VIDEO);
        }
        if (starts(head, 0, 'B', 'M')) {
            return of("a BMP image", Modality.IMAGE);
        }
        return Optional.empty();
    }

    /**
     * A clause to add to a decode failure when the content belongs to another modality than the one the file
     * was read as ("its content is a PNG image, not audio: …"), else empty.
     */
    public static Optional<String> mismatch(MediaRef ref, Modality readAs) {
        return sniff(ref).filter(c -> c.modality() != readAs).map(c -> "its content is " + c.format() + ", not "
                + readAs.recipeName() + ": give it the extension of what it holds, or remove it");
    }

    private static byte[] readHead(InputStream file) throws IOException {
        try (file) {
            return file.readNBytes(HEAD);
        }
    }

    private static Optional<Content> of(String format, Modality modality) {
        return Optional.of(new Content(format, modality));
    }

    private static boolean starts(byte[] b, int at, int... signature) {
        if (b.length < at + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[at + i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
