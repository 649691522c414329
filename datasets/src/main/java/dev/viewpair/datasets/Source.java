package dev.viewpair.datasets;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** A dataset: a fixed, indexable list of samples. */
public interface Source extends Iterable<Sample> {
    long size();

    Sample get(long i);

    /** A short description for logs and reports ("manifest data/synth-av/manifest.csv"). */
    String describe();

    @Override
    default Iterator<Sample> iterator() {
        return new Iterator<>() {
            long next = 0;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }
}
