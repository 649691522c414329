package dev.viewpair.recipes.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one page that sums a run up from its summary — pairs, linear probe, retrieval,
 * warnings, time — with the plots (referenced by file name, so the page is read beside them in the
 * run folder) and the resolved recipe. No scripts, no external assets. While the run trains, the page shows its
 * progress instead of the summary and reloads itself ({@link #writeInProgress}). Either is written to a temporary file
 * and renamed into place ({@link FileSwap}), so a browser never reads half a page.
 */
final class HtmlReport {
    private HtmlReport() {}

    /**
     * Writes the page of a finished run.
     *
     * @param summary the map written to {@code summary.json}
     * @param recipeYaml the resolved recipe, shown verbatim
     * @param plots the plot files, in the order to show them (only their file names are used)
     * @param file where to write the page
     */
    @SuppressWarnings("unchecked")
    static void write(Map<String, Object> summary, String recipeYaml, List<Path> plots, Path file) throws IOException {
        var h = head("viewpair run: " + summary.get("recipe"), 0);
        var data = (Map<String, Object>) summary.get("data");
        h.append(String.format("<p>%d steps in %d epochs, %.1f s wall time; waiting for data %.0f%% of the time; "
                + "%d bad inputs skipped. Recipe SHA-256 <code>%s</code>.</p>%n",
                num(summary.get("steps")).longValue(), num(summary.get("epochs")).longValue(),
                MetricsLog.number(summary.get("wall_seconds")), 100 * MetricsLog.number(data.get("wait_fraction")),
                num(data.get("bad_inputs")).longValue(), escape(String.valueOf(summary.get("recipe_hash")))));

        warnings(h, "Warnings", (List<String>) summary.getOrDefault("warnings", List.of()));

        h.append("<h2>Pairs</h2>\n");
        var pairs = (Map<String, Map<String, Object>>) summary.get("pairs");
        table(h, List.of("pair", "bound", "final nats", "log K"), pairs.entrySet().stream().map(e -> List.of(
                e.getKey(), String.valueOf(e.getValue().get("bound")), fixed(e.getValue().get("final_nats"), 3),
                fixed(e.getValue().get("log_k"), 3))).toList());
        var eval = (Map<String, Object>) summary.get("eval");
        for (var kind : List.of("linear_probe", "knn")) {
            var scores = (Map<String, Map<String, Object>>) eval.getOrDefault(kind, Map.of());
            if (!scores.isEmpty()) {
                h.append(kind.equals("knn") ? "<h2>kNN (test accuracy)</h2>\n" : "<h2>Linear probe (test accuracy)</h2>\n");
                table(h, List.of("encoder", "trained", "random init"), scores.entrySet().stream().map(e -> List.of(
                        e.getKey(), fixed(e.getValue().get("trained"), 3), fixed(e.getValue().get("random_init"), 3)))
                        .toList());
                scores.values().stream().map(p -> p.get("protocol")).filter(java.util.Objects::nonNull).distinct()
                        .forEach(protocol -> h.append("<p>Protocol: ").append(escape(String.valueOf(protocol)))
                                .append("</p>\n"));
            }
        }
        var retrieval = (Map<String, Map<String, Object>>) eval.get("retrieval");
        if (!retrieval.isEmpty()) {
            h.append("<h2>Retrieval (test)</h2>\n");
            table(h, List.of("query->target", "R@1", "R@5", "R@10", "chance", "label@1", "label chance"),
                    retrieval.entrySet().stream().map(e -> List.of(e.getKey(), fixed(e.getValue().get("r1"), 3),
                            fixed(e.getValue().get("r5"), 3), fixed(e.getValue().get("r10"), 3),
                            fixed(1.0 / MetricsLog.number(e.getValue().get("queries")), 4),
                            fixed(e.getValue().get("label_r1"), 3), fixed(e.getValue().get("label_chance"), 3))).toList());
        }
        RunSummary.syncRows(eval).forEach((pair, offsets) -> {
            h.append("<h2>Sync: ").append(escape(pair)).append(", in sync against shifted (test)</h2>\n");
            table(h, List.of("offset", "accuracy", "95% interval", "trials", "samples", "design effect", "ties",
                            "ties counted ½", "ceiling"),
                    offsets.entrySet().stream().map(e -> List.of(e.getKey(), fixed(e.getValue().get("accuracy"), 3),
                            e.getValue().get("low") == null ? "-" : fixed(e.getValue().get("low"), 3) + " – "
                                    + fixed(e.getValue().get("high"), 3),
                            fixed(e.getValue().get("trials"), 0), fixed(e.getValue().get("samples"), 0),
                            fixed(e.getValue().get("design_effect"), 2), fixed(e.getValue().get("ties"), 0),
                            fixed(e.getValue().get("with_ties"), 3), fixed(e.getValue().get("ceiling"), 3))).toList());
            offsets.values().stream().findFirst().ifPresent(y -> h.append("<p>Chance 0.5. Accuracy and its 95 % interval"
                    + " leave ties out (ties told by ").append(escape(String.valueOf(y.get("ties_by")))).append(y.containsKey("design_effect")
                            ? "); the interval is Wilson's over the trials divided by the design effect: a sample's trials are"
                                    + " correlated, and count as fewer independent ones"
                            : "); the interval (older run) counts every trial as independent")
                    .append("; the ceiling is what a model that wins every other trial reaches with ties counted ½.</p>\n"));
        });
        plotsAndRecipe(h, plots, recipeYaml, file);
    }

    /**
     * Writes the page of a run still training (or stopped before its summary): how far it got, the warnings so far,
     * each pair's recent estimate, the plots so far and the recipe; it reloads itself every {@code refreshSeconds}.
     */
    static void writeInProgress(RunProgress p, String recipeYaml, List<Path> plots, int refreshSeconds, Path file)
            throws IOException {
        var h = head("viewpair run: " + p.recipe().name() + " (in progress)", refreshSeconds);
        h.append("<p><strong>In progress</strong> (no summary yet): ").append(escape(status(p))).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p>This page reloads itself every %d s; the final report replaces it after "
                + "evaluation. Recipe SHA-256 <code>%s</code>.</p>%n", refreshSeconds, escape(p.recipe().hash())));
        warnings(h, "Warnings so far", p.warnings());
        h.append("<h2>Pairs so far</h2>\n");
        table(h, List.of("pair", "bound", "recent nats", "log K"), p.pairs().entrySet().stream().map(e -> List.of(
                e.getKey(), e.getValue().bound(), fixed(known(e.getValue().recentNats()), 3),
                fixed(known(e.getValue().logK()), 3))).toList());
        h.append("<p>Recent nats: the mean over the last 2% of the steps so far, the end of each curve in mi.png.</p>\n");
        plotsAndRecipe(h, plots, recipeYaml, file);
    }

    /**
     * {@code step 120 of 400 (30%), epoch 3 of 10; 41.2 s of training (steps and data waits), about 1 min 36 s left at
     * this pace; waiting for data 4% of the time; 1 batch skipped.}
     */
    static String status(RunProgress p) {
        var s = new StringBuilder();
        int epochs = p.recipe().train().epochs();
        if (p.trained()) {
            s.append(String.format(Locale.ROOT, "all %d steps of %d epochs trained, evaluation not finished", p.steps(),
                    epochs));
        } else {
            s.append("step ").append(p.steps());
            if (p.totalSteps() >= 0) {
                s.append(" of ").append(p.totalSteps()).append(" (").append(100 * p.steps() / Math.max(1, p.totalSteps()))
                        .append("%)");
            }
            s.append(", epoch ").append(Math.max(1, p.epoch())).append(" of ").append(epochs);
        }
        double trained = p.stepSeconds() + p.waitSeconds();
        s.append(String.format(Locale.ROOT, "; %.1f s of training (steps and data waits)", trained));
        if (!p.trained() && p.totalSteps() >= 0 && Double.isFinite(p.secondsPerStep())) {
            s.append(", about ").append(duration((p.totalSteps() - p.steps()) * p.secondsPerStep())).append(" left at this pace");
        }
        if (trained > 0) {
            s.append(String.format(Locale.ROOT, "; waiting for data %.0f%% of the time", 100 * p.waitSeconds() / trained));
        }
        if (p.skipped() > 0) {
            s.append("; ").append(p.skipped()).append(p.skipped() == 1 ? " batch" : " batches").append(" skipped");
        }
        return s.toString();
    }

    /** {@code 1 h 4 min}, {@code 3 min 20 s}, {@code 12 s}. */
    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return s / 3600 + " h " + s / 60 % 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }

    /** The page up to its first paragraph: the title, and a reload every {@code refreshSeconds} unless 0. */
    private static StringBuilder head(String title, int refreshSeconds) {
        var h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (refreshSeconds > 0) {
            h.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
        }
        h.append("<title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
                        + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
                        + "pre{background:#f6f6f6;padding:1em;overflow:auto}.warn{color:#a40000}</style>"
                        + "</head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        return h;
    }

    private static void warnings(StringBuilder h, String heading, List<String> warnings) {
        h.append("<h2>").append(heading).append("</h2>\n");
        if (warnings.isEmpty()) {
            h.append("<p>none</p>\n");
        } else {
            h.append("<ul>\n");
            warnings.forEach(w -> h.append("<li class=\"warn\">").append(escape(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
    }

    /** The plots, the recipe and the page's end; writes the page. */
    private static void plotsAndRecipe(StringBuilder h, List<Path> plots, String recipeYaml, Path file) throws IOException {
        h.append("<h2>Plots</h2>\n");
        for (var plot : plots) {
            String name = plot.getFileName().toString();
            h.append("<p><img src=\"").append(escape(name)).append("\" alt=\"").append(escape(name)).append("\"></p>\n");
        }
        h.append("<h2>Recipe (resolved)</h2>\n<pre>").append(escape(recipeYaml)).append("</pre>\n</body></html>\n");
        var bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        FileSwap.replace(file, out -> out.write(bytes));
    }
    private static void table(StringBuilder h, List<String> header, List<List<String>> rows) {
        h.append("<table><tr>");
        header.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>\n");
        for (var row : rows) {
            h.append("<tr>");
            row.forEach(c -> h.append("<td>").append(escape(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** Text made safe for HTML element content and quoted attributes. */
    static String escape(String text) {
        var sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String fixed(Object value, int decimals) {
        return value == null ? "–" : String.format("%." + decimals + "f", MetricsLog.number(value));
    }

    /** NaN (no step yet) as nothing, shown as a dash. */
    private static Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Number num(Object o) {
        return (Number) o;
    }
}
