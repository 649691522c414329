/**
 * Datasets listed in a JSON Lines manifest: {@link dev.viewpair.datasets.jsonl.JsonlManifestSource} reads one
 * sample per line with the keys of the CSV manifest, and reports problems as a manifest does. It imports the
 * dataset contract ({@code datasets}), {@code datasets.manifest} (its exception), {@code datasets.storage} and
 * {@code views}.
 */
package dev.viewpair.datasets.jsonl;
