/**
 * The dataset contract: a {@link dev.viewpair.datasets.Source} is a fixed, indexable list of
 * {@link dev.viewpair.datasets.Sample}s, each with an id, a label, other columns and its media by modality
 * ({@link dev.viewpair.datasets.MediaRef}: a file, a file in a storage, bytes, or media decoded before). Beside it,
 * what every source shares: {@link dev.viewpair.datasets.SampleList} (the samples of a source held in memory),
 * {@link dev.viewpair.datasets.MediaFolder} and {@link dev.viewpair.datasets.DatasetRoot} (the folder media paths
 * are relative to and must stay inside), and {@link dev.viewpair.datasets.MediaSniffer} (what a file really holds,
 * to explain a failed decode). It imports {@code views} (modalities, audio) and {@code datasets.storage}; the
 * kinds of source ({@code manifest}, {@code folder}, {@code idx}, …) import it.
 */
package dev.viewpair.datasets;
