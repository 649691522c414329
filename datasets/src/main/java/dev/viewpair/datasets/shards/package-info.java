/**
 * Preprocessed shards: each sample of a dataset decoded once (or made into its views once) and written as plain
 * NumPy {@code .npy} arrays with a JSON index, so that training, and NumPy, read memory-mapped arrays instead of
 * decoding files. The format is described in {@code docs/shards.md}.
 *
 * <p>Writing is cut into shards that are independent units of work ({@link dev.viewpair.datasets.shards.ShardPlan},
 * {@link dev.viewpair.datasets.shards.ShardWriter}) writing through {@link dev.viewpair.datasets.shards.ShardFolder},
 * so one machine ({@link dev.viewpair.datasets.shards.ShardJob}) or a cluster job can run them; reading is
 * {@link dev.viewpair.datasets.shards.ShardSource}.
 */
package dev.viewpair.datasets.shards;
