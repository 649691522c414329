package dev.viewpair.recipes.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a file whole: its new content goes to a temporary file beside it, which is then renamed over it, so that a
 * reader (a browser reloading {@code report.html} while a run rewrites it) sees the old file or the new, never half of
 * one. Two writers of the same file each write their own temporary file; the last rename wins.
 */
final class FileSwap {
    private FileSwap() {}

    /** What writes the new content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code file} anew from {@code content}; returns it. */
    static Path replace(Path file, Content content) throws IOException {
        // a name of its own (not Files.createTempFile, whose file only its owner may read: a served run folder could not)
        var temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (var out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp); // only when the content or the rename failed
        }
        return file;
    }
}
