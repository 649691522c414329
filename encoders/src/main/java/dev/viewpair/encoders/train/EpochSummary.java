package dev.viewpair.encoders.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Means over one epoch's steps.
 *
 * @param epoch the epoch
 * @param steps how many steps it took, skipped batches included
 * @param meanLoss the mean loss over the applied steps
 * @param meanPairNats each pair's mean estimate in nats over the applied steps, in pair order
 * @param dataWaitSeconds total time spent waiting for batches
 * @param stepSeconds total time spent in steps
 * @param skipped batches skipped for non-finite values ({@link NonFinitePolicy#SKIP})
 */
public record EpochSummary(
        int epoch, long steps, double meanLoss, Map<String, Double> meanPairNats, double dataWaitSeconds, double stepSeconds,
        long skipped) {
    public EpochSummary {
        meanPairNats = Collections.unmodifiableMap(new LinkedHashMap<>(meanPairNats));
    }
}
