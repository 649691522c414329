package dev.viewpair.views.audio.io;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Turns JavaCV's grabber errors into words a user can act on: FFmpeg's numeric error codes become FFmpeg's own
 * text ({@code -1094995529} → "Invalid data found when processing input"), and JavaCV's hints for programmers
 * ("Has setFormat() been called?") are dropped. FFmpeg's own calls' codes read the same way.
 */
public final class FfmpegErrors {
    /** What a file without a stream that FFmpeg decodes gets said of it. */
    public static final String NO_STREAM_TEXT = "FFmpeg found no stream it can decode (an unknown codec or format tag)";
    private static final Pattern CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern HINTS = Pattern.compile("\\s*\\((Has setFormat\\(\\) been called\\?|For more details, make sure"
            + " FFmpegLogCallback\\.set\\(\\) has been called\\.)\\)");
    private static final Pattern NO_STREAM = Pattern.compile("Did not find a video or audio stream inside .*");

    private FfmpegErrors() {}

    /** What went wrong, in one clause, without the file name (the caller's message names it). */
    public static String describe(FrameGrabber.Exception e) {
        var message = HINTS.matcher(String.valueOf(e.getMessage())).replaceAll("").strip();
        if (NO_STREAM.matcher(message).matches()) {
            return NO_STREAM_TEXT;
        }
        var code = CODE.matcher(message);
        return code.find() ? describe(Integer.parseInt(code.group(1))) : message;
    }

    /** What an FFmpeg call's negative return code means, in one clause. */
    public static String describe(int code) {
        return "FFmpeg cannot read it (" + text(code) + ")";
    }

    private static String text(int code) {
        var text = new byte[256];
        try (var buffer = new BytePointer(text.length)) {
            if (avutil.av_strerror(code, buffer, text.length) != 0) {
                return "error " + code;
            }
            buffer.get(text);
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }
}
