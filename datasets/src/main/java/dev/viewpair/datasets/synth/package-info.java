/**
 * Synthetic datasets for the quickstart and the tests, written as real media files with a manifest: {@link
 * dev.viewpair.datasets.synth.SynthAv} (images and sound clips of eight categories that share only the category)
 * and {@link dev.viewpair.datasets.synth.SynthVideo} (short videos whose sound happens at the moments of what is
 * seen). The files are a pure function of size and seed, whatever the thread count. It imports {@code views} (the
 * random streams) and writes the manifest format that {@code datasets.manifest} reads without importing it.
 */
package dev.viewpair.datasets.synth;
