package dev.viewpair.encoders.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param pairAlignment each pair's alignment {@code mean_i ||ẑa_i − ẑb_i||²} on the L2-normalized
 *     projections of its two views (Wang &amp; Isola 2020; lower is better aligned), by pair name
 * @param pairUniformity each pair's uniformity {@code log mean_{i≠j} exp(−2 ||ẑ_i − ẑ_j||²)} on the
 *     normalized projections of its first view (view A) only (lower is more uniform), by pair name
 * @param viewStd each trained view's embedding spread: the mean over dimensions of the per-dimension
 *     standard deviation of its normalized projections (near 0 when collapsed, about 1/√D when spread
 *     evenly), by view name
 * @param viewKl each stochastic view's {@code mean_i KL(p(z|x_i) ‖ N(0, I))} in nats, in closed form for its
 *     Gaussian posterior, by view name (absent for deterministic encoders)
 * @param viewVariance each stochastic view's posterior variance per dimension of z, {@code mean_i σ_id²}, by view
 *     name
 * @param dataWaitSeconds time spent waiting for this batch from the iterator
 * @param stepSeconds time spent in the step itself (array creation, forward, backward, update and the
 *     geometry read-outs above)
 * @param gradNorm the global L2 norm of all gradients before clipping (NaN when the step was skipped before
 *     the backward pass)
 * @param skipReason why the batch was skipped under {@link NonFinitePolicy#SKIP}, or {@code null} when its
 *     update was applied; a skipped step has a NaN loss and no estimates or read-outs
 */
public record StepMetrics(
        int epoch,
        long step,
        double loss,
        double learningRate,
        Map<String, Double> pairNats,
        Map<String, Double> pairLogK,
        Map<String, Double> pairAlignment,
        Map<String, Double> pairUniformity,
        Map<String, Double> viewStd,
        Map<String, Double> viewKl,
        Map<String, List<Double>> viewVariance,
        double dataWaitSeconds,
        double stepSeconds,
        double gradNorm,
        String skipReason) {
    public StepMetrics {
        pairNats = ordered(pairNats);
        pairLogK = ordered(pairLogK);
        pairAlignment = ordered(pairAlignment);
        pairUniformity = ordered(pairUniformity);
        viewStd = ordered(viewStd);
        viewKl = ordered(viewKl);
        viewVariance = Collections.unmodifiableMap(new LinkedHashMap<>(viewVariance));
    }

    /** An applied step whose gradient norm was not measured. */
    public StepMetrics(int epoch, long step, double loss, double learningRate, Map<String, Double> pairNats,
            Map<String, Double> pairLogK, Map<String, Double> pairAlignment, Map<String, Double> pairUniformity,
            Map<String, Double> viewStd, double dataWaitSeconds, double stepSeconds) {
        this(epoch, step, loss, learningRate, pairNats, pairLogK, pairAlignment, pairUniformity, viewStd, Map.of(),
                Map.of(), dataWaitSeconds, stepSeconds, Double.NaN, null);
    }

    /** Whether the batch was skipped (no update). */
    public boolean skipped() {
        return skipReason != null;
    }

    /** An unmodifiable copy that keeps the given order (pairs and views as declared), unlike Map.copyOf. */
    private static Map<String, Double> ordered(Map<String, Double> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
