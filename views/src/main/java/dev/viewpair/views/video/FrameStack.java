package dev.viewpair.views.video;

import static org.bytedeco.opencv.global.opencv_core.merge;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.views.video.io.Video;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * {@code count} frames, {@code 1 / rate} seconds apart from {@code at} on, stacked along the channels: one 8-bit
 * image of 3 × count channels, R, G, B of the first frame, then of the second, and so on. Geometric image ops
 * after it ({@code random_resized_crop}, {@code resize}, {@code center_crop}, {@code hflip}) treat all frames
 * alike, as clip-level augmentation should; colour ops need 3 channels and refuse it. The view's tensor is
 * {@code [3·count, H, W]}, which a 2-D encoder takes as early fusion; a video encoder ({@code r2plus1d}, or a 2-D type
 * with {@code per_frame}) reads it as {@code count} RGB frames, and the view's shape says it holds them.
 *
 * @param count how many frames (at most 170: OpenCV holds at most 512 channels)
 * @param rate frames per second to sample at
 * @param at the first frame's time
 * @param height output height, or 0 for the video's own size
 * @param width output width, or 0 for the video's own size
 * @param onsets how onsets are found when {@code at} is an onset time ({@code at: onset}), else empty
 */
public record FrameStack(int count, double rate, TimeExpr at, int height, int width, Optional<Onsets> onsets)
        implements Op<Video, Mat>, AnchoredOp {
    /** The most frames one stack holds. */
    public static final int MAX_COUNT = 170;

    public FrameStack {
        if (count < 1 || count > MAX_COUNT || !(rate > 0)) {
            throw new IllegalArgumentException("frames needs 1 ≤ n ≤ " + MAX_COUNT + " and rate > 0, got n " + count
                    + " and rate " + rate);
        }
        FrameAt.checkSize(height, width);
    }

    /** A stack whose {@code at} is no onset time. */
    public FrameStack(int count, double rate, TimeExpr at, int height, int width) {
        this(count, rate, at, height, width, Optional.empty());
    }

    @Override
    public Mat apply(Video video, ViewContext ctx) {
        double start = at.resolve(ctx.anchorSeconds());
        var times = new double[count];
        for (int i = 0; i < count; i++) {
            times[i] = start + i / rate;
        }
        var frames = video.framesAt(times, height, width);
        var stack = new Mat();
        try (var all = new MatVector(frames.toArray(new Mat[0]))) {
            merge(all, stack);
        } finally {
            frames.forEach(Mat::close);
        }
        return stack;
    }

    /** From the first frame to the end of the last one's slot. */
    @Override
    public double seconds() {
        return count / rate;
    }
}
