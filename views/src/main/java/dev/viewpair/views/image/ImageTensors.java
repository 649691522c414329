package dev.viewpair.views.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.split;

import dev.viewpair.views.ViewTensor;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/** Turns an image {@code Mat} (HWC) into a CHW float {@link ViewTensor}: 8-bit scaled to [0, 1], float as is. */
public final class ImageTensors {
    private ImageTensors() {}

    /**
     * Copies an 8-bit or float image of any channel count into a new CHW tensor. The image may be an ROI
     * (not continuous): splitting copies each channel into a continuous plane, so each plane reaches the
     * Java array in one bulk copy.
     */
    public static ViewTensor toChw(Mat image) {
        int h = image.rows();
        int w = image.cols();
        int c = image.channels();
        double scale = switch (image.depth()) {
            case CV_8U -> 1.0 / 255.0;
            case CV_32F -> 1.0;
            default -> throw new IllegalArgumentException("an image view must end 8-bit or float, got " + Images.describe(image));
        };
        var out = new float[c * h * w];
        try (var planes = new MatVector()) {
            split(image, planes);
            for (int ch = 0; ch < c; ch++) {
                try (var plane = planes.get(ch); var f = new Mat()) {
                    plane.convertTo(f, CV_32F, scale, 0);
                    FloatBuffer buf = f.createBuffer();
                    buf.get(out, ch * h * w, h * w);
                }
            }
        }
        return new ViewTensor(out, new int[] {c, h, w});
    }
}
