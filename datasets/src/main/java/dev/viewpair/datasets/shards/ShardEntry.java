package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.loader.BadInput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one finished shard holds: written as {@code shard-NNNNN.json} beside its arrays (its presence marks the
 * shard complete) and gathered into the index.
 *
 * @param name the base name of its files ({@code shard-00003})
 * @param first the source index of the first sample planned for it
 * @param planned how many samples were planned for it (written + skipped)
 * @param fingerprint what the shard was written for (format, dataset, store, settings): a rerun keeps the shard
 *     only when this matches
 * @param ids the written samples' ids, in source order; row i of every array belongs to {@code ids[i]}
 * @param labels their labels ({@code null} where a sample has none)
 * @param splits their splits ({@code train}, {@code test}, …)
 * @param arrays array name ({@code image}, {@code audio}, or a view name) → where its rows are
 * @param skipped the planned samples that could not be read
 */
public record ShardEntry(String name, long first, int planned, String fingerprint, List<String> ids,
        List<String> labels, List<String> splits, Map<String, ArrayInfo> arrays, List<Skipped> skipped)
        implements Serializable {
    public ShardEntry {
        ids = List.copyOf(ids);
        labels = Collections.unmodifiableList(new ArrayList<>(labels)); // labels may be null
        splits = List.copyOf(splits);
        arrays = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrays));
        skipped = List.copyOf(skipped);
        if (labels.size() != ids.size() || splits.size() != ids.size()) {
            throw new IllegalArgumentException("shard " + name + ": " + ids.size() + " ids, " + labels.size()
                    + " labels and " + splits.size() + " splits");
        }
    }

    /** How many samples were written. */
    public int count() {
        return ids.size();
    }

    /**
     * One flat array of a shard: the samples' elements one after another in a 1-D {@code .npy} file.
     * Sample i's elements are {@code offsets[i] ..< offsets[i + 1]}, to be reshaped to {@code shapes[i]}.
     *
     * @param file the {@code .npy} file's name, beside the index
     * @param dtype {@code uint8} or {@code float32}
     * @param offsets count + 1 element offsets, from 0 to the array's length
     * @param shapes each sample's dimensions (images: height, width, 3; sound: samples; views: the tensor's)
     */
    public record ArrayInfo(String file, String dtype, long[] offsets, int[][] shapes) implements Serializable {}

    /**
     * A planned sample that was left out.
     *
     * @param id its id
     * @param file the media that failed
     * @param reason what went wrong
     */
    public record Skipped(String id, String file, String reason) implements Serializable {
        static Skipped of(BadInput bad) {
            return new Skipped(bad.sampleId(), bad.file(), bad.reason());
        }

        /** As the loaders report it. */
        public BadInput toBadInput() {
            return new BadInput(id, file, reason);
        }
    }
}
