package dev.viewpair.recipes.run;

import dev.viewpair.datasets.loader.ViewBatch;
import java.util.Map;

/** Where the training loader stands in the epoch's sample order, bad samples included, for checkpoints. */
final class DataPosition {
    private int epoch;
    private long consumed;

    DataPosition(int epoch, long consumed) {
        this.epoch = epoch;
        this.consumed = consumed;
    }

    /** An epoch starts, {@code from} samples into its order. */
    synchronized void start(int e, long from) {
        epoch = e;
        consumed = from;
    }

    /** The trainer took a batch. */
    synchronized void took(ViewBatch batch) {
        consumed += batch.size();
    }

    /**
     * A bad sample was passed over. The loader reports it on the consuming thread while it assembles the
     * next batch, so a checkpoint taken after a step counts exactly the bad samples before that step's batch
     * ended.
     */
    synchronized void bad() {
        consumed++;
    }

    synchronized Map<String, String> describe() {
        return Map.of("data.epoch", Integer.toString(epoch), "data.sample_in_epoch", Long.toString(consumed));
    }
}
