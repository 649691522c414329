/**
 * Datasets in the IDX format of MNIST and Fashion-MNIST: {@link dev.viewpair.datasets.idx.IdxSource} reads an
 * images file and an optional labels file (either gzipped) into memory and gives each sample its gray image as a
 * PNG. It imports the dataset contract ({@code datasets}) and {@code views}.
 */
package dev.viewpair.datasets.idx;
