package dev.viewpair.encoders.train;

import dev.viewpair.catalog.Catalog;
import java.util.List;

/**
 * The learning-rate schedule catalogue: every schedule a recipe may name after its warm-up. Validation, the trainer,
 * {@code viewpair list schedules} and the tables in docs/ read it.
 */
public final class Schedules {
    private static final Catalog<ScheduleDescriptor> STANDARD = new Catalog<>("schedule", List.of(
            new ScheduleDescriptor("constant", "the rate stays at lr after the warm-up", lr -> lr),
            new ScheduleDescriptor("cosine", "from lr down to 1% of it at the last step, along a cosine", lr -> lr * 0.01)));

    private Schedules() {}

    /** Every schedule viewpair ships. */
    public static Catalog<ScheduleDescriptor> standard() {
        return STANDARD;
    }
}
