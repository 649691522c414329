package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.ShiftedView;
import java.io.IOException;
import java.util.Locale;

/**
 * The ceiling of a recipe's sync evaluation on its test split, without a model ({@code ./viewpair datasets sync-ceiling
 * RECIPE}): the same anchors and windows the evaluation draws, and at each offset the trials in which neither sound
 * window holds a listed onset (ties), so what a perfect model reaches with every tie counted half.
 */
public final class SyncCeiling {
    private SyncCeiling() {}

    /**
     * The table, one row per signed offset.
     *
     * @throws IllegalArgumentException when the recipe asks for no sync evaluation, or no sample of the split lists
     *     its onsets
     */
    public static String table(Families families, Recipe recipe) throws IOException {
        var data = DataPlan.of(families, recipe);
        Source split = data.test() != null ? data.test() : data.train();
        var where = data.test() != null ? "test" : "train";
        if (!split.iterator().hasNext()) {
            throw new IllegalArgumentException("the " + where + " split of " + recipe.dataset().path() + " holds no sample"
                    + " — use a larger dataset, or a larger share for the split");
        }
        var sync = new SyncEvaluation(families, recipe, split);
        var results = sync.ties();
        if (results.get(0).trials() == 0) {
            throw new IllegalArgumentException("no sample of " + recipe.dataset().path() + " lists its '" + SyncResult.ONSETS
                    + "' — generate one that does (./viewpair datasets make synth-video --variant timing) or add the column");
        }
        var sb = new StringBuilder(String.format(Locale.ROOT, "sync %s on the %s split: %d anchors per sample%n%-12s %8s %8s %10s %10s%n",
                sync.pair(), where, recipe.eval().sync().orElseThrow().windows(), "offset",
                "trials", "ties", "tie share", "ceiling"));
        for (var r : results) {
            sb.append(String.format(Locale.ROOT, "%-12s %8d %8d %10.3f %10.3f%n", ShiftedView.label(r.offset()), r.trials(), r.ties(),
                    r.ties() / (double) r.trials(), r.ceiling()));
        }
        return sb.append("(a tie: neither the in-sync nor the shifted sound window holds an onset; the ceiling counts each"
                + " tie half and every other trial won)").append(System.lineSeparator()).toString();
    }
}
