package dev.viewpair.recipes.model;

import java.util.Objects;

/**
 * Synchronization evaluation: {@code sync: {pair: frame-sound, shifted: sound_shifted}}. For each test sample,
 * the pair's critic scores its first view against its second view (in sync) and against the shifted view (the
 * same kind of view cut at another time of the same sample); the accuracy is how often in sync scores higher.
 *
 * @param pair the pair whose encoders and critic score
 * @param shifted a view fed to the same encoder as the pair's second view, cut at another time
 */
public record SyncDecl(String pair, String shifted) {
    public SyncDecl {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(shifted, "shifted");
    }
}
