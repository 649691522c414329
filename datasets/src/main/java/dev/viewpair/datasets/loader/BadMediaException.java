package dev.viewpair.datasets.loader;

import dev.viewpair.views.MediaException;

/** A {@link MediaException} that knows which of a sample's media files failed, for the bad-input report. */
public final class BadMediaException extends MediaException {
    private final String file;

    /**
     * @param file the media that failed: its path, or its name when held in memory
     * @param message what went wrong and what to do, naming the file
     */
    public BadMediaException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The media that failed. */
    public String file() {
        return file;
    }
}
