package dev.viewpair.encoders.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The running sums of the epoch in progress, kept by the trainer and saved with its checkpoints, so that an
 * epoch resumed in the middle reports the same means as one never interrupted. Skipped batches count as
 * batches but not in the means.
 */
final class EpochProgress {
    final int epoch;
    long batches;
    private long skipped;
    private double lossSum;
    private final Map<String, Double> natsSum = new LinkedHashMap<>();
    private double waitSum;
    private double stepSum;

    EpochProgress(int epoch) {
        this.epoch = epoch;
    }

    void add(StepMetrics m) {
        batches++;
        waitSum += m.dataWaitSeconds();
        stepSum += m.stepSeconds();
        if (m.skipped()) {
            skipped++;
            return;
        }
        lossSum += m.loss();
        m.pairNats().forEach((pair, nats) -> natsSum.merge(pair, nats, Double::sum));
    }

    EpochSummary summary() {
        long applied = Math.max(batches - skipped, 1);
        var meanNats = new LinkedHashMap<String, Double>();
        natsSum.forEach((pair, sum) -> meanNats.put(pair, sum / applied));
        return new EpochSummary(epoch, batches, lossSum / applied, meanNats, waitSum, stepSum, skipped);
    }

    /** Writes the sums as {@code epoch.*} properties (doubles as {@link Double#toString}, which reads back exactly). */
    void write(Properties p) {
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("epoch.batches", Long.toString(batches));
        p.setProperty("epoch.skipped", Long.toString(skipped));
        p.setProperty("epoch.loss_sum", Double.toString(lossSum));
        p.setProperty("epoch.wait_sum", Double.toString(waitSum));
        p.setProperty("epoch.step_sum", Double.toString(stepSum));
        p.setProperty("epoch.pairs", String.join(",", natsSum.keySet()));
        natsSum.forEach((pair, sum) -> p.setProperty("epoch.nats_sum." + pair, Double.toString(sum)));
    }

    /** What {@link #write} wrote, or {@code null} when the checkpoint was taken before any step. */
    static EpochProgress read(Properties p) {
        String epoch = p.getProperty("epoch");
        if (epoch == null) {
            return null;
        }
        var progress = new EpochProgress(Integer.parseInt(epoch));
        progress.batches = Long.parseLong(p.getProperty("epoch.batches"));
        progress.skipped = Long.parseLong(p.getProperty("epoch.skipped"));
        progress.lossSum = Double.parseDouble(p.getProperty("epoch.loss_sum"));
        progress.waitSum = Double.parseDouble(p.getProperty("epoch.wait_sum"));
        progress.stepSum = Double.parseDouble(p.getProperty("epoch.step_sum"));
        String pairs = p.getProperty("epoch.pairs", "");
        for (String pair : pairs.isEmpty() ? new String[0] : pairs.split(",")) {
            progress.natsSum.put(pair, Double.parseDouble(p.getProperty("epoch.nats_sum." + pair)));
        }
        return progress;
    }
}
