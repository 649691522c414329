package dev.viewpair.recipes.run;

import dev.viewpair.encoders.train.EpochSummary;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.recipes.model.ShiftedView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's {@code summary.json}: what it trained, how far the estimates got, and what evaluation measured. */
final class RunSummary {
    private RunSummary() {}

    /**
     * What evaluation measured: the classifiers on the encoders before any update and after training, retrieval and
     * sync ({@link Evaluation}).
     */
    record Evaluated(Map<String, Evaluation.Classified> randomInit, Map<String, Evaluation.Classified> trained,
            Map<String, Evaluation.Retrieved> retrieval, Map<String, List<SyncResult>> sync) {}

    /**
     * The most the pair's bound, of {@code families}, can report for a batch: log K for InfoNCE, log 2K with hard
     * negatives.
     */
    static double ceiling(Families families, PairDecl p, int batch) {
        return families.bounds().get(p.bound().type()).create(p.bound().params()).logK(batch, p.negatives().isPresent());
    }

    /**
     * Each pair's ceiling as the trainer last recorded it in a step of {@code records} (a pair of a local layer counts
     * its positions, which only the encoder knows), else as its bound gives it for the recipe's batch.
     */
    static Map<String, Double> ceilings(Families families, Recipe recipe, List<Map<String, Object>> records) {
        var out = new LinkedHashMap<String, Double>();
        recipe.pairs().forEach(p -> out.put(p.name(), ceiling(families, p, recipe.train().batch())));
        for (int i = records.size() - 1; i >= 0; i--) {
            if ("step".equals(records.get(i).get("type")) && records.get(i).get("pairs") instanceof Map<?, ?> pairs
                    && !pairs.isEmpty()) {
                pairs.forEach((name, values) -> {
                    if (values instanceof Map<?, ?> v && v.get("log_k") instanceof Number logK) {
                        out.put(String.valueOf(name), logK.doubleValue());
                    }
                });
                break;
            }
        }
        return out;
    }

    /**
     * The summary of a run of {@code recipe}, loaded against {@code families}.
     *
     * @param ceilings each pair's ceiling ({@link #ceilings})
     * @param onsets the training views' anchors placed on onsets and those that found none, or {@code null} when the
     *     views were not made here (shards of made views)
     */
    static Map<String, Object> of(Families families, Recipe recipe, List<EpochSummary> epochs, long steps, long skipped,
            double wallSeconds, Evaluated evaluated, long badInputs, List<String> warnings, Map<String, Double> ceilings,
            ViewSet.OnsetTally onsets) {
        var last = epochs.get(epochs.size() - 1);
        var pairs = new LinkedHashMap<String, Object>();
        for (var p : recipe.pairs()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("bound", p.bound().type());
            entry.put("final_nats", last.meanPairNats().get(p.name()));
            entry.put("log_k", ceilings.get(p.name()));
            p.negatives().ifPresent(view -> entry.put("hard_negatives", view));
            pairs.put(p.name(), entry);
        }
        var eval = new LinkedHashMap<String, Object>();
        eval.put("linear_probe", probes(evaluated));
        eval.put("knn", knn(evaluated));
        eval.put("retrieval", retrieval(evaluated.retrieval()));
        eval.put("sync", sync(evaluated.sync()));
        double wait = epochs.stream().mapToDouble(EpochSummary::dataWaitSeconds).sum();
        double compute = epochs.stream().mapToDouble(EpochSummary::stepSeconds).sum();
        var s = new LinkedHashMap<String, Object>();
        s.put("recipe", recipe.name());
        s.put("recipe_hash", recipe.hash());
        s.put("wall_seconds", wallSeconds);
        s.put("steps", steps);
        s.put("skipped_batches", skipped);
        s.put("epochs", epochs.size());
        s.put("pairs", pairs);
        s.put("eval", eval);
        var data = new LinkedHashMap<String, Object>();
        data.put("wait_fraction", wait / Math.max(1e-9, wait + compute));
        data.put("bad_inputs", badInputs);
        if (onsets != null && onsets.placed() + onsets.fellBack() > 0) {
            data.put("onsets", Map.of("placed", onsets.placed(), "no_onset", onsets.fellBack()));
        }
        s.put("data", data);
        s.put("warnings", warnings);
        return s;
    }

    private static Map<String, Object> probes(Evaluated evaluated) {
        var probe = new LinkedHashMap<String, Object>();
        evaluated.trained().forEach((name, trained) -> {
            if (trained.probe() != null) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("trained", trained.probeAccuracy());
                entry.put("random_init", evaluated.randomInit().get(name).probeAccuracy());
                entry.put("l2", trained.probe().l2());
                entry.put("protocol", trained.probe().protocol());
                probe.put(name, entry);
            }
        });
        return probe;
    }

    private static Map<String, Object> knn(Evaluated evaluated) {
        var knn = new LinkedHashMap<String, Object>();
        evaluated.trained().forEach((name, trained) -> {
            if (trained.knn() != null) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("trained", trained.knn());
                entry.put("random_init", evaluated.randomInit().get(name).knn());
                knn.put(name, entry);
            }
        });
        return knn;
    }

    private static Map<String, Object> retrieval(Map<String, Evaluation.Retrieved> retrieval) {
        var out = new LinkedHashMap<String, Object>();
        retrieval.forEach((k, v) -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("r1", v.recall().recallAt1());
            entry.put("r5", v.recall().recallAt5());
            entry.put("r10", v.recall().recallAt10());
            entry.put("queries", v.recall().queries());
            entry.put("label_r1", v.labelAt1());
            entry.put("label_chance", v.labelChance());
            out.put(k, entry);
        });
        return out;
    }

    /** Pair → signed offset ({@code +0.25s}) → the result's numbers. */
    private static Map<String, Object> sync(Map<String, List<SyncResult>> sync) {
        var out = new LinkedHashMap<String, Object>();
        sync.forEach((pair, results) -> {
            var offsets = new LinkedHashMap<String, Object>();
            for (var r : results) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("offset_seconds", r.offset());
                entry.put("accuracy", finite(r.accuracy()));
                entry.put("low", finite(r.interval().low()));
                entry.put("high", finite(r.interval().high()));
                entry.put("trials", r.trials());
                entry.put("samples", r.samples());
                entry.put("design_effect", r.designEffect());
                entry.put("independent_low", finite(r.independentInterval().low()));
                entry.put("independent_high", finite(r.independentInterval().high()));
                entry.put("ties", r.ties());
                entry.put("ties_by", r.tiesBy());
                entry.put("with_ties", finite(r.withTies()));
                if (!SyncResult.BY_SCORES.equals(r.tiesBy())) {
                    entry.put("ceiling", finite(r.ceiling()));
                }
                offsets.put(ShiftedView.label(r.offset()), entry);
            }
            out.put(pair, offsets);
        });
        return out;
    }

    /**
     * The sync results of a summary's {@code eval}, pair → offset → numbers, as the reports show them; a summary written
     * before several offsets (one {@code accuracy} over {@code n} samples per pair, an even score counted half) gives
     * one row, {@code shifted (older run)}, with its accuracy and trials.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Map<String, Object>>> syncRows(Map<String, Object> eval) {
        var out = new LinkedHashMap<String, Map<String, Map<String, Object>>>();
        var sync = (Map<String, Map<String, Object>>) eval.getOrDefault("sync", Map.of());
        sync.forEach((pair, entry) -> {
            if (entry.get("accuracy") instanceof Number accuracy) {
                var row = new LinkedHashMap<String, Object>();
                row.put("accuracy", accuracy);
                row.put("trials", entry.get("n"));
                row.put("ties_by", "none (older run: one anchor per sample, an even score counted half)");
                out.put(pair, Map.of("shifted (older run)", row));
            } else {
                var offsets = new LinkedHashMap<String, Map<String, Object>>();
                entry.forEach((offset, numbers) -> offsets.put(offset, (Map<String, Object>) numbers));
                out.put(pair, offsets);
            }
        });
        return out;
    }

    /** A number for JSON: {@code null} for NaN (no trials to count). */
    private static Double finite(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
