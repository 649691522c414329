package dev.viewpair.recipes.run;

import dev.viewpair.encoders.train.BatchData;
import java.util.Iterator;
import java.util.Map;

/** Where the training loader stands in the epoch's sample order, bad samples included, for checkpoints. */
final class DataPosition {
    private int epoch;
    private long consumed;

    DataPosition(int epoch, long consumed) {
        this.epoch = epoch;
        this.consumed = consumed;
    }

    /** The epoch's batches, counted as the trainer takes them. */
    Iterator<BatchData> epoch(int e, long from, Iterator<BatchData> batches) {
        synchronized (this) {
            epoch = e;
            consumed = from;
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public BatchData next() {
                var batch = batches.next();
                synchronized (DataPosition.this) {
                    consumed += batch.size();
                }
                return batch;
            }
        };
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
