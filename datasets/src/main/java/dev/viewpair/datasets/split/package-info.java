/**
 * Train, validation and test splits of a source: {@link dev.viewpair.datasets.split.Splits} assigns each sample to
 * a split by its id and the seed alone, so a sample keeps its split when the dataset changes, and {@link
 * dev.viewpair.datasets.split.SplitSource} is one split as a source of its own. It imports the dataset contract
 * ({@code datasets}) and {@code views} (the random streams).
 */
package dev.viewpair.datasets.split;
