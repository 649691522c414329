package dev.viewpair.datasets.split;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;

/** One split of a source: the samples {@link Splits} assigned to it, in the source's order. */
public final class SplitSource implements Source {
    private final Source parent;
    private final String split;
    private final long[] indices;

    SplitSource(Source parent, String split, long[] indices) {
        this.parent = parent;
        this.split = split;
        this.indices = indices;
    }

    /** The name of the split. */
    public String split() {
        return split;
    }

    @Override
    public long size() {
        return indices.length;
    }

    @Override
    public Sample get(long i) {
        if (i < 0 || i >= indices.length) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + indices.length + " in split " + split);
        }
        return parent.get(indices[(int) i]);
    }

    @Override
    public String describe() {
        return parent.describe() + ", split " + split + " (" + indices.length + " of " + parent.size() + ")";
    }
}
