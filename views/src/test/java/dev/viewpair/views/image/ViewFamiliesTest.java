package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/** View families: multi_crop, lab_split and patch_grid, one declared view making several member views. */
class ViewFamiliesTest {
    private static final OpCatalog CATALOG = OpCatalog.standard();
    private static final Mat PHOTO = photo(120, 160);

    private static Map<String, ViewTensor> views(ViewSpec spec, Mat image, long seed, String sample) {
        return ViewSet.build(List.of(spec), CATALOG, seed).apply(Map.of(Modality.IMAGE, image), 0, sample);
    }

    private static ViewSpec crops(Map<String, Object> params, OpSpec... after) {
        var ops = new ArrayList<OpSpec>();
        ops.add(new OpSpec("multi_crop", params));
        ops.addAll(List.of(after));
        return new ViewSpec("crops", Modality.IMAGE, ops);
    }

    @Test
    void multiCropMakesGlobalAndLocalMembersOfTheirSizesEachWithItsOwnStream() {
        var spec = crops(Map.of("global", 2, "global_size", 32, "local", 4, "local_size", 16),
                OpSpec.of("hflip"), new OpSpec("color_jitter", Map.of("p", 0.8)), OpSpec.of("normalize"));
        var chain = ViewChain.build(spec, CATALOG);
        assertEquals(List.of("crops.global0", "crops.global1", "crops.local0", "crops.local1", "crops.local2", "crops.local3"),
                chain.members());
        assertEquals(List.of("crops", "crops.global", "crops.local"), List.copyOf(chain.groups().keySet()));
        assertEquals(List.of("crops.local0", "crops.local1", "crops.local2", "crops.local3"), chain.groups().get("crops.local"));
        var made = views(spec, PHOTO, 7, "s1");
        assertEquals(chain.members(), List.copyOf(made.keySet()));
        for (var e : made.entrySet()) {
            int side = e.getKey().contains("global") ? 32 : 16;
            assertArrayEquals(new int[] {3, side, side}, e.getValue().shape(), e.getKey());
        }
        assertEquals(made, views(spec, PHOTO, 7, "s1"), "same seed, same views");
        assertNotEquals(made, views(spec, PHOTO, 8, "s1"), "another seed, other views");
        var tensors = List.copyOf(made.values());
        for (int i = 0; i < tensors.size(); i++) {
            for (int j = i + 1; j < tensors.size(); j++) {
                assertNotEquals(tensors.get(i), tensors.get(j), "members " + i + " and " + j + " differ");
            }
        }
        assertThrows(IllegalStateException.class, () -> chain.apply(PHOTO, null), "a family view has no single tensor");
    }

    @Test
    void aSubsetOfMembersComesOutAsInTheWholeSet() {
        var spec = crops(Map.of("global", 2, "global_size", 24, "local", 3, "local_size", 12), new OpSpec("color_jitter", Map.of()));
        var all = views(spec, PHOTO, 3, "s");
        var some = ViewSet.build(List.of(spec), CATALOG, 3, List.of("crops.local1", "crops.global0"))
                .apply(Map.of(Modality.IMAGE, PHOTO), 0, "s");
        assertEquals(List.of("crops.global0", "crops.local1"), List.copyOf(some.keySet()));
        assertEquals(all.get("crops.global0"), some.get("crops.global0"));
        assertEquals(all.get("crops.local1"), some.get("crops.local1"));
        var e = assertThrows(IllegalArgumentException.class, () -> ViewSet.build(List.of(spec), CATALOG, 3, List.of("crops.local9")));
        assertTrue(e.getMessage().contains("crops.local9"), e.getMessage());
    }

    /** An image whose red value is the column and green value the row, so a crop tells where it came from. */
    private static Mat coordinates(int side) {
        var m = new Mat(side, side, CV_8UC3);
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    px.put(y, x, 0, x);
                    px.put(y, x, 1, y);
                    px.put(y, x, 2, 0);
                }
            }
        }
        return m;
    }

    /** The fraction of the source a crop of the coordinate image covers, from the coordinates it holds. */
    private static double areaFraction(ViewTensor t, int side) {
        int plane = t.shape()[1] * t.shape()[2];
        double[] x = {Double.MAX_VALUE, -1};
        double[] y = {Double.MAX_VALUE, -1};
        for (int i = 0; i < plane; i++) {
            x[0] = Math.min(x[0], t.data()[i] * 255);
            x[1] = Math.max(x[1], t.data()[i] * 255);
            y[0] = Math.min(y[0], t.data()[plane + i] * 255);
            y[1] = Math.max(y[1], t.data()[plane + i] * 255);
        }
        return (x[1] - x[0] + 1) * (y[1] - y[0] + 1) / ((double) side * side);
    }

    @Test
    void localCropsCoverTheirScaleRangeAndGlobalCropsTheirs() {
        int side = 250;
        var image = coordinates(side);
        // nearest neighbour: every output pixel is a source pixel, so the crop's first and last rows and columns show
        var spec = crops(Map.of("global", 2, "global_size", 64, "local", 6, "local_size", 32, "interpolation", "nearest",
                "antialias", false));
        double globalSum = 0;
        double localSum = 0;
        for (int s = 0; s < 20; s++) {
            for (var e : views(spec, image, 11, "sample" + s).entrySet()) {
                double f = areaFraction(e.getValue(), side);
                if (e.getKey().contains("global")) {
                    // nearest sampling can miss up to w/64 + 1 pixels of a side; rounding the box adds a little
                    assertTrue(f >= 0.4 * 0.93 && f <= 1.0, e.getKey() + " covers " + f);
                    globalSum += f;
                } else {
                    assertTrue(f >= 0.05 * 0.85 && f <= 0.4 * 1.03, e.getKey() + " covers " + f);
                    localSum += f;
                }
            }
        }
        // uniform scale draws: means near 0.7 and 0.225
        assertEquals(0.7, globalSum / 40, 0.1);
        assertEquals(0.225, localSum / 120, 0.05);
    }

    /** sRGB 8-bit → CIE L*a*b* (D65), from the formulas, in double precision. */
    private static double[] lab(int r, int g, int b) {
        double[] c = {r / 255.0, g / 255.0, b / 255.0};
        for (int i = 0; i < 3; i++) {
            c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        double x = (0.412453 * c[0] + 0.357580 * c[1] + 0.180423 * c[2]) / 0.950456;
        double y = 0.212671 * c[0] + 0.715160 * c[1] + 0.072169 * c[2];
        double z = (0.019334 * c[0] + 0.119193 * c[1] + 0.950227 * c[2]) / 1.088754;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        double d = 6.0 / 29;
        return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4.0 / 29;
    }

    @Test
    void labSplitMatchesTheLabFormulasScaledToPlusMinusOne() {
        var spec = new ViewSpec("lab", Modality.IMAGE, List.of(OpSpec.of("lab_split")));
        var made = views(spec, PHOTO, 1, "s");
        assertEquals(List.of("lab.L", "lab.ab"), List.copyOf(made.keySet()));
        var l = made.get("lab.L");
        var ab = made.get("lab.ab");
        assertArrayEquals(new int[] {1, 120, 160}, l.shape());
        assertArrayEquals(new int[] {2, 120, 160}, ab.shape());
        int plane = 120 * 160;
        int[][] points = {{0, 0}, {60, 53}, {40, 100}, {119, 159}, {10, 150}, {90, 20}};
        for (var p : points) {
            int[] rgb = TestImages.pixel(PHOTO, p[0], p[1]);
            double[] expected = lab(rgb[0], rgb[1], rgb[2]);
            int i = p[0] * 160 + p[1];
            String at = "pixel " + p[0] + "," + p[1] + " rgb " + java.util.Arrays.toString(rgb);
            assertEquals(expected[0] / 50 - 1, l.data()[i], 2e-3, "L of " + at);
            assertEquals(2 * (expected[1] - LabSplit.A_MIN) / (LabSplit.A_MAX - LabSplit.A_MIN) - 1, ab.data()[i], 2e-3, "a of " + at);
            assertEquals(2 * (expected[2] - LabSplit.B_MIN) / (LabSplit.B_MAX - LabSplit.B_MIN) - 1, ab.data()[plane + i], 2e-3, "b of " + at);
        }
    }

    @Test
    void labSplitFollowedByAFlipFlipsBothMembersAlike() {
        var flipped = views(new ViewSpec("lab", Modality.IMAGE, List.of(OpSpec.of("lab_split"), new OpSpec("hflip", Map.of("p", 1.0)))),
                PHOTO, 1, "s");
        var plain = views(new ViewSpec("lab", Modality.IMAGE, List.of(OpSpec.of("lab_split"))), PHOTO, 1, "s");
        // column 0 of the flipped L is column 159 of the plain one
        assertEquals(plain.get("lab.L").data()[159], flipped.get("lab.L").data()[0]);
        assertEquals(plain.get("lab.ab").data()[120 * 160 + 159], flipped.get("lab.ab").data()[120 * 160]);
    }

    @Test
    void patchGridPatchesAreExactlyTheSourceRegionsOnACentredGrid() {
        var spec = new ViewSpec("grid", Modality.IMAGE, List.of(new OpSpec("patch_grid", Map.of("grid", 3, "patch", 20, "stride", 15))));
        var made = views(spec, PHOTO, 5, "s");
        assertEquals(9, made.size());
        assertEquals("grid.r0c0", made.keySet().iterator().next());
        // the grid spans 2·15 + 20 = 50 pixels, centred in 120 × 160: top 35, left 55
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                try (var rect = new Rect(55 + 15 * c, 35 + 15 * r, 20, 20); var region = new Mat(PHOTO, rect)) {
                    assertEquals(ImageTensors.toChw(region), made.get("grid.r" + r + "c" + c), "patch r" + r + "c" + c);
                }
            }
        }
    }

    @Test
    void patchGridScalesUpAnImageSmallerThanTheGrid() {
        var spec = new ViewSpec("grid", Modality.IMAGE, List.of(new OpSpec("patch_grid", Map.of("grid", 2, "patch", 40, "stride", 30))));
        var made = views(spec, photo(30, 50), 5, "s");
        assertEquals(List.of("grid.r0c0", "grid.r0c1", "grid.r1c0", "grid.r1c1"), List.copyOf(made.keySet()));
        made.values().forEach(t -> assertArrayEquals(new int[] {3, 40, 40}, t.shape()));
    }

    @Test
    void aFamilyOpTakesNoPAndAViewHoldsOne() {
        var p = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(new ViewSpec("lab", Modality.IMAGE,
                List.of(new OpSpec("lab_split", Map.of("p", 0.5)))), CATALOG));
        assertTrue(p.getMessage().contains("unknown parameter 'p' of op 'lab_split'"), p.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(new ViewSpec("v", Modality.IMAGE,
                List.of(OpSpec.of("multi_crop"), OpSpec.of("lab_split"))), CATALOG));
        assertTrue(twice.getMessage().contains("second family op"), twice.getMessage());
    }
}
