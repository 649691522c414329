package dev.viewpair.views;

/** Raw media that cannot be decoded or turned into a view; the message names the input and what to do. */
public class MediaException extends RuntimeException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
