package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Synchronization evaluation: {@code sync: {pair: frame-sound, windows: 16, offsets: [0.25, 0.5, 1.0]}}. For each
 * test sample the evaluation draws {@code windows} anchors; at each, the pair's critic scores the first view against
 * the second view (in sync) and against the second view cut {@code offset} seconds later and earlier, for every
 * offset; the accuracy per signed offset is how often in sync scores higher.
 *
 * @param pair the pair whose encoders and critic score
 * @param windows anchors drawn per test sample (≥ 1)
 * @param offsets the shifts in seconds (each &gt; 0, distinct, ascending), each tried later and earlier
 * @param anchors where the anchors lie: uniform over the times at which every window fits, or as the views place them
 */
public record SyncDecl(String pair, int windows, List<Double> offsets, Anchors anchors) {
    /** Anchors per test sample when the recipe names none: 67 test videos give 1,072 trials per offset. */
    public static final int DEFAULT_WINDOWS = 16;
    /** The shifts tried when the recipe names none, in seconds. */
    public static final List<Double> DEFAULT_OFFSETS = List.of(0.25, 0.5, 1.0);
    /** The most anchors per sample: each is a pass over the test split. */
    public static final int MAX_WINDOWS = 1000;

    /**
     * Where the evaluation's anchors lie. {@code uniform} (the default): drawn uniformly over the times at which every
     * window fits, whatever the views' {@code at:} — so a recipe that trains on onsets ({@code at: onset}) is measured
     * on the same trials as one that does not. {@code views}: as the views draw them, on onsets when one of them is.
     */
    public enum Anchors {
        UNIFORM, VIEWS;

        /** As recipes write it: {@code uniform}, {@code views}. */
        public String recipeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** With uniform anchors, the default. */
    public SyncDecl(String pair, int windows, List<Double> offsets) {
        this(pair, windows, offsets, Anchors.UNIFORM);
    }

    public SyncDecl {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(anchors, "anchors");
        offsets = List.copyOf(offsets);
        if (windows < 1 || windows > MAX_WINDOWS) {
            throw new IllegalArgumentException("windows must be 1.." + MAX_WINDOWS + ", got " + windows);
        }
        if (offsets.isEmpty() || offsets.stream().anyMatch(o -> !(o > 0))) {
            throw new IllegalArgumentException("offsets must be positive seconds, got " + offsets);
        }
    }

    /** The signed shifts in the order they are reported: each offset later, then earlier. */
    public List<Double> signedOffsets() {
        return offsets.stream().flatMap(o -> java.util.stream.Stream.of(o, -o)).toList();
    }
}
