package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LANCZOS4;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST_EXACT;

import dev.viewpair.catalog.Suggest;
import org.bytedeco.opencv.global.opencv_imgproc;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** How a resize samples the source, named as torchvision's {@code InterpolationMode} names them. */
public enum Interpolation {
    NEAREST("nearest", INTER_NEAREST),
    NEAREST_EXACT("nearest-exact", INTER_NEAREST_EXACT),
    BILINEAR("bilinear", INTER_LINEAR),
    BICUBIC("bicubic", INTER_CUBIC),
    /** Area averaging. */
    BOX("box", INTER_AREA),
    LANCZOS("lanczos", INTER_LANCZOS4);

    private final String recipeName;
    private final int flag;

    Interpolation(String recipeName, int flag) {
        this.recipeName = recipeName;
        this.flag = flag;
    }

    /** The name a recipe uses ({@code bilinear}). */
    public String recipeName() {
        return recipeName;
    }

    /** OpenCV's {@code INTER_*} flag for this mode. */
    int flag() {
        return flag;
    }

    /** The names a recipe may use. */
    public static List<String> recipeNames() {
        return Arrays.stream(values()).map(Interpolation::recipeName).toList();
    }

    /** Parses a recipe name; throws {@link IllegalArgumentException} saying what is allowed. */
    public static Interpolation parse(String name) {
        for (var i : values()) {
            if (i.recipeName.equals(name)) {
                return i;
            }
        }
        String suggestion = Suggest.closest(name, recipeNames());
        throw new IllegalArgumentException("unknown interpolation '" + name + "' — "
                + (suggestion != null ? "did you mean '" + suggestion + "'?" : "allowed: " + String.join(", ", recipeNames())));
    }

    /**
     * Resizes {@code src} into a new Mat of {@code height × width}.
     *
     * @param antialias when a side shrinks, bilinear and bicubic filter 8-bit images as torchvision's
     *     {@code antialias=True} does (PIL's resampling, see {@link AntialiasedResize}) so that fine detail
     *     does not alias (images of other depths shrinking on both sides take OpenCV's area average); enlarging
     *     both sides, other modes, and {@code antialias: false} use OpenCV's point-sampling {@code resize}
     */
    public Mat resize(Mat src, int height, int width, boolean antialias) {
        boolean filtered = antialias && (this == BILINEAR || this == BICUBIC);
        if (filtered && (height < src.rows() || width < src.cols()) && AntialiasedResize.supports(src)) {
            return AntialiasedResize.resize(src, height, width, this);
        }
        boolean shrinksBoth = height < src.rows() && width < src.cols();
        var out = new Mat();
        try (var size = new Size(width, height)) {
            opencv_imgproc.resize(src, out, size, 0, 0, filtered && shrinksBoth ? INTER_AREA : flag);
        }
        return out;
    }
}
