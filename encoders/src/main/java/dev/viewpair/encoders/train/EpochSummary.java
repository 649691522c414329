package dev.viewpair.encoders.train;

import java.util.Map;

/**
 * Means over one epoch's steps.
 *
 * @param epoch the epoch
 * @param steps how many steps it took
 * @param meanLoss the mean loss
 * @param meanPairNats each pair's mean estimate in nats
 * @param dataWaitSeconds total time spent waiting for batches
 * @param stepSeconds total time spent in steps
 */
public record EpochSummary(
        int epoch, long steps, double meanLoss, Map<String, Double> meanPairNats, double dataWaitSeconds, double stepSeconds) {
    public EpochSummary {
        meanPairNats = Map.copyOf(meanPairNats);
    }
}
