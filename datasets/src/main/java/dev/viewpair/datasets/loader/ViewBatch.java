package dev.viewpair.datasets.loader;

import java.util.List;
import java.util.Map;

/**
 * A batch of views: for every view, the tensors of all samples stacked into one row-major array
 * whose first dimension is the batch.
 *
 * @param ids the sample ids, in batch order
 * @param labels the samples' labels ({@code null} entries where a sample has none)
 * @param data view name → stacked values
 * @param shapes view name → shape, batch dimension first
 */
public record ViewBatch(List<String> ids, List<String> labels, Map<String, float[]> data, Map<String, long[]> shapes) {
    public int size() {
        return ids.size();
    }
}
