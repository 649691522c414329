package dev.viewpair.encoders.train;

/** What the trainer does when a step's estimate, loss or gradient is NaN or infinite. */
public enum NonFinitePolicy {
    /** Throw {@link NonFiniteLossException} before the update (the parameters keep the last good values). */
    STOP,
    /**
     * Skip the batch: no update, BatchNorm running statistics and stateful bounds restored to their values before
     * it; the step is reported as skipped. More than {@link SharedTrainer#MAX_CONSECUTIVE_SKIPS} skipped batches in
     * a row throw {@link NonFiniteLossException}.
     */
    SKIP
}
