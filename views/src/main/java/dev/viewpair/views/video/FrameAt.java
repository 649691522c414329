package dev.viewpair.views.video;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.video.io.Video;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The frame shown at {@code at} (resolved against the sample's anchor), as an 8-bit RGB image, optionally
 * resized to height × width. Its window is a single instant, so the anchor only keeps {@code at} inside the
 * video; a time past either end gives the first or last frame.
 *
 * @param at when ({@code anchor}, {@code anchor + 0.5s}, or an absolute time)
 * @param height output height, or 0 for the video's own size
 * @param width output width, or 0 for the video's own size
 * @param onsets how onsets are found when {@code at} is an onset time ({@code at: onset}), else empty
 */
public record FrameAt(TimeExpr at, int height, int width, Optional<Onsets> onsets) implements Op<Video, Mat>, AnchoredOp {
    public FrameAt {
        checkSize(height, width);
    }

    /** A frame whose {@code at} is no onset time. */
    public FrameAt(TimeExpr at, int height, int width) {
        this(at, height, width, Optional.empty());
    }

    @Override
    public Mat apply(Video video, ViewContext ctx) {
        return video.frameAt(at.resolve(ctx.anchorSeconds()), height, width);
    }

    @Override
    public double seconds() {
        return 0;
    }

    static void checkSize(int height, int width) {
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("size needs a positive height and width, or 0 for the video's own, got "
                    + height + " × " + width);
        }
    }
}
