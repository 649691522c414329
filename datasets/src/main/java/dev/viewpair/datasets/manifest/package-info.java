/**
 * Datasets listed in a CSV manifest: {@link dev.viewpair.datasets.manifest.ManifestSource} reads one sample per
 * row (media paths relative to the manifest's folder, id, label, other columns) with its own RFC 4180 reader, and
 * {@link dev.viewpair.datasets.manifest.ManifestException} reports a manifest that cannot be read, naming file and
 * line (the JSONL manifest raises it too). It imports the dataset contract ({@code datasets}), {@code
 * datasets.storage} and {@code views}.
 */
package dev.viewpair.datasets.manifest;
