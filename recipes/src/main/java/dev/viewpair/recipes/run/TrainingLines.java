package dev.viewpair.recipes.run;

import dev.viewpair.encoders.train.EpochSummary;
import dev.viewpair.encoders.train.StepMetrics;
import dev.viewpair.recipes.model.Recipe;
import java.util.Map;

/** What training shows on the console: the progress bar's message after each step, a line after each epoch. */
final class TrainingLines {
    private TrainingLines() {}

    /** The bar's message: the step's loss and estimates. */
    static String bar(StepMetrics m) {
        var sb = new StringBuilder(String.format("loss %.3f", m.loss()));
        m.pairNats().forEach((k, v) -> sb.append(String.format(" %s %.2f", k, v)));
        return sb.toString();
    }

    /**
     * An epoch's means, each pair's against its ceiling where its bound has one ({@link RunSummary#ceilings}), and the
     * share spent waiting.
     */
    static String epoch(Recipe recipe, EpochSummary s, Map<String, Double> ceilings) {
        var train = recipe.train();
        var sb = new StringBuilder(String.format("epoch %d/%d  loss %.3f ", s.epoch() + 1, train.epochs(), s.meanLoss()));
        s.meanPairNats().forEach((k, v) -> {
            double logK = ceilings.getOrDefault(k, Double.POSITIVE_INFINITY);
            // NWJ, DV, MINE and the upper bounds have no log K ceiling
            sb.append(Double.isFinite(logK) ? String.format(" | %s %.2f / %.2f nats", k, v, logK)
                    : String.format(" | %s %.2f nats", k, v));
        });
        double wait = s.dataWaitSeconds() / Math.max(1e-9, s.dataWaitSeconds() + s.stepSeconds());
        sb.append(String.format(" | data wait %.0f%%", 100 * wait));
        return sb.toString();
    }
}
