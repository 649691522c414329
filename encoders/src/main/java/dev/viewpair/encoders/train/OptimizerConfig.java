package dev.viewpair.encoders.train;

import ai.djl.training.tracker.Tracker;
import java.util.Objects;

/**
 * The optimizer (its {@link UpdateRule}, learning rate and weight decay) and the learning-rate schedule: a linear warm-up from 0 over {@code
 * warmupSteps}, then a cosine decay to {@code finalLearningRate} at {@code totalSteps}, constant
 * after. With {@code finalLearningRate == learningRate} the rate stays constant after warm-up.
 * Weight decay applies to weights (convolution, linear, bilinear critic), not to biases,
 * normalization parameters or a learned temperature. The schedule is a pure function of the step, so a
 * checkpoint's step is its position.
 *
 * @param rule how gradients become updates (AdamW, SGD with momentum, LARS)
 * @param learningRate the peak learning rate
 * @param weightDecay the weight decay (decoupled for AdamW, L2 added to the gradient for SGD and LARS)
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps the step at which the cosine reaches its final value
 * @param finalLearningRate the rate at and after {@code totalSteps}
 */
public record OptimizerConfig(
        UpdateRule rule,
        double learningRate, double weightDecay, int warmupSteps, int totalSteps, double finalLearningRate) {
    public OptimizerConfig {
        Objects.requireNonNull(rule, "rule");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be zero or positive, got " + weightDecay);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException(
                    "warm-up and total steps must not be negative, got " + warmupSteps + " and " + totalSteps);
        }
        if (!(finalLearningRate >= 0 && finalLearningRate <= learningRate)) {
            throw new IllegalArgumentException("final learning rate must lie in [0, " + learningRate + "], got "
                    + finalLearningRate);
        }
    }

    /** AdamW with its default β and ε. */
    public OptimizerConfig(
            double learningRate, double weightDecay, int warmupSteps, int totalSteps, double finalLearningRate) {
        this(UpdateRule.AdamW.DEFAULT, learningRate, weightDecay, warmupSteps, totalSteps, finalLearningRate);
    }

    /** AdamW at a constant learning rate. */
    public static OptimizerConfig constant(double learningRate, double weightDecay) {
        return new OptimizerConfig(learningRate, weightDecay, 0, 0, learningRate);
    }

    /** The schedule as a DJL tracker (numUpdate 1 = the first step). */
    public Tracker learningRateTracker() {
        int cosineSteps = totalSteps - warmupSteps;
        Tracker main = cosineSteps > 0 && finalLearningRate < learningRate
                ? Tracker.cosine()
                        .setBaseValue((float) learningRate)
                        .optFinalValue((float) finalLearningRate) // DJL's default final value is 0.01
                        .setMaxUpdates(cosineSteps)
                        .build()
                : Tracker.fixed((float) learningRate);
        if (warmupSteps == 0) {
            return main;
        }
        return Tracker.warmUp().setMainTracker(main).optWarmUpSteps(warmupSteps).build();
    }
}
