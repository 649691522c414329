package dev.viewpair.views.image;

import static dev.viewpair.catalog.Param.optional;
import static dev.viewpair.catalog.Param.required;

import dev.viewpair.views.Op;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.ShapeContext;
import dev.viewpair.views.catalog.Stage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The image op catalogue: torchvision's transforms under their snake-case names, each taking and giving
 * an RGB {@code Mat}. Parameters mean what torchvision's mean; {@code p} (probability of applying) is
 * handled by the view chain. {@code normalize} makes the image float and belongs last in a view.
 */
public final class ImageOps {
    static {
        ImageDecoder.useCallerThreads();
    }

    private ImageOps() {}

    private static final String SIZE_DOC = "output side in pixels, or [height, width]";
    private static final String INTERPOLATION_DOC = "resampling: " + String.join(", ", Interpolation.recipeNames());
    private static final String ANTIALIAS_DOC = "when a side shrinks, filter as torchvision's antialias does (bilinear, bicubic)";

    private static final List<OpDescriptor> DESCRIPTORS = List.of(
            image("random_resized_crop", List.of(
                            required("size", ParamType.NUMBERS, 1.0, null, SIZE_DOC),
                            optional("scale", ParamType.RANGE, List.of(0.08, 1.0), 0.0, 1.0, "crop area as a fraction of the image's"),
                            optional("ratio", ParamType.RANGE, List.of(3 / 4.0, 4 / 3.0), 0.0, null, "crop width / height, drawn log-uniformly"),
                            Param.choice("interpolation", "bilinear", Interpolation.recipeNames(), INTERPOLATION_DOC),
                            optional("antialias", ParamType.BOOLEAN, true, null, null, ANTIALIAS_DOC)),
                    1.0, "crop of random area and aspect ratio, resized to size (torchvision RandomResizedCrop)",
                    p -> {
                        int[] hw = size(p, "random_resized_crop");
                        double[] scale = p.range("scale");
                        double[] ratio = p.range("ratio");
                        return new RandomResizedCrop(hw[0], hw[1], scale[0], scale[1], ratio[0], ratio[1],
                                Interpolation.parse(p.string("interpolation")), p.bool("antialias"));
                    }).withShape((in, p, c) -> sized(in, size(p, "random_resized_crop"))),
            image("center_crop", List.of(required("size", ParamType.NUMBERS, 1.0, null, SIZE_DOC)),
                    1.0, "the central region of size, padded with black if the image is smaller",
                    p -> {
                        int[] hw = size(p, "center_crop");
                        return new CenterCrop(hw[0], hw[1]);
                    }).withShape((in, p, c) -> sized(in, size(p, "center_crop"))),
            image("resize", List.of(
                            required("size", ParamType.INTEGER, 1.0, null, "the shorter side after resizing, pixels"),
                            Param.choice("interpolation", "bilinear", Interpolation.recipeNames(), INTERPOLATION_DOC),
                            optional("antialias", ParamType.BOOLEAN, true, null, null, ANTIALIAS_DOC)),
                    1.0, "scales the shorter side to size, keeping the aspect ratio",
                    p -> new Resize(p.integer("size"), Interpolation.parse(p.string("interpolation")), p.bool("antialias")))
                    .withShape((in, p, c) -> resized(in, p.integer("size"))),
            image("hflip", List.of(), 0.5, "mirrors left to right (applied with probability p, default 0.5)",
                    p -> new HorizontalFlip()),
            image("vflip", List.of(), 0.5, "mirrors top to bottom (applied with probability p, default 0.5)",
                    p -> new VerticalFlip()),
            image("rotate", List.of(
                            required("degrees", ParamType.NUMBERS, null, null, "angle drawn from [-d, d] for a number d, or from [low, high]; counter-clockwise"),
                            optional("interpolation", ParamType.STRING, "nearest", null, null, "resampling: nearest or bilinear"),
                            optional("expand", ParamType.BOOLEAN, false, null, null, "grow the output to hold the whole rotated image"),
                            optional("fill", ParamType.NUMBERS, 0, null, null, "value of uncovered pixels, 0-255, one or [r, g, b]")),
                    1.0, "rotation by a random angle about the centre (torchvision RandomRotation)",
                    p -> {
                        double[] range = degrees(p);
                        return new RandomRotation(range[0], range[1], Interpolation.parse(p.string("interpolation")),
                                p.bool("expand"), p.numbers("fill"));
                    }).withShape(ImageOps::rotated),
            image("color_jitter", List.of(
                            optional("brightness", ParamType.NUMBER, 0.4, 0.0, null, "factor drawn from [max(0, 1-b), 1+b]"),
                            optional("contrast", ParamType.NUMBER, 0.4, 0.0, null, "factor drawn from [max(0, 1-c), 1+c]"),
                            optional("saturation", ParamType.NUMBER, 0.4, 0.0, null, "factor drawn from [max(0, 1-s), 1+s]"),
                            optional("hue", ParamType.NUMBER, 0.1, 0.0, 0.5, "hue shift drawn from [-h, h] turns")),
                    1.0, "random brightness, contrast, saturation and hue, in random order (torchvision ColorJitter)",
                    p -> new ColorJitter(p.number("brightness"), p.number("contrast"), p.number("saturation"), p.number("hue"))),
            image("grayscale", List.of(), 1.0, "luma 0.299 R + 0.587 G + 0.114 B in all three channels",
                    p -> new Grayscale()),
            image("gaussian_blur", List.of(
                            optional("kernel", ParamType.INTEGER, 23, 1.0, null, "odd kernel side, pixels"),
                            optional("sigma", ParamType.RANGE, List.of(0.1, 2.0), 0.0, null, "standard deviation drawn from [low, high], pixels")),
                    1.0, "Gaussian blur with a random sigma (torchvision GaussianBlur)",
                    p -> {
                        double[] sigma = p.range("sigma");
                        return new GaussianBlur(p.integer("kernel"), sigma[0], sigma[1]);
                    }),
            image("solarize", List.of(optional("threshold", ParamType.NUMBER, 128, 0.0, null, "values at or above it are inverted, 8-bit levels")),
                    0.5, "inverts values at or above threshold (torchvision RandomSolarize, p default 0.5)",
                    p -> new Solarize(p.number("threshold"))),
            image("posterize", List.of(required("bits", ParamType.INTEGER, 0.0, 8.0, "bits kept per channel, 0 to 8")),
                    0.5, "keeps the highest bits of every value (torchvision RandomPosterize, p default 0.5)",
                    p -> new Posterize(p.integer("bits"))),
            image("equalize", List.of(), 0.5, "histogram equalization per channel, as PIL (torchvision RandomEqualize, p default 0.5)",
                    p -> new Equalize()),
            image("auto_contrast", List.of(), 0.5, "stretches each channel to [0, 255] (torchvision RandomAutocontrast, p default 0.5)",
                    p -> new AutoContrast()),
            image("random_erasing", List.of(
                            optional("scale", ParamType.RANGE, List.of(0.02, 0.33), 0.0, 1.0, "erased area as a fraction of the image's"),
                            optional("ratio", ParamType.RANGE, List.of(0.3, 3.3), 0.0, null, "erased height / width, drawn log-uniformly"),
                            optional("value", ParamType.NUMBERS, 0, null, null, "erased value in [0, 1] units (after normalize: as is), one or [r, g, b]")),
                    0.5, "sets a random rectangle to value (torchvision RandomErasing, p default 0.5)",
                    p -> {
                        double[] scale = p.range("scale");
                        double[] ratio = p.range("ratio");
                        return new RandomErasing(scale[0], scale[1], ratio[0], ratio[1], p.numbers("value"));
                    }),
            image("normalize", List.of(
                            optional("mean", ParamType.NUMBERS, List.of(0.485, 0.456, 0.406), null, null, "per-channel mean, [r, g, b] in [0, 1] units"),
                            optional("std", ParamType.NUMBERS, List.of(0.229, 0.224, 0.225), 0.0, null, "per-channel standard deviation, [r, g, b]")),
                    1.0, "to float in [0, 1], then (x - mean) / std per channel; put it last",
                    p -> new Normalize(rgb(p, "mean"), rgb(p, "std"))),
            image("multi_crop", List.of(
                            optional("global", ParamType.INTEGER, 2, 1.0, null, "how many global crops: members global0, global1, …"),
                            optional("global_size", ParamType.NUMBERS, 224, 1.0, null, "global crop side, or [height, width]"),
                            optional("global_scale", ParamType.RANGE, List.of(0.4, 1.0), 0.0, 1.0, "global crop area as a fraction of the image's"),
                            optional("local", ParamType.INTEGER, 8, 0.0, null, "how many local crops: members local0, local1, …"),
                            optional("local_size", ParamType.NUMBERS, 96, 1.0, null, "local crop side, or [height, width]"),
                            optional("local_scale", ParamType.RANGE, List.of(0.05, 0.4), 0.0, 1.0, "local crop area as a fraction of the image's"),
                            optional("ratio", ParamType.RANGE, List.of(3 / 4.0, 4 / 3.0), 0.0, null, "crop width / height, drawn log-uniformly"),
                            Param.choice("interpolation", "bicubic", Interpolation.recipeNames(), INTERPOLATION_DOC),
                            optional("antialias", ParamType.BOOLEAN, true, null, null, ANTIALIAS_DOC)),
                    1.0, "view family: global and local random resized crops (DINO, SwAV multi-crop); members globalI, localJ",
                    p -> {
                        var interpolation = Interpolation.parse(p.string("interpolation"));
                        double[] ratio = p.range("ratio");
                        int[] g = size(p, "multi_crop", "global_size");
                        double[] gs = p.range("global_scale");
                        int[] l = size(p, "multi_crop", "local_size");
                        double[] ls = p.range("local_scale");
                        return new MultiCrop(p.integer("global"),
                                new RandomResizedCrop(g[0], g[1], gs[0], gs[1], ratio[0], ratio[1], interpolation, p.bool("antialias")),
                                p.integer("local"),
                                new RandomResizedCrop(l[0], l[1], ls[0], ls[1], ratio[0], ratio[1], interpolation, p.bool("antialias")));
                    }).withShape((in, p, c) -> sized(in, size(p, "multi_crop",
                            c.member().startsWith(MultiCrop.GLOBAL) ? "global_size" : "local_size"))).asFamily(),
            image("lab_split", List.of(), 1.0,
                    "view family: CIE Lab of the RGB image (CMC), members L (1 channel) and ab (2), each in [-1, 1], float",
                    p -> new LabSplit())
                    .withShape((in, p, c) -> Shape.image(Dim.fixed(c.member().equals("L") ? 1 : 2), in.dim(1), in.dim(2)))
                    .asFamily(),
            image("patch_grid", List.of(
                            optional("grid", ParamType.INTEGER, 7, 1.0, null, "patches per row and per column"),
                            optional("patch", ParamType.INTEGER, 64, 1.0, null, "patch side, pixels"),
                            optional("stride", ParamType.INTEGER, 32, 1.0, null, "pixels between neighbouring patches (overlap = patch - stride)")),
                    1.0, "view family: overlapping patches on a centred grid (CPC), members rIcJ by row and column",
                    p -> new PatchGrid(p.integer("grid"), p.integer("patch"), p.integer("stride")))
                    .withShape((in, p, c) -> in.withSides(Dim.fixed(p.integer("patch")), Dim.fixed(p.integer("patch"))))
                    .asFamily());

    /** Every image op, in catalogue order. */
    public static List<OpDescriptor> descriptors() {
        return DESCRIPTORS;
    }

    private static OpDescriptor image(String name, List<Param> params, double p, String doc,
            Function<Params, Op<?, ?>> factory) {
        return new OpDescriptor(name, Stage.IMAGE, Stage.IMAGE, params, p, doc, factory);
    }

    /** An image's shape with its channels kept and its height and width {@code hw}. */
    private static Shape sized(Shape in, int[] hw) {
        return in.withSides(Dim.fixed(hw[0]), Dim.fixed(hw[1]));
    }

    /**
     * After {@code resize}: exact for a fixed size; for a file's size, a side of at least {@code size} pixels each way
     * (which side is the shorter is the file's).
     */
    private static Shape resized(Shape in, int size) {
        if (in.dim(1) instanceof Dim.Fixed h && in.dim(2) instanceof Dim.Fixed w) {
            return sized(in, Resize.outputSize(h.size(), w.size(), size));
        }
        Dim side = unknownSide(in, "≥" + size);
        return in.withSides(side, side);
    }

    /**
     * After {@code rotate}: the input's without {@code expand}; with it, the size that holds the rotated image, which
     * varies with the angle unless the angle is fixed.
     */
    private static Shape rotated(Shape in, Params p, ShapeContext context) {
        if (!p.bool("expand")) {
            return in;
        }
        double[] range = degrees(p);
        if (range[0] != range[1]) {
            Dim side = new Dim.Varies(Optional.empty(), "rotate with expand: true draws the angle from ["
                    + range[0] + ", " + range[1] + "] degrees, and the image grows with it",
                    "give expand: false, or follow rotate with center_crop or resize and center_crop", context.origin());
            return in.withSides(side, side);
        }
        if (in.dim(1) instanceof Dim.Fixed h && in.dim(2) instanceof Dim.Fixed w) {
            return sized(in, RandomRotation.expandedSize(h.size(), w.size(), range[0]));
        }
        Dim side = unknownSide(in, "H'");
        return in.withSides(side, side);
    }

    /** A side computed from an image's height and width that are not both fixed: varying if either does, else the file's. */
    private static Dim unknownSide(Shape in, String symbol) {
        return in.varying().<Dim>map(v -> new Dim.Varies(Optional.empty(), v.why(), v.fix(), v.origin()))
                .orElse(new Dim.OfFile(symbol));
    }

    /** {@code rotate}'s angle range: {@code d} means [-d, d]. */
    private static double[] degrees(Params p) {
        double[] d = p.numbers("degrees");
        if ((d.length == 1 && d[0] < 0) || d.length > 2) {
            throw new IllegalArgumentException("rotate: degrees must be a number ≥ 0 (meaning [-d, d]) or a "
                    + "[low, high] pair, got " + Arrays.toString(d));
        }
        return d.length == 1 ? new double[] {-d[0], d[0]} : d;
    }

    /** Three values, one per RGB channel; a single number serves all three. */
    private static double[] rgb(Params p, String name) {
        double[] v = p.numbers(name);
        if (v.length == 1) {
            v = new double[] {v[0], v[0], v[0]};
        }
        if (v.length != 3) {
            throw new IllegalArgumentException("normalize: " + name + " needs one value per channel, [r, g, b], got "
                    + Arrays.toString(v));
        }
        return v;
    }

    /** {@code size: 64} or {@code size: [48, 64]} (height, width) as whole pixels. */
    private static int[] size(Params p, String op) {
        return size(p, op, "size");
    }

    /** A size parameter, {@code 64} or {@code [48, 64]} (height, width), as whole pixels. */
    private static int[] size(Params p, String op, String name) {
        double[] v = p.numbers(name);
        if (v.length == 1) {
            v = new double[] {v[0], v[0]};
        }
        if (v.length != 2 || v[0] != Math.rint(v[0]) || v[1] != Math.rint(v[1])) {
            throw new IllegalArgumentException(op + ": " + name + " must be a whole number or [height, width] in whole pixels, got "
                    + Arrays.toString(v));
        }
        return new int[] {(int) v[0], (int) v[1]};
    }
}
