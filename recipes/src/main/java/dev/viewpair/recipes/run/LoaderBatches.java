package dev.viewpair.recipes.run;

import dev.viewpair.datasets.loader.ViewBatch;
import dev.viewpair.encoders.train.BatchData;
import java.util.Iterator;

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

    /** The trainer's view of a loader's epoch. */
    static Iterator<BatchData> of(Iterator<ViewBatch> batches) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public BatchData next() {
                return new LoaderBatches(batches.next());
            }
        };
    }
}
