package dev.viewpair.recipes.cli;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.run.ContactSheet;
import dev.viewpair.recipes.validate.RecipeLoader;
import dev.viewpair.views.Modality;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code viewpair preview} on a generated audio-visual dataset: the sheet's layout, its pictures, its errors. */
class PreviewCommandTest {
    /** The row whose image file is broken. */
    private static final int BROKEN_ROW = 3;
    private static final double[] MEAN = {0.5, 0.4, 0.3};
    private static final double[] STD = {0.2, 0.25, 0.3};

    @TempDir
    static Path dir;
    static Path manifest;
    static Path recipe;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static Path writeRecipe(String name, String dataset) throws Exception {
        var file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                seed: 4
                dataset: %s
                views:
                  center: {from: image, ops: [center_crop: {size: 32}, normalize: {mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3]}]}
                  crop: {from: image, ops: [random_resized_crop: {size: 24, scale: [0.4, 1]}, hflip, normalize]}
                  sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}
                encoders:
                  image: {type: conv, widths: [8], dim: 8, views: [center, crop]}
                  audio: {type: conv, widths: [8], dim: 8, views: [sound]}
                pairs:
                  - {views: [center, sound], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 4}
                """.formatted(name, dataset));
        return file;
    }

    @BeforeAll
    static void makeData() throws Exception {
        manifest = SynthAv.generate(dir.resolve("data"), 16, 7, 2, x -> {});
        var broken = Files.readAllLines(manifest).get(1 + BROKEN_ROW).split(",")[1];
        Files.writeString(manifest.getParent().resolve(broken), "not an image");
        recipe = writeRecipe("sheet", "{type: manifest, path: " + manifest + "}");
    }

    @Test
    void sheetHasOneRowPerSampleOneColumnPerViewAndShowsTheViews() throws Exception {
        var png = dir.resolve("out/views.png");
        var r = run("preview", recipe.toString(), "--out", png.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("8 samples × 3 views"), r.out());
        assertTrue(r.out().contains("1 of 8 samples unreadable"), r.out());
        var sheet = imread(png.toString());
        assertFalse(sheet.empty());

        // the spectrogram's shape, from the views themselves: 16 mel bins × some frames
        var loaded = new RecipeLoader().load(recipe);
        var sound = new DecodedViews(ViewSet.build(List.copyOf(loaded.views().values()), OpCatalog.standard(), 4),
                loaded.audio().sampleRate()).views(ManifestSource.open(manifest).get(0), 0).get("sound");
        int soundWidth = Math.round(sound.shape()[2] * 96f / sound.shape()[1]);
        int cell = ContactSheet.CELL_HEIGHT;
        int gap = ContactSheet.GAP;
        assertEquals(ContactSheet.LABEL_WIDTH + (cell + gap) + (cell + gap) + (soundWidth + gap), sheet.cols());
        assertEquals(ContactSheet.HEADER_HEIGHT + 8 * (cell + gap), sheet.rows());

        // row 0, column "center": the source image's central 32×32, de-normalized, three times enlarged
        var first = ManifestSource.open(manifest).get(0);
        var source = imdecode(new Mat(new BytePointer(first.media().get(Modality.IMAGE).bytes())), IMREAD_COLOR);
        var centre = source.apply(new Rect((source.cols() - 32) / 2, (source.rows() - 32) / 2, 32, 32));
        var tile = sheet.apply(new Rect(ContactSheet.LABEL_WIDTH, ContactSheet.HEADER_HEIGHT, cell, cell));
        double[] want = meanAndStd(centre)[0];
        double[][] got = meanAndStd(tile);
        for (int c = 0; c < 3; c++) {
            assertEquals(want[c], got[0][c], 2.0, "channel " + c + " of the de-normalized centre crop");
        }
        assertTrue(got[1][0] + got[1][1] + got[1][2] > 15, "the tile shows a picture, not a flat colour");

        // the spectrogram tile is not flat either
        int soundX = ContactSheet.LABEL_WIDTH + 2 * (cell + gap);
        var spec = meanAndStd(sheet.apply(new Rect(soundX, ContactSheet.HEADER_HEIGHT, soundWidth, cell)));
        assertTrue(spec[1][0] + spec[1][1] + spec[1][2] > 15);

        // the broken sample's row is grey: its corner pixel is the placeholder's grey in every column
        int brokenY = ContactSheet.HEADER_HEIGHT + BROKEN_ROW * (cell + gap);
        for (int x : new int[] {ContactSheet.LABEL_WIDTH, ContactSheet.LABEL_WIDTH + cell + gap, soundX}) {
            var corner = meanAndStd(sheet.apply(new Rect(x + 1, brokenY + 1, 4, 4)));
            assertEquals(160, corner[0][0], 1e-9);
            assertEquals(0, corner[1][0], 1e-9);
        }
    }

    @Test
    void windowsKeptApartKeepTheirGapInRealFilesAndPreview() throws Exception {
        var file = dir.resolve("apart.yaml");
        Files.writeString(file, """
                name: apart
                seed: 4
                dataset: {type: manifest, path: %s}
                views:
                  a: {from: audio, ops: [clip: {seconds: 0.5, jitter: 0.75}]}
                  b: {from: audio, ops: [clip: {seconds: 0.5, jitter: 0.75, apart_from: a, min_gap: 0.2}]}
                  whole: {from: audio, ops: [gain: {db: 0}]}
                encoders:
                  audio: {type: mlp, dim: 8, views: [a, b]}
                pairs:
                  - {views: [a, b], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 4}
                """.formatted(manifest));
        var loaded = new RecipeLoader().load(file);
        var views = new DecodedViews(ViewSet.build(List.copyOf(loaded.views().values()), OpCatalog.standard(), 4),
                loaded.audio().sampleRate());
        var source = ManifestSource.open(manifest);
        int rate = loaded.audio().sampleRate();
        for (int i = 0; i < 8; i++) {
            for (int epoch = 0; epoch < 3; epoch++) {
                var out = views.views(source.get(i), epoch);
                float[] whole = out.get("whole").data();
                int a = indexOf(whole, out.get("a").data());
                int b = indexOf(whole, out.get("b").data());
                assertTrue(a >= 0 && b >= 0, "both windows lie inside the sound of sample " + i);
                // 0.2 s between two 0.5 s windows: starts at least 0.7 s apart, to the sample
                assertTrue(Math.abs(a - b) >= 0.7 * rate - 1, "sample " + i + ": starts " + a + " and " + b);
            }
        }
        var png = dir.resolve("apart.png");
        var r = run("preview", file.toString(), "--out", png.toString(), "--samples", "3");
        assertEquals(0, r.exit(), r.err());
    }

    /** Where {@code part} first occurs in {@code whole}, or -1. */
    private static int indexOf(float[] whole, float[] part) {
        for (int i = 0; i + part.length <= whole.length; i++) {
            if (java.util.Arrays.equals(whole, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theSameCommandWritesTheSameBytesAndAnotherEpochOtherViews() throws Exception {
        var a = dir.resolve("a.png");
        var b = dir.resolve("b.png");
        var c = dir.resolve("c.png");
        assertEquals(0, run("preview", recipe.toString(), "--out", a.toString(), "--samples", "3").exit());
        assertEquals(0, run("preview", recipe.toString(), "--out", b.toString(), "--samples", "3").exit());
        assertEquals(0, run("preview", recipe.toString(), "--out", c.toString(), "--samples", "3", "--epoch", "5").exit());
        assertEquals(-1, Files.mismatch(a, b), "preview is deterministic");
        assertTrue(Files.mismatch(a, c) >= 0, "another epoch draws other random crops");
        assertEquals(ContactSheet.HEADER_HEIGHT + 3 * (ContactSheet.CELL_HEIGHT + ContactSheet.GAP), imread(a.toString()).rows());
    }

    @Test
    void mistakesAreUserErrors() throws Exception {
        var png = dir.resolve("never.png").toString();
        var noTest = run("preview", recipe.toString(), "--out", png, "--split", "test");
        assertEquals(Main.USER_ERROR, noTest.exit());
        assertTrue(noTest.err().contains("no test split"), noTest.err());

        var missing = writeRecipe("missing", "{type: manifest, path: " + dir.resolve("nowhere.csv") + "}");
        var r = run("preview", missing.toString(), "--out", png);
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());

        var bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(recipe).replace("center_crop", "centre_crop"));
        var invalid = run("preview", bad.toString(), "--out", png);
        assertEquals(Main.USER_ERROR, invalid.exit());
        assertTrue(invalid.err().contains(bad + ":5:"), invalid.err());
        assertFalse(invalid.err().contains("Exception"), invalid.err());

        assertEquals(Main.USER_ERROR, run("preview", recipe.toString(), "--samples", "0").exit());
        assertFalse(Files.exists(Path.of(png)));
    }

    /** Per-channel mean and standard deviation of an 8-bit BGR image. */
    private static double[][] meanAndStd(Mat image) {
        try (var mean = new Mat(); var std = new Mat()) {
            meanStdDev(image, mean, std);
            var m = new double[3];
            var s = new double[3];
            var mi = mean.<org.bytedeco.javacpp.indexer.DoubleIndexer>createIndexer();
            var si = std.<org.bytedeco.javacpp.indexer.DoubleIndexer>createIndexer();
            for (int c = 0; c < 3; c++) {
                m[c] = mi.get(c, 0);
                s[c] = si.get(c, 0);
            }
            return new double[][] {m, s};
        }
    }
}
