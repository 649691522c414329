package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Set;

/**
 * AdamW that applies weight decay only to the parameters it is told to: DJL's AdamW decays every
 * parameter, biases, BatchNorm and a learned temperature included. Routes each update to one of
 * two AdamW instances that share the schedule; each parameter always goes to the same one.
 */
final class DecayMaskedOptimizer extends Optimizer {
    private final Optimizer decayed;
    private final Optimizer undecayed;
    private final Set<String> decayedIds;

    DecayMaskedOptimizer(OptimizerConfig config, Set<String> decayedIds, int beginNumUpdate) {
        super(new Builder());
        var tracker = config.learningRateTracker();
        this.decayed = Optimizer.adamW()
                .optLearningRateTracker(tracker)
                .optWeightDecays((float) config.weightDecay())
                .optBeginNumUpdate(beginNumUpdate)
                .build();
        this.undecayed = Optimizer.adamW()
                .optLearningRateTracker(tracker)
                .optWeightDecays(0f)
                .optBeginNumUpdate(beginNumUpdate)
                .build();
        this.decayedIds = Set.copyOf(decayedIds);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (decayedIds.contains(parameterId) ? decayed : undecayed).update(parameterId, weight, grad);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
