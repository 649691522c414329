package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Single tiles of the contact sheet, on tensors whose picture is known. */
class PreviewTilesTest {
    private static int[] bgr(Mat tile, int y, int x) {
        UByteIndexer ix = tile.createIndexer();
        return new int[] {ix.get(y, x, 0), ix.get(y, x, 1), ix.get(y, x, 2)};
    }

    @Test
    void aFrameStackShowsItsFramesSideBySideInRgb() {
        // two 8×4 frames: pure red, then pure blue (CHW, channels r g b r g b)
        int h = 8;
        int w = 4;
        var data = new float[6 * h * w];
        java.util.Arrays.fill(data, 0, h * w, 1f); // frame 0, red
        java.util.Arrays.fill(data, 5 * h * w, 6 * h * w, 1f); // frame 1, blue
        var spec = new ViewSpec("clip", Modality.VIDEO, List.of(OpSpec.of("frames")));
        var tile = ContactSheet.tile(OpCatalog.standard(), spec, new ViewTensor(data, new int[] {6, h, w}));

        int frameWidth = ContactSheet.CELL_HEIGHT * w / h;
        assertEquals(ContactSheet.CELL_HEIGHT, tile.rows());
        assertEquals(2 * frameWidth + ContactSheet.FRAME_GAP, tile.cols());
        assertArrayEquals(new int[] {0, 0, 255}, bgr(tile, 50, 10));
        assertArrayEquals(new int[] {255, 255, 255}, bgr(tile, 50, frameWidth)); // the gap
        assertArrayEquals(new int[] {255, 0, 0}, bgr(tile, 50, frameWidth + ContactSheet.FRAME_GAP + 10));
    }

    @Test
    void normalizeIsUndoneWithTheViewsOwnStatistics() {
        // (x - mean) / std = 0 everywhere: the picture is the mean colour
        var spec = new ViewSpec("img", Modality.IMAGE, List.of(OpSpec.of("hflip"),
                new OpSpec("normalize", Map.of("mean", List.of(0.2, 0.6, 1.0), "std", 0.5))));
        var tile = ContactSheet.tile(OpCatalog.standard(), spec, new ViewTensor(new float[3 * 4 * 4], new int[] {3, 4, 4}));
        assertArrayEquals(new int[] {255, 153, 51}, bgr(tile, 40, 40));
        assertEquals(ContactSheet.CELL_HEIGHT, tile.cols());

        // without normalize, values are clipped to [0, 1]
        var plain = new ViewSpec("img", Modality.IMAGE, List.of(OpSpec.of("hflip")));
        var values = new float[3 * 4 * 4];
        java.util.Arrays.fill(values, 0, 16, 2f);
        java.util.Arrays.fill(values, 16, 32, -1f);
        java.util.Arrays.fill(values, 32, 48, 0.5f);
        assertArrayEquals(new int[] {128, 0, 255}, bgr(ContactSheet.tile(OpCatalog.standard(), plain, new ViewTensor(values, new int[] {3, 4, 4})), 5, 5));
    }

    @Test
    void aSpectrogramHasLowFrequenciesAtTheBottomInViridis() {
        // 4 bins × 2 frames: bin 0 (lowest) loud, the rest silent
        var data = new float[] {3, 3, -7, -7, -7, -7, -7, -7};
        var spec = new ViewSpec("sound", Modality.AUDIO, List.of(OpSpec.of("log_mel")));
        var tile = ContactSheet.tile(OpCatalog.standard(), spec, new ViewTensor(data, new int[] {1, 4, 2}));
        assertEquals(ContactSheet.CELL_HEIGHT / 2, tile.cols());
        int[] bottom = bgr(tile, ContactSheet.CELL_HEIGHT - 1, 0);
        int[] top = bgr(tile, 0, 0);
        // viridis runs from dark purple (low) to yellow (high)
        assertTrue(bottom[2] > 200 && bottom[1] > 200 && bottom[0] < 80, java.util.Arrays.toString(bottom));
        assertTrue(top[2] < 100 && top[1] < 30 && top[0] > top[1], java.util.Arrays.toString(top));
    }

    @Test
    void longSpectrogramsAreSqueezedToTheWidestTile() {
        assertEquals(ContactSheet.MAX_SPECTROGRAM_WIDTH, ContactSheet.scaledWidth(16, 1000, ContactSheet.MAX_SPECTROGRAM_WIDTH));
        assertEquals(192, ContactSheet.scaledWidth(16, 32, ContactSheet.MAX_SPECTROGRAM_WIDTH));
    }
}
