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
}
