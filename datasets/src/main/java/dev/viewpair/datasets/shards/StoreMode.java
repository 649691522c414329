package dev.viewpair.datasets.shards;

import java.util.Locale;

/** What shards hold for each sample. */
public enum StoreMode {
    /**
     * The decoded media: images as 8-bit RGB HWC at their source size, sound as mono float32 PCM at the recipe's
     * rate. The view ops still run on every read, so each epoch draws new random views.
     */
    DECODED,
    /** The finished view tensors (float32), drawn once (epoch 0): every epoch then sees the same views. */
    VIEWS;

    /** The name the command line and the index use ({@code decoded}, {@code views}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code decoded} or {@code views}. */
    public static StoreMode parse(String name) {
        for (var m : values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown store '" + name + "' — use decoded or views");
    }
}
