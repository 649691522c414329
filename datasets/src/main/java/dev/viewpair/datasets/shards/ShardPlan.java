package dev.viewpair.datasets.shards;

import java.io.Serializable;

/**
 * Which samples go to which shard: consecutive runs of {@code shardSize} samples in the source's order, the last
 * one shorter. A pure function of its two numbers, so every machine of a cluster job agrees on it.
 *
 * @param samples how many samples the source has
 * @param shardSize samples per shard (≥ 1)
 */
public record ShardPlan(long samples, int shardSize) implements Serializable {
    public ShardPlan {
        if (samples < 0 || shardSize < 1) {
            throw new IllegalArgumentException("a shard plan needs samples ≥ 0 and a shard size ≥ 1, got "
                    + samples + " and " + shardSize);
        }
    }

    /** How many shards. */
    public int shards() {
        long n = (samples + shardSize - 1) / shardSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(samples + " samples make too many shards of " + shardSize + " — raise the shard size");
        }
        return (int) n;
    }

    /** The source index of shard k's first sample. */
    public long first(int k) {
        check(k);
        return (long) k * shardSize;
    }

    /** How many samples shard k is planned to hold (before bad inputs are skipped). */
    public int count(int k) {
        check(k);
        return (int) Math.min(shardSize, samples - first(k));
    }

    /** The base name of shard k's files: {@code shard-00042}. */
    public static String name(int k) {
        return String.format("shard-%05d", k);
    }

    private void check(int k) {
        if (k < 0 || k >= shards()) {
            throw new IndexOutOfBoundsException("shard " + k + " of " + shards());
        }
    }
}
