package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static dev.viewpair.views.image.TestImages.pixel;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {
    @Test
    void anRoiBecomesChwScaledToUnits() {
        var image = photo(50, 70);
        var roi = new Mat(image, new Rect(9, 5, 20, 12));
        assertFalse(roi.isContinuous());
        var t = ImageTensors.toChw(roi);
        assertArrayEquals(new int[] {3, 12, 20}, t.shape());
        for (int[] at : new int[][] {{0, 0}, {11, 19}, {6, 3}}) {
            int[] rgb = pixel(image, 5 + at[0], 9 + at[1]);
            for (int c = 0; c < 3; c++) {
                assertEquals(rgb[c] / 255f, t.data()[c * 12 * 20 + at[0] * 20 + at[1]], 1e-6);
            }
        }
    }

    @Test
    void oneChannelAndFloatImages() {
        var gray = new Mat(3, 4, CV_8UC1, new Scalar(51));
        var t = ImageTensors.toChw(gray);
        assertArrayEquals(new int[] {1, 3, 4}, t.shape());
        assertEquals(0.2f, t.data()[11], 1e-6);

        var f = new Mat(2, 2, CV_32FC3, new Scalar(-1.5, 0.25, 3, 0));
        try (FloatIndexer px = f.createIndexer()) {
            px.put(1, 0, 2, 7f);
        }
        var u = ImageTensors.toChw(f);
        assertArrayEquals(new float[] {-1.5f, -1.5f, -1.5f, -1.5f, 0.25f, 0.25f, 0.25f, 0.25f, 3, 3, 7, 3}, u.data());
    }

    @Test
    void otherDepthsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ImageTensors.toChw(new Mat(2, 2, CV_16UC3)));
        assertEquals("an image view must end 8-bit or float, got CV_16UC3", e.getMessage());
    }
}
