package dev.viewpair.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a sample's raw media lives: a file, or encoded bytes held in memory. */
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

    /** Encoded bytes (a PNG, a WAV) held in memory. */
    record EncodedBytes(String name, byte[] data) implements MediaRef {
        @Override
        public byte[] bytes() {
            return data;
        }
    }
}
