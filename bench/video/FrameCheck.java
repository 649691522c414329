import dev.viewpair.views.video.io.Video;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.indexer.UByteIndexer;

/**
 * For each time given, the mean of the 32×32 RGB frame viewpair's video reader shows then (0–255, the frame op's
 * pixels before scaling to [0, 1]) and the mean absolute value of its 0.5 s mono 16 kHz sound window from then:
 * the same lines as {@code pyav_bench.py check}, to compare the two sides' decoding.
 *
 * <p>Arguments: the video file, then times in seconds.
 */
public final class FrameCheck {
    public static void main(String[] args) {
        try (var video = Video.open(Path.of(args[0]))) {
            for (int a = 1; a < args.length; a++) {
                double t = Double.parseDouble(args[a]);
                double sum = 0;
                long n = 0;
                try (var frame = video.frameAt(t, 32, 32); UByteIndexer pixels = frame.createIndexer()) {
                    for (int y = 0; y < frame.rows(); y++) {
                        for (int x = 0; x < frame.cols(); x++) {
                            for (int c = 0; c < frame.channels(); c++) {
                                sum += pixels.get(y, x, c);
                                n++;
                            }
                        }
                    }
                }
                double abs = 0;
                float[] sound = video.audioWindow(t, 0.5, 16_000).samples();
                for (float s : sound) {
                    abs += Math.abs(s);
                }
                System.out.printf(Locale.ROOT, "%.4f %.4f %.6f%n", t, sum / n, abs / sound.length);
            }
        }
    }
}
