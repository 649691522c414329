package dev.viewpair.datasets.manifest;

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

    /** The manifest. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
