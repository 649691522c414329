package dev.viewpair.recipes.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's PNG plots, drawn from the step records of {@code metrics.jsonl}: every pair's MI estimate
 * against its log K ceiling (where the bound has one), the loss, the learning rate, and every pair's alignment and uniformity,
 * each against the step.
 */
public final class Plots {
    private static final java.awt.BasicStroke DASHED = new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Plots() {}

    /**
     * Writes {@code mi.png}, {@code loss.png}, {@code lr.png} and {@code geometry.png} into the folder;
     * returns their paths.
     */
    public static List<Path> write(List<Map<String, Object>> records, Path folder) throws IOException {
        var steps = records.stream().filter(r -> "step".equals(r.get("type"))).toList();
        if (steps.isEmpty()) {
            return List.of();
        }
        var x = new ArrayList<Double>();
        var loss = new ArrayList<Double>();
        var lr = new ArrayList<Double>();
        var nats = new LinkedHashMap<String, List<Double>>();
        var ceilings = new LinkedHashMap<String, Double>();
        var alignment = new LinkedHashMap<String, List<Double>>();
        var uniformity = new LinkedHashMap<String, List<Double>>();
        var geometrySteps = new LinkedHashMap<String, List<Double>>();
        for (var r : steps) {
            x.add(num(r.get("step")));
            loss.add(num(r.get("loss")));
            lr.add(num(r.get("lr")));
            @SuppressWarnings("unchecked")
            var pairs = (Map<String, Map<String, Object>>) r.get("pairs");
            for (var e : pairs.entrySet()) {
                nats.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(num(e.getValue().get("nats")));
                ceilings.put(e.getKey(), num(e.getValue().get("log_k")));
                if (e.getValue().get("alignment") != null && e.getValue().get("uniformity") != null) {
                    geometrySteps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(num(r.get("step")));
                    alignment.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(num(e.getValue().get("alignment")));
                    uniformity.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(num(e.getValue().get("uniformity")));
                }
            }
        }
        var out = new ArrayList<Path>();

        double last = x.get(x.size() - 1);
        var mi = chart("MI estimate per pair (nats) and its log K ceiling", "nats", last);
        for (var e : nats.entrySet()) {
            var s = mi.addSeries(e.getKey(), x, smooth(e.getValue()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colorOf(mi, mi.getSeriesMap().size() / 2));
            double top = ceilings.get(e.getKey());
            if (Double.isFinite(top)) { // NWJ, DV, MINE and the upper bounds have no log K ceiling to draw
                var ceiling = mi.addSeries(e.getKey() + " log K", List.of(x.get(0), x.get(x.size() - 1)),
                        List.of(top, top));
                ceiling.setMarker(SeriesMarkers.NONE);
                ceiling.setLineColor(s.getLineColor());
                ceiling.setLineStyle(DASHED);
            }
        }
        out.add(save(mi, folder.resolve("mi.png")));

        var lossChart = chart("Loss", "loss", last);
        lossChart.addSeries("loss", x, smooth(loss)).setMarker(SeriesMarkers.NONE);
        out.add(save(lossChart, folder.resolve("loss.png")));

        var lrChart = chart("Learning rate", "lr", last);
        lrChart.addSeries("lr", x, lr).setMarker(SeriesMarkers.NONE);
        out.add(save(lrChart, folder.resolve("lr.png")));

        if (!alignment.isEmpty()) {
            var geometry = chart("Alignment (solid, 0 = aligned) and uniformity of view A (dashed, lower = more spread)",
                    "on the unit sphere", last);
            for (var pair : alignment.keySet()) {
                var xs = geometrySteps.get(pair);
                var a = geometry.addSeries(pair + " alignment", xs, smooth(alignment.get(pair)));
                a.setMarker(SeriesMarkers.NONE);
                a.setLineColor(colorOf(geometry, geometry.getSeriesMap().size() / 2));
                var u = geometry.addSeries(pair + " uniformity", xs, smooth(uniformity.get(pair)));
                u.setMarker(SeriesMarkers.NONE);
                u.setLineColor(a.getLineColor());
                u.setLineStyle(DASHED);
            }
            out.add(save(geometry, folder.resolve("geometry.png")));
        }
        return out;
    }

    /** Labels drawn in their own colour on a map at most; the rarer ones share one series, "other". */
    static final int MAP_LABELS = 20;

    /**
     * Writes a 2-D map (such as a t-SNE) as a scatter plot, one colour per label.
     *
     * @param points one (x, y) per point
     * @param labels one label per point
     * @return the file written
     */
    static Path map(Path file, double[][] points, List<String> labels, String title) throws IOException {
        var counts = new java.util.TreeMap<String, Integer>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        var shown = counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(MAP_LABELS)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        var xs = new LinkedHashMap<String, List<Double>>();
        var ys = new LinkedHashMap<String, List<Double>>();
        shown.forEach(l -> {
            xs.put(l, new ArrayList<>());
            ys.put(l, new ArrayList<>());
        });
        for (int i = 0; i < points.length; i++) {
            var series = shown.contains(labels.get(i)) ? labels.get(i) : "other";
            xs.computeIfAbsent(series, k -> new ArrayList<>()).add(points[i][0]);
            ys.computeIfAbsent(series, k -> new ArrayList<>()).add(points[i][1]);
        }
        var c = new XYChartBuilder().width(800).height(700).title(title).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setAxisTicksVisible(false);
        for (var series : xs.keySet()) {
            c.addSeries(series, xs.get(series), ys.get(series)).setMarker(SeriesMarkers.CIRCLE);
        }
        return save(c, file);
    }

    /** A chart against the step, whose records end at step {@code last}. */
    private static XYChart chart(String title, String yTitle, double last) {
        var c = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle(yTitle).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        // whole steps without thousands separators, at round steps (1, 2 or 5 × 10^k) at least 110 px apart. XChart
        // labels x values that are all equally spaced (a run's steps) only at data points, every k-th, as close as
        // 1.1 label widths (17638 26457 35276 … running together) and ignoring the spacing hint; an axis that ends
        // half a step after the last step is not equally spaced, and gets round ticks spaced by the hint
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setXAxisTickMarkSpacingHint(110);
        c.getStyler().setXAxisMax(last + 0.5);
        return c;
    }

    /**
     * The theme's i-th series color. Set explicitly on a solid line so that its dashed companion can
     * take the same color: the chart only assigns default colors when it draws.
     */
    private static java.awt.Color colorOf(XYChart chart, int i) {
        var palette = chart.getStyler().getSeriesColors();
        return palette[i % palette.length];
    }

    /** Writes the chart as a PNG, replacing the file whole ({@link FileSwap}): a page reloading shows a whole plot. */
    private static Path save(XYChart chart, Path file) throws IOException {
        return FileSwap.replace(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A trailing moving average over about 2% of the run, so noisy per-step estimates stay readable. */
    static List<Double> smooth(List<Double> ys) {
        int w = Math.max(1, ys.size() / 50);
        var out = new ArrayList<Double>(ys.size());
        double sum = 0;
        for (int i = 0; i < ys.size(); i++) {
            sum += ys.get(i);
            if (i >= w) {
                sum -= ys.get(i - w);
            }
            out.add(sum / Math.min(i + 1, w));
        }
        return out;
    }

    private static double num(Object o) {
        return MetricsLog.number(o);
    }
}
