package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.views.ViewTensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views of {@link StoreMode#VIEWS} shards: the tensors stored for each sample, the same in every epoch (they
 * were drawn once, when the shards were written).
 */
public final class StoredViews implements SampleViews {
    private final ShardSource shards;
    private final List<String> names;

    /**
     * @param names the views to give, each one the shards store
     * @throws IllegalArgumentException naming the views the shards lack
     */
    public StoredViews(ShardSource shards, Collection<String> names) {
        if (shards.store() != StoreMode.VIEWS) {
            throw new IllegalArgumentException(shards.describe() + " holds decoded media, not views");
        }
        var stored = shards.index().arrays().keySet();
        var missing = names.stream().filter(n -> !stored.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(shards.describe() + " does not store the view(s) " + missing
                    + " — preprocess with --store views and a recipe that declares them");
        }
        this.shards = shards;
        this.names = List.copyOf(names);
    }

    @Override
    public Map<String, ViewTensor> views(Sample sample, int epoch) {
        var all = shards.views(sample.id());
        var out = new LinkedHashMap<String, ViewTensor>();
        names.forEach(n -> out.put(n, all.get(n)));
        return out;
    }
}
