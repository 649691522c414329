package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void boundsWithoutACeilingAreDrawnWithoutOne() throws Exception {
        // an NWJ pair has no log K ceiling (+∞ in the step records) beside an InfoNCE pair that has one
        var records = new ArrayList<Map<String, Object>>();
        for (int step = 0; step < 30; step++) {
            records.add(Map.of("type", "step", "step", step, "loss", -0.1 * step, "lr", 1e-3,
                    "pairs", Map.of(
                            "a-b", Map.of("nats", 0.05 * step, "log_k", Math.log(16)),
                            "a-c", Map.of("nats", 0.02 * step, "log_k", Double.POSITIVE_INFINITY))));
        }
        var plots = Plots.write(records, dir);
        assertEquals(List.of("mi.png", "loss.png", "lr.png"), plots.stream().map(p -> p.getFileName().toString()).toList());
        for (var plot : plots) {
            assertTrue(ImageIO.read(plot.toFile()).getWidth() > 100, plot + " is a readable PNG");
        }
    }

    @Test
    void mapsDrawOneSeriesPerLabelAndGroupTheRarest() throws Exception {
        int n = 25 * 10 + 5;
        double[][] points = new double[n][2];
        var labels = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            points[i][0] = Math.cos(i);
            points[i][1] = Math.sin(i);
            labels.add(i < 250 ? "c" + i % 25 : "rare");
        }
        var file = Plots.map(dir.resolve("tsne.png"), points, labels, "a map");
        assertTrue(Files.size(file) > 0 && ImageIO.read(file.toFile()).getHeight() > 100);
    }

    /**
     * The step axis's labels stand apart, whatever the run's length: read from the pixels of loss.png and lr.png, the
     * row of tick labels holds separate labels (runs of dark columns) with at least 20 px between two.
     */
    @Test
    void stepLabelsStandApart() throws Exception {
        for (int steps : new int[] {24, 1337, 28_000, 123_457}) {
            var records = new ArrayList<Map<String, Object>>();
            for (int step = 0; step < steps; step++) {
                records.add(Map.of("type", "step", "step", step, "loss", -Math.log1p(step), "lr", 3e-3 * Math.cos(step / (double) steps),
                        "pairs", Map.of("a-b", Map.of("nats", Math.log1p(step), "log_k", 4.0))));
            }
            var folder = Files.createDirectories(dir.resolve("n" + steps));
            Plots.write(records, folder);
            for (var name : List.of("loss.png", "lr.png")) {
                var labels = stepLabels(ImageIO.read(folder.resolve(name).toFile()));
                var where = steps + " steps, " + name + ": labels at columns "
                        + labels.stream().map(l -> l[0] + "–" + l[1]).toList();
                assertTrue(labels.size() >= 4 && labels.size() <= 12, where);
                for (int i = 1; i < labels.size(); i++) {
                    assertTrue(labels.get(i)[0] - labels.get(i - 1)[1] >= 20, where);
                }
            }
        }
    }

    /**
     * The step axis's tick labels as [first, last] dark columns of each: the bottom of the image holds, from the
     * bottom up, bands of rows with dark pixels: the axis title ("step"), then the tick labels; a label is a run of
     * columns with dark pixels in that band, letters less than 8 px apart.
     */
    private static List<int[]> stepLabels(java.awt.image.BufferedImage image) {
        var bands = new ArrayList<int[]>();
        int end = -1;
        for (int y = image.getHeight() - 1; y >= image.getHeight() / 2 && bands.size() < 2; y--) {
            boolean dark = false;
            for (int x = 0; x < image.getWidth() && !dark; x++) {
                dark = dark(image, x, y);
            }
            if (dark && end < 0) {
                end = y;
            } else if (!dark && end >= 0) {
                bands.add(new int[] {y + 1, end});
                end = -1;
            }
        }
        var band = bands.get(1);
        var labels = new ArrayList<int[]>();
        int lastDark = -100;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean dark = false;
            for (int y = band[0]; y <= band[1] && !dark; y++) {
                dark = dark(image, x, y);
            }
            if (dark) {
                if (x - lastDark >= 8) {
                    labels.add(new int[] {x, x});
                }
                labels.get(labels.size() - 1)[1] = x;
                lastDark = x;
            }
        }
        return labels;
    }

    private static boolean dark(java.awt.image.BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return ((p >> 16 & 255) + (p >> 8 & 255) + (p & 255)) / 3 < 110;
    }
}
