package dev.viewpair.recipes.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one page that sums a run up from its summary — pairs, linear probe, retrieval,
 * warnings, time — with the plots (referenced by file name, so the page is read beside them in the
 * run folder) and the resolved recipe. No scripts, no external assets.
 */
final class HtmlReport {
    private HtmlReport() {}

    /**
     * Writes the page.
     *
     * @param summary the map written to {@code summary.json}
     * @param recipeYaml the resolved recipe, shown verbatim
     * @param plots the plot files, in the order to show them (only their file names are used)
     * @param file where to write the page
     */
    @SuppressWarnings("unchecked")
    static void write(Map<String, Object> summary, String recipeYaml, List<Path> plots, Path file) throws IOException {
        var h = new StringBuilder();
        String title = "viewpair run: " + summary.get("recipe");
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
                        + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
                        + "pre{background:#f6f6f6;padding:1em;overflow:auto}.warn{color:#a40000}</style>"
                        + "</head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        var data = (Map<String, Object>) summary.get("data");
        h.append(String.format("<p>%d steps in %d epochs, %.1f s wall time; waiting for data %.0f%% of the time; "
                + "%d bad inputs skipped. Recipe SHA-256 <code>%s</code>.</p>%n",
                num(summary.get("steps")).longValue(), num(summary.get("epochs")).longValue(),
                num(summary.get("wall_seconds")).doubleValue(), 100 * num(data.get("wait_fraction")).doubleValue(),
                num(data.get("bad_inputs")).longValue(), escape(String.valueOf(summary.get("recipe_hash")))));

        var warnings = (List<String>) summary.getOrDefault("warnings", List.of());
        h.append("<h2>Warnings</h2>\n");
        if (warnings.isEmpty()) {
            h.append("<p>none</p>\n");
        } else {
            h.append("<ul>\n");
            warnings.forEach(w -> h.append("<li class=\"warn\">").append(escape(w)).append("</li>\n"));
            h.append("</ul>\n");
        }

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
                            fixed(1.0 / num(e.getValue().get("queries")).doubleValue(), 4),
                            fixed(e.getValue().get("label_r1"), 3), fixed(e.getValue().get("label_chance"), 3))).toList());
        }

        h.append("<h2>Plots</h2>\n");
        for (var plot : plots) {
            String name = plot.getFileName().toString();
            h.append("<p><img src=\"").append(escape(name)).append("\" alt=\"").append(escape(name)).append("\"></p>\n");
        }
        h.append("<h2>Recipe (resolved)</h2>\n<pre>").append(escape(recipeYaml)).append("</pre>\n</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
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
        return value == null ? "–" : String.format("%." + decimals + "f", ((Number) value).doubleValue());
    }

    private static Number num(Object o) {
        return (Number) o;
    }
}
