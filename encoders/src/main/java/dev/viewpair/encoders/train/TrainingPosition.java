package dev.viewpair.encoders.train;

import java.util.Properties;

/**
 * Where training stands: the steps taken (the schedule's position), the epoch in progress with its running means,
 * and the skip counters. A checkpoint saves it and a load restores it, so training continues as if never
 * interrupted.
 */
final class TrainingPosition {
    private long step;
    private EpochProgress progress;
    /** Set by a load of a checkpoint taken inside an epoch that {@link #beginEpoch} then continues. */
    private boolean continueEpoch;
    private long skippedTotal;
    private int consecutiveSkips;

    /** The number of steps taken so far, skipped ones included. */
    long step() {
        return step;
    }

    /** The epoch of the last step taken or loaded, or −1 before any. */
    int epoch() {
        return progress == null ? -1 : progress.epoch;
    }

    /** Steps (skipped ones included) taken in {@link #epoch()} so far. */
    long batchesInEpoch() {
        return progress == null ? 0 : progress.batches;
    }

    /** Batches skipped under {@link NonFinitePolicy#SKIP} over the whole run. */
    long skippedBatches() {
        return skippedTotal;
    }

    /** Starts an epoch, or continues it when a checkpoint taken inside it was just loaded. */
    void beginEpoch(int epoch) {
        if (!(continueEpoch && progress != null && progress.epoch == epoch)) {
            progress = new EpochProgress(epoch);
        }
        continueEpoch = false;
    }

    /** The means of the epoch in progress. */
    EpochSummary epochSummary() {
        return progress.summary();
    }

    /** Before a step of this epoch: a step of another epoch than the last one's starts a new epoch. */
    void stepIn(int epoch) {
        if (progress == null || progress.epoch != epoch) {
            progress = new EpochProgress(epoch);
        }
    }

    /** A step's update was applied: the run of skipped batches ends. */
    void applied() {
        consecutiveSkips = 0;
    }

    /**
     * A step's batch was skipped.
     *
     * @throws NonFiniteLossException when more than {@link SharedTrainer#MAX_CONSECUTIVE_SKIPS} were skipped in a row
     */
    void skipped(String reason) {
        if (++consecutiveSkips > SharedTrainer.MAX_CONSECUTIVE_SKIPS) {
            throw NonFiniteLossException.tooManySkipped(consecutiveSkips, step, reason);
        }
    }

    /** After a step, applied or skipped: it counts in the epoch's means and the step moves on. */
    void record(StepMetrics metrics) {
        step++;
        if (metrics.skipped()) {
            skippedTotal++;
        }
        progress.add(metrics);
    }

    /** Writes the position as properties. */
    void write(Properties p) {
        p.setProperty("step", Long.toString(step));
        p.setProperty("skipped.total", Long.toString(skippedTotal));
        p.setProperty("skipped.consecutive", Integer.toString(consecutiveSkips));
        if (progress != null) {
            progress.write(p);
        }
    }

    /** Restores the step alone (a parameters-only checkpoint of format 1). */
    void readStep(Properties p) {
        step = Long.parseLong(p.getProperty("step", "0"));
    }

    /**
     * Restores what {@link #write} wrote.
     *
     * @throws IllegalArgumentException when a value is not a number
     */
    void read(Properties p) {
        skippedTotal = Long.parseLong(p.getProperty("skipped.total", "0"));
        consecutiveSkips = Integer.parseInt(p.getProperty("skipped.consecutive", "0"));
        progress = EpochProgress.read(p);
        continueEpoch = progress != null;
    }
}
