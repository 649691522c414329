/**
 * Samples made into batches of views: {@link dev.viewpair.datasets.loader.BatchLoader} decodes and views samples
 * on worker threads ahead of the consumer and stacks them into {@link dev.viewpair.datasets.loader.ViewBatch}es,
 * through a {@link dev.viewpair.datasets.loader.SampleViews} (the standard one, {@link
 * dev.viewpair.datasets.loader.DecodedViews}, decodes with {@link dev.viewpair.datasets.loader.MediaDecoder} and
 * runs the view chains); a sample whose media cannot be read is skipped and reported as a {@link
 * dev.viewpair.datasets.loader.BadInput}. It imports the dataset contract ({@code datasets}) and {@code views}
 * (decoders, view chains); {@code datasets.shards} imports it.
 */
package dev.viewpair.datasets.loader;
