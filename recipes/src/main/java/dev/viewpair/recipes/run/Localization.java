package dev.viewpair.recipes.run;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLORMAP_VIRIDIS;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.applyColorMap;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.Inference;
import dev.viewpair.encoders.train.LocalScores;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.ViewTensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Where a local–global pair's critic finds its match: for the first test samples, each position of the local side's
 * feature map scored against the same sample's global vector, drawn over the local view ({@code
 * localization-PAIR.png}). For a frame's second stage against the sound's embedding this is the heat map of "Objects
 * that Sound" (Arandjelović &amp; Zisserman 2018): where in the picture the sound is.
 */
final class Localization {
    /** How many test samples a picture shows. */
    static final int SAMPLES = 8;

    private Localization() {}

    /** The file of a pair's picture in {@code folder}. */
    static Path file(Path folder, String pair) {
        return folder.resolve("localization-" + pair + ".png");
    }

    /**
     * The pictures of every pair of a stage and a global layer whose local side is an image or frame view, for the
     * first {@link #SAMPLES} samples of {@code split}; the files written.
     */
    static List<Path> drawAll(Families families, Recipe recipe, Inference model, Source split, Path folder)
            throws IOException {
        var written = new ArrayList<Path>();
        for (var pair : recipe.pairs()) {
            boolean localA = pair.layerA().startsWith(EncoderLayer.STAGE);
            boolean localB = pair.layerB().startsWith(EncoderLayer.STAGE);
            if (localA == localB) {
                continue;
            }
            String localView = localA ? pair.viewA() : pair.viewB();
            String globalView = localA ? pair.viewB() : pair.viewA();
            var ids = new ArrayList<String>();
            var labels = new ArrayList<String>();
            var batches = LoaderBatches.inOrder(families, recipe, head(split), pair.views(), bad -> { }, b -> {
                ids.addAll(b.ids());
                labels.addAll(b.labels());
            });
            if (!batches.hasNext()) {
                continue;
            }
            var batch = batches.next();
            while (batches.hasNext()) {
                batches.next(); // the loader's threads end with its last batch
            }
            LocalScores scores;
            try {
                scores = model.localScores(pair.name(), batch);
            } catch (IllegalArgumentException e) {
                continue; // a stage of an encoder whose stages are vectors (mlp)
            }
            var localShape = batch.shape(localView);
            if (scores.grid().dimension() != 2 || localShape.length != 4) {
                continue; // sequences and volumes have no picture to draw over
            }
            var tiles = new Mat[batch.size()][];
            var rowLabels = new String[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                var picture = ContactSheet.tile(families.ops(), ContactSheet.specOf(families.ops(), recipe, localView), tensor(batch.view(localView), localShape, i));
                var context = ContactSheet.tile(families.ops(), ContactSheet.specOf(families.ops(), recipe, globalView), tensor(batch.view(globalView),
                        batch.shape(globalView), i));
                var heat = heat(scores.scores()[i], (int) scores.grid().get(0), (int) scores.grid().get(1), picture.rows(),
                        frameWidth(picture, localShape));
                tiles[i] = new Mat[] {picture, context, heat, overlay(picture, heat, frames(localShape))};
                rowLabels[i] = new String[] {i < ids.size() ? ids.get(i) : "", i < labels.size() ? labels.get(i) : ""};
            }
            var names = List.of(localView, globalView, localA ? pair.layerA() : pair.layerB(), "overlay");
            var sheet = ContactSheet.compose(names, rowLabels, tiles);
            var file = file(folder, pair.name());
            if (!imwrite(file.toString(), sheet)) {
                throw new IOException("cannot write " + file);
            }
            written.add(file);
        }
        return written;
    }

    /** The first {@link #SAMPLES} samples of a split. */
    private static Source head(Source split) {
        return new Source() {
            @Override
            public long size() {
                return Math.min(SAMPLES, split.size());
            }

            @Override
            public Sample get(long i) {
                return split.get(i);
            }

            @Override
            public String describe() {
                return split.describe() + ", first " + size();
            }
        };
    }

    private static ViewTensor tensor(float[] values, long[] shape, int sample) {
        int[] one = Arrays.stream(shape).skip(1).mapToInt(Math::toIntExact).toArray();
        int size = Arrays.stream(one).reduce(1, (a, b) -> a * b);
        return new ViewTensor(Arrays.copyOfRange(values, sample * size, (sample + 1) * size), one);
    }

    /** How many frames a picture tile holds side by side: a frame stack's (3 channels each), else one. */
    private static int frames(long[] shape) {
        return shape[1] % 3 == 0 ? (int) shape[1] / 3 : 1;
    }

    /** The width of one frame of a picture tile. */
    private static int frameWidth(Mat picture, long[] shape) {
        int frames = frames(shape);
        return (picture.cols() - (frames - 1) * ContactSheet.FRAME_GAP) / frames;
    }

    /** The scores min–max scaled, in viridis, stretched to {@code height × width}. */
    private static Mat heat(float[] scores, int gridHeight, int gridWidth, int height, int width) {
        try (var grid = new Mat(gridHeight, gridWidth, CV_32FC1); var grey = new Mat(); var coloured = new Mat()) {
            FloatBuffer buf = grid.createBuffer();
            buf.put(scores);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float s : scores) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            double scale = max > min ? 255 / (double) (max - min) : 0;
            grid.convertTo(grey, CV_8U, scale, -min * scale);
            applyColorMap(grey, coloured, COLORMAP_VIRIDIS);
            var out = new Mat();
            resize(coloured, out, new Size(width, height), 0, 0, INTER_LINEAR);
            return out;
        }
    }

    /**
     * The heat map blended half and half over the mean of the picture's frames (what appears in any frame of a stack
     * shows, as the encoder sees all of them at once).
     */
    private static Mat overlay(Mat picture, Mat heat, int frames) {
        var mean = new Mat();
        for (int f = 0; f < frames; f++) {
            try (var frame = picture.apply(new Rect(f * (heat.cols() + ContactSheet.FRAME_GAP), 0, heat.cols(), heat.rows()))) {
                if (f == 0) {
                    frame.copyTo(mean);
                } else {
                    // running mean: after f + 1 frames, f / (f + 1) of the old and 1 / (f + 1) of the new
                    addWeighted(mean, f / (f + 1.0), frame, 1 / (f + 1.0), 0, mean);
                }
            }
        }
        var out = new Mat();
        addWeighted(mean, 0.5, heat, 0.5, 0, out);
        mean.close();
        return out;
    }
}
