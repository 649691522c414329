/**
 * Datasets read by URI ({@code hdfs://…}, {@code s3a://…}) rather than from this machine's paths:
 * {@link dev.viewpair.datasets.storage.Storage}, the file system a source lists and reads through (implemented
 * outside this module, found by URI scheme), and {@link dev.viewpair.datasets.storage.StoredFolder}, a dataset's
 * folder there. Described in {@code docs/spark.md}.
 */
package dev.viewpair.datasets.storage;
