package dev.viewpair.recipes.run;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLORMAP_VIRIDIS;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.applyColorMap;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.viewpair.datasets.Source;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A contact sheet of what a recipe feeds its encoders: one row per sample (the first samples of a split),
 * one column per view in recipe order (one per member view for a view family), a header row of view names, and each sample's id and label at the
 * left. Images are shown in RGB with {@code normalize} undone; spectrograms are min–max scaled per tile,
 * low frequencies at the bottom, in the viridis colour map; a stack of {@code n} frames (3n channels) shows
 * its frames side by side. Every tile is scaled to {@link #CELL_HEIGHT}, keeping its aspect (nearest
 * neighbour when enlarging, so small views keep visible pixels). A sample whose views cannot be made is a
 * grey row of "unreadable" tiles.
 */
public final class ContactSheet {
    /** Height of every tile, in pixels. */
    public static final int CELL_HEIGHT = 96;
    /** Widest a spectrogram tile gets; longer ones are squeezed in time. */
    public static final int MAX_SPECTROGRAM_WIDTH = 4 * CELL_HEIGHT;
    /** Height of the header row of view names. */
    public static final int HEADER_HEIGHT = 24;
    /** Width of the left column of sample ids and labels. */
    public static final int LABEL_WIDTH = 132;
    /** Space between columns, between rows, and at the right and bottom edges. */
    public static final int GAP = 6;
    /** Space between the frames of a frame stack. */
    public static final int FRAME_GAP = 2;

    private static final int BACKGROUND = 255;
    private static final int INK = 0;
    private static final int UNREADABLE = 160;
    private static final double FONT_SCALE = 0.42;

    /**
     * A sample that could not be shown.
     *
     * @param id the sample's id
     * @param reason why its views could not be made
     */
    public record Unreadable(String id, String reason) {}

    /**
     * What was written.
     *
     * @param rows how many samples the sheet shows
     * @param width the sheet's width in pixels
     * @param height the sheet's height in pixels
     * @param unreadable the samples shown as grey tiles
     */
    public record Sheet(int rows, int width, int height, List<Unreadable> unreadable) {
        public Sheet {
            unreadable = List.copyOf(unreadable);
        }
    }

    private ContactSheet() {}

    /**
     * Draws the first {@code samples} samples of {@code split} with the views of {@code epoch} and writes the
     * sheet to {@code out} (format by extension, as OpenCV's {@code imwrite}).
     *
     * @throws IllegalArgumentException when the dataset is missing, the split is not in the recipe or is
     *     empty, or the file cannot be written
     */
    public static Sheet write(Recipe recipe, String split, int samples, int epoch, Path out) throws IOException {
        return write(Families.standard(), recipe, split, samples, epoch, out);
    }

    /**
     * {@link #write(Recipe, String, int, int, Path)} of a recipe loaded against {@code families}: its data opened, its
     * views made and drawn by them.
     */
    public static Sheet write(Families families, Recipe recipe, String split, int samples, int epoch, Path out)
            throws IOException {
        var source = splitOf(families, recipe, split);
        var ops = families.ops();
        var columns = columns(ops, recipe);
        var views = DataPlan.views(families, recipe, columns.stream().map(Column::name).toList());
        int rows = (int) Math.min(samples, source.size());

        try (var scope = new PointerScope()) {
            var tiles = new Mat[rows][columns.size()];
            var labels = new String[rows][];
            var unreadable = new ArrayList<Unreadable>();
            for (int r = 0; r < rows; r++) {
                var sample = source.get(r);
                labels[r] = new String[] {sample.id(), sample.label() == null ? "" : sample.label()};
                try {
                    var made = views.views(sample, epoch);
                    for (int c = 0; c < columns.size(); c++) {
                        tiles[r][c] = tile(ops, columns.get(c).spec(), made.get(columns.get(c).name()));
                    }
                } catch (MediaException | IllegalArgumentException e) {
                    unreadable.add(new Unreadable(sample.id(), String.valueOf(e.getMessage())));
                    for (int c = 0; c < columns.size(); c++) {
                        tiles[r][c] = placeholder("unreadable");
                    }
                }
            }
            var sheet = compose(columns.stream().map(Column::name).toList(), labels, tiles);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            if (!imwrite(out.toString(), sheet)) {
                throw new IllegalArgumentException("cannot write " + out + " — give a writable path ending in .png");
            }
            return new Sheet(rows, sheet.cols(), sheet.rows(), unreadable);
        }
    }

    /** One column of the sheet: a view, or one member view of a family view. */
    private record Column(String name, ViewSpec spec) {}

    /** A column per view in recipe order; a family view gets one per member view, in member order. */
    private static List<Column> columns(OpCatalog ops, Recipe recipe) {
        var columns = new ArrayList<Column>();
        for (var spec : recipe.views().values()) {
            ViewChain.build(spec, ops).members().forEach(m -> columns.add(new Column(m, spec)));
        }
        return columns;
    }

    /** The spec a view is made by: the view's own, or its family's for a member view. */
    static ViewSpec specOf(OpCatalog ops, Recipe recipe, String view) {
        return recipe.views().values().stream().filter(spec -> ViewChain.build(spec, ops).members().contains(view))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no view '" + view + "'"));
    }

    private static Source splitOf(Families families, Recipe recipe, String split) throws IOException {
        var data = DataPlan.of(families, recipe);
        var source = switch (split) {
            case "train" -> data.train();
            case "test" -> data.test();
            default -> null;
        };
        if (source == null) {
            throw new IllegalArgumentException("the recipe has no " + split + " split — its dataset.split declares "
                    + recipe.dataset().split().keySet());
        }
        if (source.size() == 0) {
            throw new IllegalArgumentException("the " + split + " split of " + data.all().describe() + " is empty");
        }
        return source;
    }

    /** One view of one sample, its chain's ops in {@code ops}, as an 8-bit BGR tile, {@link #CELL_HEIGHT} high. */
    static Mat tile(OpCatalog ops, ViewSpec spec, ViewTensor t) {
        int[] s = t.shape();
        if (s.length != 3) {
            return placeholder("shape " + Arrays.toString(s));
        }
        if (finalStage(ops, spec) == Stage.SPECTROGRAM) {
            return spectrogram(t);
        }
        double[] mean = {0, 0, 0};
        double[] std = {1, 1, 1};
        var last = spec.ops().isEmpty() ? null : spec.ops().get(spec.ops().size() - 1);
        if (last != null && last.name().equals("normalize")) {
            mean = perChannel(ops, last, "mean");
            std = perChannel(ops, last, "std");
        } else if (spec.ops().stream().anyMatch(op -> op.name().equals("lab_split"))) {
            // Lab channels come in [-1, 1]: show -1 as black and 1 as white
            mean = new double[] {0.5, 0.5, 0.5};
            std = mean;
        }
        int channels = s[0];
        int h = s[1];
        int w = s[2];
        // 3n channels are n RGB frames; any other count shows each channel as a grey frame
        boolean rgb = channels % 3 == 0;
        int frames = rgb ? channels / 3 : channels;
        int frameWidth = scaledWidth(h, w, Integer.MAX_VALUE);
        var out = new Mat(CELL_HEIGHT, frames * frameWidth + (frames - 1) * FRAME_GAP, CV_8UC3, grey(BACKGROUND));
        for (int f = 0; f < frames; f++) {
            try (var bgr = new MatVector()) {
                if (rgb) {
                    for (int c = 2; c >= 0; c--) { // OpenCV writes BGR
                        bgr.push_back(denormalized(t, 3 * f + c, mean[c], std[c]));
                    }
                } else {
                    var grey = denormalized(t, f, mean[f % 3], std[f % 3]);
                    bgr.push_back(grey).push_back(grey).push_back(grey);
                }
                try (var frame = new Mat()) {
                    merge(bgr, frame);
                    scaleInto(frame, out.apply(new Rect(f * (frameWidth + FRAME_GAP), 0, frameWidth, CELL_HEIGHT)));
                }
            }
        }
        return out;
    }

    /** The stage a view's chain ends at (the recipe was checked, so every op is in the catalogue). */
    private static Stage finalStage(OpCatalog ops, ViewSpec spec) {
        var stage = Stage.initial(spec.from());
        for (var op : spec.ops()) {
            stage = ops.find(op.name(), stage).orElseThrow().output();
        }
        return stage;
    }

    /** The normalize op's mean or std for each of r, g, b, with the catalogue's defaults filled in. */
    private static double[] perChannel(OpCatalog ops, OpSpec normalize, String name) {
        double[] v = ops.find("normalize", Stage.IMAGE).orElseThrow().params(normalize.params()).numbers(name);
        return v.length == 1 ? new double[] {v[0], v[0], v[0]} : v;
    }

    /** Channel {@code c} as 8-bit, {@code x * std + mean} in [0, 1] units, clipped by the saturating conversion. */
    private static Mat denormalized(ViewTensor t, int c, double mean, double std) {
        try (var plane = plane(t, c)) {
            var out = new Mat();
            plane.convertTo(out, CV_8U, 255 * std, 255 * mean);
            return out;
        }
    }

    private static Mat plane(ViewTensor t, int c) {
        int h = t.shape()[1];
        int w = t.shape()[2];
        var m = new Mat(h, w, CV_32FC1);
        FloatBuffer buf = m.createBuffer();
        buf.put(t.data(), c * h * w, h * w);
        return m;
    }

    /** A 1×bins×frames spectrogram, min–max scaled, bin 0 at the bottom, in viridis. */
    private static Mat spectrogram(ViewTensor t) {
        int bins = t.shape()[1];
        int frames = t.shape()[2];
        try (var plane = plane(t, 0); var grey = new Mat(); var flipped = new Mat(); var coloured = new Mat()) {
            double[] min = {0};
            double[] max = {0};
            minMaxLoc(plane, min, max, null, null, null);
            double scale = max[0] > min[0] ? 255 / (max[0] - min[0]) : 0;
            plane.convertTo(grey, CV_8U, scale, -min[0] * scale);
            flip(grey, flipped, 0);
            applyColorMap(flipped, coloured, COLORMAP_VIRIDIS);
            var out = new Mat(CELL_HEIGHT, scaledWidth(bins, frames, MAX_SPECTROGRAM_WIDTH), CV_8UC3);
            scaleInto(coloured, out);
            return out;
        }
    }

    /** The width of an {@code h × w} tile scaled to {@link #CELL_HEIGHT} with its aspect kept, at most {@code max}. */
    static int scaledWidth(int h, int w, int max) {
        return Math.max(1, Math.min(max, (int) Math.round((double) w * CELL_HEIGHT / h)));
    }

    private static void scaleInto(Mat src, Mat dst) {
        int interpolation = dst.rows() >= src.rows() ? INTER_NEAREST : INTER_AREA;
        try (var scaled = new Mat()) {
            resize(src, scaled, new Size(dst.cols(), dst.rows()), 0, 0, interpolation);
            scaled.copyTo(dst);
        }
    }

    private static Mat placeholder(String text) {
        var m = new Mat(CELL_HEIGHT, CELL_HEIGHT, CV_8UC3, grey(UNREADABLE));
        text(m, text, 4, CELL_HEIGHT / 2 + 4, CELL_HEIGHT - 8);
        return m;
    }

    /** Lays the tiles out: a header of view names, then one row per sample with its id and label at the left. */
    static Mat compose(List<String> names, String[][] labels, Mat[][] tiles) {
        int[] widths = new int[names.size()];
        for (var row : tiles) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].cols());
            }
        }
        int width = LABEL_WIDTH + Arrays.stream(widths).map(w -> w + GAP).sum();
        int height = HEADER_HEIGHT + tiles.length * (CELL_HEIGHT + GAP);
        var sheet = new Mat(height, width, CV_8UC3, grey(BACKGROUND));
        int x = LABEL_WIDTH;
        for (int c = 0; c < names.size(); c++) {
            text(sheet, names.get(c), x, HEADER_HEIGHT - 8, widths[c]);
            for (int r = 0; r < tiles.length; r++) {
                var tile = tiles[r][c];
                tile.copyTo(sheet.apply(new Rect(x, HEADER_HEIGHT + r * (CELL_HEIGHT + GAP), tile.cols(), tile.rows())));
            }
            x += widths[c] + GAP;
        }
        for (int r = 0; r < tiles.length; r++) {
            int y = HEADER_HEIGHT + r * (CELL_HEIGHT + GAP);
            text(sheet, labels[r][0], GAP, y + 16, LABEL_WIDTH - 2 * GAP);
            text(sheet, labels[r][1], GAP, y + 34, LABEL_WIDTH - 2 * GAP);
        }
        return sheet;
    }

    /** Writes {@code text} with its baseline at (x, y), shortened with ".." to fit {@code maxWidth}. */
    private static void text(Mat image, String text, int x, int y, int maxWidth) {
        if (text.isEmpty()) {
            return;
        }
        var shown = text;
        while (shown.length() > 1 && textWidth(shown) > maxWidth) {
            shown = shown.substring(0, shown.length() - (shown.endsWith("..") ? 3 : 1)) + "..";
        }
        putText(image, shown, new Point(x, y), FONT_HERSHEY_SIMPLEX, FONT_SCALE, grey(INK), 1, LINE_AA, false);
    }

    /** A grey level as an OpenCV colour (made per use: a static one would be freed with the first pointer scope). */
    private static Scalar grey(int level) {
        return new Scalar(level, level, level, 0);
    }

    private static int textWidth(String text) {
        int[] baseline = {0};
        try (var size = getTextSize(text, FONT_HERSHEY_SIMPLEX, FONT_SCALE, 1, baseline)) {
            return size.width();
        }
    }
}
