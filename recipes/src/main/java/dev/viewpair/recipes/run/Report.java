package dev.viewpair.recipes.run;

import java.util.List;
import java.util.Map;

/** The small table a run prints at its end, from the summary. */
final class Report {
    private Report() {}

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> summary) {
        var sb = new StringBuilder();
        sb.append(String.format("%n%-28s %10s %10s%n", "pair (bound)", "final", "log K"));
        var pairs = (Map<String, Map<String, Object>>) summary.get("pairs");
        // NWJ, JS, DV, MINE and the upper bounds have no ceiling
        pairs.forEach((name, p) -> sb.append(String.format("%-28s %10.3f %10s%n", name + " (" + p.get("bound") + ")",
                num(p.get("final_nats")), Double.isFinite(num(p.get("log_k"))) ? String.format("%.3f", num(p.get("log_k")))
                        : "none")));
        var eval = (Map<String, Object>) summary.get("eval");
        for (var kind : List.of("linear_probe", "knn")) {
            var scores = (Map<String, Map<String, Object>>) eval.getOrDefault(kind, Map.of());
            if (!scores.isEmpty()) {
                var title = kind.equals("knn") ? "kNN (test acc.)" : "linear probe (test acc.)";
                sb.append(String.format("%n%-28s %10s %10s%n", title, "trained", "random"));
                scores.forEach((name, p) -> sb.append(String.format("%-28s %10.3f %10.3f%n", name, num(p.get("trained")),
                        num(p.get("random_init")))));
                scores.values().stream().map(p -> p.get("protocol")).filter(java.util.Objects::nonNull).distinct()
                        .forEach(protocol -> sb.append("  protocol: ").append(protocol).append(System.lineSeparator()));
            }
        }
        var retrieval = (Map<String, Map<String, Object>>) eval.get("retrieval");
        if (!retrieval.isEmpty()) {
            sb.append(String.format("%n%-28s %8s %8s %8s %8s %10s %10s%n", "retrieval (test)", "R@1", "R@5", "R@10",
                    "chance", "label@1", "chance"));
            retrieval.forEach((name, r) -> sb.append(String.format("%-28s %8.3f %8.3f %8.3f %8.4f %10.3f %10.3f%n", name,
                    num(r.get("r1")), num(r.get("r5")), num(r.get("r10")), 1.0 / num(r.get("queries")),
                    num(r.get("label_r1")), num(r.get("label_chance")))));
        }
        RunSummary.syncRows(eval).forEach((pair, offsets) -> {
            sb.append(String.format("%n%-28s %9s %15s %7s %7s %5s %6s %10s %8s%n", "sync " + pair + ": offset", "accuracy",
                    "95% interval", "trials", "samples", "deff", "ties", "ties ½", "ceiling"));
            offsets.forEach((offset, y) -> sb.append(String.format("%-28s %9s %15s %7s %7s %5s %6s %10s %8s%n", "  in sync vs " + offset,
                    fixed(y.get("accuracy")), y.get("low") == null ? "-" : "[" + fixed(y.get("low")) + ", " + fixed(y.get("high")) + "]",
                    count(y.get("trials")), count(y.get("samples")), y.get("design_effect") == null ? "-"
                            : String.format("%.2f", num(y.get("design_effect"))),
                    count(y.get("ties")), fixed(y.get("with_ties")), fixed(y.get("ceiling")))));
            offsets.values().stream().findFirst().ifPresent(y -> sb.append("  chance 0.5; accuracy and interval leave ties out"
                    + " (ties by " + y.get("ties_by") + "); " + (y.containsKey("design_effect")
                            ? "the interval is Wilson's over trials / deff, the design effect of a sample's trials"
                            : "the interval counts every trial as independent (older run)")
                    + "; ties ½ counts each tie half, the ceiling is what a model that wins every other trial reaches on it")
                    .append(System.lineSeparator()));
        });
        var data = (Map<String, Object>) summary.get("data");
        sb.append(String.format("%n%d steps in %.0f s; waiting for data %.0f%% of the time; %d bad inputs skipped%n",
                ((Number) summary.get("steps")).longValue(), num(summary.get("wall_seconds")),
                100 * num(data.get("wait_fraction")), ((Number) data.get("bad_inputs")).longValue()));
        return sb.toString();
    }

    /** A whole number, or "-" when missing. */
    private static String count(Object o) {
        return o == null ? "-" : Long.toString(((Number) o).longValue());
    }

    /** Three decimals, or "-" for a missing number. */
    private static String fixed(Object o) {
        return o == null ? "-" : String.format("%.3f", num(o));
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
