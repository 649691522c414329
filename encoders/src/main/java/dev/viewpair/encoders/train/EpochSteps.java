package dev.viewpair.encoders.train;

import java.util.Iterator;

/**
 * One epoch of training, a step at a time: each {@link #next()} takes the next batch and trains one step on it,
 * then hands control back, so the caller acts between steps (writes a checkpoint, say). {@link #summary()} gives
 * the epoch's means once the batches are used up.
 *
 * <pre>{@code
 * var steps = trainer.steps(epoch, batches);
 * while (steps.hasNext()) {
 *     StepMetrics m = steps.next();
 *     if (due(m.step())) trainer.save(checkpoint);
 * }
 * EpochSummary summary = steps.summary();
 * }</pre>
 */
public final class EpochSteps implements Iterator<StepMetrics> {
    private final SharedTrainer trainer;
    private final int epoch;
    private final Iterator<BatchData> batches;
    /** When the wait for the next batch began, or −1 between a step and the next wait. */
    private long waitStart = -1;

    EpochSteps(SharedTrainer trainer, int epoch, Iterator<BatchData> batches) {
        this.trainer = trainer;
        this.epoch = epoch;
        this.batches = batches;
    }

    /** Whether a batch is left (waits for the data loader to have it). */
    @Override
    public boolean hasNext() {
        startWaiting();
        return batches.hasNext();
    }

    /**
     * Trains one step on the next batch.
     *
     * @return the step's metrics, {@link StepMetrics#dataWaitSeconds()} the time spent waiting for its batch
     * @throws NonFiniteLossException as {@link SharedTrainer#trainStep}
     */
    @Override
    public StepMetrics next() {
        startWaiting();
        BatchData batch = batches.next();
        double waited = (System.nanoTime() - waitStart) / 1e9;
        waitStart = -1;
        return trainer.trainStep(epoch, batch, waited);
    }

    /**
     * Means over the epoch's steps; after {@link SharedTrainer#load} of a checkpoint taken inside this epoch, the
     * epoch's steps before the checkpoint count too.
     */
    public EpochSummary summary() {
        return trainer.epochSummary();
    }

    private void startWaiting() {
        if (waitStart < 0) {
            waitStart = System.nanoTime();
        }
    }
}
