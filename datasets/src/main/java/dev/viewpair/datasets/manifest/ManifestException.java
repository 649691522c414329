package dev.viewpair.datasets.manifest;

import dev.viewpair.datasets.storage.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A manifest that cannot be read as a dataset; the message starts with {@code file:line:} and says what to fix. */
public class ManifestException extends RuntimeException {
    private final transient Path file;
    private final long line;

    /**
     * @param file the manifest
     * @param line the 1-based line the problem is on, or 0 when it concerns the whole file
     * @param problem what is wrong and what to do
     */
    public ManifestException(Path file, long line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * @param file the manifest's path, or its URI when it is read through a {@link Storage}, as messages show it
     * @param line the 1-based line the problem is on, or 0 when it concerns the whole file
     * @param problem what is wrong and what to do
     */
    public ManifestException(String file, long line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = Storage.isUri(file) ? null : Path.of(file);
        this.line = line;
    }

    /** The manifest, or {@code null} when it is read by URI (the message names it). */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }

    /** A manifest's text, refused (with the file named) unless it is UTF-8. */
    public static String readUtf8(Path file) throws IOException {
        return utf8(file.toString(), Files.readAllBytes(file));
    }

    /** A manifest's bytes as text, refused (with the file named) unless they are UTF-8. */
    public static String utf8(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(file, 0, "is not UTF-8 text; save it as UTF-8");
        }
    }
}
