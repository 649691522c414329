package dev.viewpair.recipes.run;

import dev.viewpair.datasets.loader.ViewBatch;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.BadInput;
import dev.viewpair.datasets.loader.BatchLoader;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.Consumer;

/** Hands the data side's {@link ViewBatch}es to the trainer as {@link BatchData}, without copying. */
record LoaderBatches(ViewBatch batch) implements BatchData {
    @Override
    public int size() {
        return batch.size();
    }

    @Override
    public float[] view(String name) {
        float[] v = batch.data().get(name);
        if (v == null) {
            throw new IllegalArgumentException("the batch has no view '" + name + "'");
        }
        return v;
    }

    @Override
    public long[] shape(String name) {
        return batch.shapes().get(name);
    }

    /** The trainer's view of a loader's epoch; {@code taken} is shown each batch as the trainer takes it. */
    static Iterator<BatchData> of(Iterator<ViewBatch> batches, Consumer<ViewBatch> taken) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public BatchData next() {
                var batch = batches.next();
                taken.accept(batch);
                return new LoaderBatches(batch);
            }
        };
    }

    /**
     * Every sample of a split once, in source order, as the trainer's batches of the named views (made with the ops
     * of {@code families}, random ones drawn with the fixed evaluation epoch); {@code seen} is shown each batch as it
     * passes (ids, labels). The loader's threads end when the batches do.
     */
    static Iterator<BatchData> inOrder(Families families, Recipe recipe, Source split, Collection<String> views,
            Consumer<BadInput> badInputs, Consumer<ViewBatch> seen) {
        return inOrder(recipe, split, DataPlan.views(families, recipe, views), Training.EVAL_EPOCH, badInputs, seen);
    }

    /** {@link #inOrder(Families, Recipe, Source, Collection, Consumer, Consumer)} of any views, drawn with epoch {@code e}. */
    static Iterator<BatchData> inOrder(Recipe recipe, Source split, SampleViews views, int e, Consumer<BadInput> badInputs,
            Consumer<ViewBatch> seen) {
        var loader = BatchLoader.builder(split, views).batchSize(recipe.train().batch())
                .workers(recipe.train().workers()).shuffle(false).keepPartialLast(true).seed(recipe.seed())
                .onBadInput(badInputs).build();
        var epoch = loader.epoch(e);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = epoch.hasNext();
                if (!more) {
                    loader.close();
                }
                return more;
            }

            @Override
            public BatchData next() {
                var b = epoch.next();
                seen.accept(b);
                return new LoaderBatches(b);
            }
        };
    }
}
