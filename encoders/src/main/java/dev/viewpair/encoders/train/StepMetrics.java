package dev.viewpair.encoders.train;

import java.util.Map;

/**
 * What one training step measured.
 *
 * @param epoch the epoch passed to {@link SharedTrainer#trainEpoch}
 * @param step the step's index over the whole run, from 0
 * @param loss {@code −Σ weight·estimate} over lower-bound pairs (+ for upper bounds), plus the fit
 *     losses of variational critics
 * @param learningRate the learning rate this step's update used
 * @param pairNats each pair's MI estimate in nats, by pair name
 * @param pairLogK each pair's ceiling for this batch (log K for InfoNCE), by pair name
 * @param dataWaitSeconds time spent waiting for this batch from the iterator
 * @param stepSeconds time spent in the step itself (array creation, forward, backward, update)
 */
public record StepMetrics(
        int epoch,
        long step,
        double loss,
        double learningRate,
        Map<String, Double> pairNats,
        Map<String, Double> pairLogK,
        double dataWaitSeconds,
        double stepSeconds) {
    public StepMetrics {
        pairNats = Map.copyOf(pairNats);
        pairLogK = Map.copyOf(pairLogK);
    }
}
