/**
 * Numeric matrices from files other tools write: NumPy {@code .npy} ({@link dev.viewpair.datasets.npy.Npy})
 * and plain CSV ({@link dev.viewpair.datasets.npy.CsvMatrix}), read as {@code float[][]} rows.
 */
package dev.viewpair.datasets.npy;
