package dev.viewpair.datasets;

import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.views.audio.io.Audio;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sample's raw media lives: a file, a file in a {@link Storage} reached by URI, encoded bytes held in memory, or media decoded once before
 * (preprocessed shards), which the views read without decoding again.
 */
public sealed interface MediaRef {
    /** A name for messages and reports (the file path, or a synthetic name). */
    String name();

    /** The encoded bytes. */
    byte[] bytes() throws IOException;

    /** A file on disk. */
    record FileMedia(Path path) implements MediaRef {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(path);
        }
    }

    /**
     * A file read through a {@link Storage} ({@code hdfs://…}, {@code s3a://…}): its bytes are read from there when
     * asked for; a video is copied to a local file to be decoded (FFmpeg seeks in it).
     *
     * @param storage the file system it is read through
     * @param location its URI
     */
    record StoredMedia(Storage storage, URI location) implements MediaRef {
        /** The URI, unescaped. */
        @Override
        public String name() {
            return Storage.display(location);
        }

        @Override
        public byte[] bytes() throws IOException {
            return storage.read(location);
        }
    }

    /** Encoded bytes (a PNG, a WAV) held in memory. */
    record EncodedBytes(String name, byte[] data) implements MediaRef {
        @Override
        public byte[] bytes() {
            return data;
        }
    }

    /**
     * An image decoded before: 8-bit RGB pixels, row-major HWC, as the image adapter gives them.
     *
     * @param name where the pixels came from, for messages
     * @param height rows
     * @param width columns
     * @param pixels height × width × 3 bytes from position 0 (read, never changed)
     */
    record DecodedImage(String name, int height, int width, ByteBuffer pixels) implements MediaRef {
        public DecodedImage {
            if ((long) height * width * 3 != pixels.remaining()) {
                throw new IllegalArgumentException("image '" + name + "' of " + height + "×" + width
                        + " RGB needs " + (long) height * width * 3 + " bytes, got " + pixels.remaining());
            }
        }

        /** Decoded media has no encoded form: always throws. */
        @Override
        public byte[] bytes() throws IOException {
            throw new IOException("image '" + name + "' is already decoded (it comes from shards): it has no encoded bytes");
        }
    }

    /**
     * Sound decoded before: mono float PCM at a known rate, as the audio adapter gives it.
     *
     * @param name where the sound came from, for messages
     * @param audio the samples and their rate
     */
    record DecodedAudio(String name, Audio audio) implements MediaRef {
        /** Decoded media has no encoded form: always throws. */
        @Override
        public byte[] bytes() throws IOException {
            throw new IOException("audio '" + name + "' is already decoded (it comes from shards): it has no encoded bytes");
        }
    }
}
