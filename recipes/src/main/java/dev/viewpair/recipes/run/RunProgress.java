package dev.viewpair.recipes.run;

import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.ReportEvery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a run has got, read from its records so far ({@code metrics.jsonl}): what a report written before the run
 * ends shows. The same records give the same progress, whether the run reads them while it trains or
 * {@code ./viewpair report} reads them back from the file.
 *
 * @param recipe the run's name and hash, its pairs' bounds and its epochs
 * @param steps the steps taken (applied and skipped)
 * @param totalSteps the steps the run takes in all (its plan record), or −1 for a run that wrote none
 * @param epoch the epoch of the last step, from 1; 0 before the first step
 * @param stepSeconds the time the steps took, summed over their records
 * @param waitSeconds the time the steps waited for data, summed over their records
 * @param skipped the batches skipped ({@code on_nonfinite: skip})
 * @param pairs each pair's recent estimate
 * @param warnings the warnings given so far
 */
record RunProgress(Recipe recipe, long steps, long totalSteps, int epoch, double stepSeconds, double waitSeconds,
        long skipped, Map<String, PairSoFar> pairs, List<String> warnings) {
    /**
     * A pair's estimate so far.
     *
     * @param bound the pair's bound
     * @param recentNats the mean of its estimates over the last 2% of the steps so far (the last point of its smoothed
     *     curve in {@code mi.png}); NaN before its first step
     * @param logK the most its bound can report for a batch (Infinity for bounds without a ceiling); NaN before its
     *     first step
     */
    record PairSoFar(String bound, double recentNats, double logK) {}

    /** The progress the records show, of a run of {@code recipe}. */
    @SuppressWarnings("unchecked")
    static RunProgress of(Recipe recipe, List<Map<String, Object>> records) {
        long steps = 0;
        long total = -1;
        int epoch = 0;
        double stepSeconds = 0;
        double waitSeconds = 0;
        long skipped = 0;
        var nats = new LinkedHashMap<String, List<Double>>();
        var logK = new LinkedHashMap<String, Double>();
        var warnings = new ArrayList<String>();
        for (var r : records) {
            switch (String.valueOf(r.get("type"))) {
                case "plan" -> total = ((Number) r.get("total_steps")).longValue();
                case "warning" -> warnings.add(String.valueOf(r.get("text")));
                case "skipped" -> {
                    skipped++;
                    steps = ((Number) r.get("step")).longValue() + 1;
                    epoch = ((Number) r.get("epoch")).intValue() + 1;
                }
                case "step" -> {
                    steps = ((Number) r.get("step")).longValue() + 1;
                    epoch = ((Number) r.get("epoch")).intValue() + 1;
                    stepSeconds += MetricsLog.number(r.get("step_s"));
                    waitSeconds += MetricsLog.number(r.get("data_wait_s"));
                    ((Map<String, Map<String, Object>>) r.get("pairs")).forEach((pair, v) -> {
                        nats.computeIfAbsent(pair, k -> new ArrayList<>()).add(MetricsLog.number(v.get("nats")));
                        logK.put(pair, MetricsLog.number(v.get("log_k")));
                    });
                }
                default -> { } // epochs and checkpoints: their steps are counted already
            }
        }
        var pairs = new LinkedHashMap<String, PairSoFar>();
        for (var p : recipe.pairs()) {
            var estimates = nats.getOrDefault(p.name(), List.of());
            double recent = estimates.isEmpty() ? Double.NaN : Plots.smooth(estimates).get(estimates.size() - 1);
            pairs.put(p.name(), new PairSoFar(p.bound().type(), recent, logK.getOrDefault(p.name(), Double.NaN)));
        }
        return new RunProgress(recipe, steps, total, epoch, stepSeconds, waitSeconds, skipped, pairs, warnings);
    }

    /** Whether every step of the plan was taken (the run is evaluating, or stopped while it did). */
    boolean trained() {
        return totalSteps >= 0 && steps >= totalSteps;
    }

    /** The seconds of one step so far, data wait included; NaN before the first. */
    double secondsPerStep() {
        long timed = steps - skipped;
        return timed > 0 ? (stepSeconds + waitSeconds) / timed : Double.NaN;
    }

    /**
     * How often a page showing this progress reloads itself, in seconds: as often as the run rewrites it (every so
     * many seconds, or the time so many steps take at the pace so far), from 5 s to 10 min; once a minute for a run
     * that rewrites it only at the end (a page {@code ./viewpair report} rebuilt).
     */
    int refreshSeconds(ReportEvery every) {
        if (every instanceof ReportEvery.Seconds s) {
            return s.seconds();
        }
        int n = ((ReportEvery.Steps) every).steps();
        if (n == 0 || !Double.isFinite(secondsPerStep())) {
            return 60;
        }
        return (int) Math.max(5, Math.min(600, Math.round(n * secondsPerStep())));
    }
}
