package dev.viewpair.encoders.train;

import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One learning-rate schedule of the schedule catalogue ({@link Schedules#standard()}): the name a recipe's
 * {@code train.schedule} uses and the rate it ends at. After the warm-up, {@link OptimizerConfig} goes from the peak
 * rate to that final rate along a cosine (or stays, when they are equal).
 *
 * @param name the name a recipe uses ({@code cosine})
 * @param doc one line for listings and the tables in docs/
 * @param finalRate the rate at the last step, from the peak rate
 */
public record ScheduleDescriptor(String name, String doc, DoubleUnaryOperator finalRate) implements Entry {
    /** Schedules take no parameters: the warm-up and the peak rate are settings of {@code train}. */
    @Override
    public List<Param> params() {
        return List.of();
    }

    /**
     * The optimizer configuration with this schedule.
     *
     * @param rule the update rule
     * @param learningRate the peak rate
     * @param weightDecay the weight decay
     * @param warmupSteps steps of linear warm-up
     * @param totalSteps the step at which the final rate is reached
     */
    public OptimizerConfig config(UpdateRule rule, double learningRate, double weightDecay, int warmupSteps, int totalSteps) {
        return new OptimizerConfig(rule, learningRate, weightDecay, warmupSteps, totalSteps, finalRate.applyAsDouble(learningRate));
    }
}
