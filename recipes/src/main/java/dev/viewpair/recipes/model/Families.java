package dev.viewpair.recipes.model;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.datasets.types.DatasetType;
import dev.viewpair.datasets.types.DatasetTypes;
import dev.viewpair.encoders.mi.BoundDescriptor;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.CriticDescriptor;
import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.nn.EncoderDescriptor;
import dev.viewpair.encoders.nn.EncoderTypes;
import dev.viewpair.encoders.train.OptimizerDescriptor;
import dev.viewpair.encoders.train.ScheduleDescriptor;
import dev.viewpair.encoders.train.Schedules;
import dev.viewpair.encoders.train.UpdateRules;
import dev.viewpair.views.chain.OpCatalog;
import java.util.Objects;

/**
 * The catalogues a recipe is checked, written, run and listed against, one per family of configurable components.
 * Validation, the resolved-recipe writer, the run wiring and the listings are given one, so a program (or a test)
 * that adds a member to a family hands them a catalogue holding it.
 *
 * @param ops the ops a view's chain may use
 * @param encoders the encoder types an encoder may be
 * @param bounds the MI bounds a pair may name
 * @param critics the critics a pair may name
 * @param optimizers the optimizers {@code train.optimizer} may name
 * @param schedules the learning-rate schedules {@code train.schedule} may name
 * @param datasets the dataset types {@code dataset.type} may name
 */
public record Families(OpCatalog ops, Catalog<EncoderDescriptor> encoders, Catalog<BoundDescriptor> bounds,
        Catalog<CriticDescriptor> critics, Catalog<OptimizerDescriptor> optimizers, Catalog<ScheduleDescriptor> schedules,
        Catalog<DatasetType> datasets) {
    private static final Families STANDARD = new Families(OpCatalog.standard(), EncoderTypes.standard(), Bounds.standard(),
            Critics.standard(), UpdateRules.standard(), Schedules.standard(), DatasetTypes.standard());

    public Families {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(encoders, "encoders");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(critics, "critics");
        Objects.requireNonNull(optimizers, "optimizers");
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(datasets, "datasets");
    }

    /** Every member viewpair ships, in every family. */
    public static Families standard() {
        return STANDARD;
    }

    /** These families with another op catalogue. */
    public Families withOps(OpCatalog ops) {
        return new Families(ops, encoders, bounds, critics, optimizers, schedules, datasets);
    }

    /** These families with another encoder catalogue. */
    public Families withEncoders(Catalog<EncoderDescriptor> encoders) {
        return new Families(ops, encoders, bounds, critics, optimizers, schedules, datasets);
    }

    /** These families with another optimizer catalogue. */
    public Families withOptimizers(Catalog<OptimizerDescriptor> optimizers) {
        return new Families(ops, encoders, bounds, critics, optimizers, schedules, datasets);
    }

    /** These families with another bound catalogue. */
    public Families withBounds(Catalog<BoundDescriptor> bounds) {
        return new Families(ops, encoders, bounds, critics, optimizers, schedules, datasets);
    }

    /** These families with another dataset-type catalogue. */
    public Families withDatasets(Catalog<DatasetType> datasets) {
        return new Families(ops, encoders, bounds, critics, optimizers, schedules, datasets);
    }
}
