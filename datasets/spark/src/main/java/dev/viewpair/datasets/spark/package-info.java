/**
 * Preprocessing to shards as an Apache Spark job ({@code viewpair preprocess --engine spark}, or
 * {@code spark-submit}): {@link dev.viewpair.datasets.spark.SparkPreprocessing} runs one task per shard with the
 * same shard writer as the local engine, {@link dev.viewpair.datasets.spark.HadoopShardFolder} writes to any Hadoop
 * file system, and {@link dev.viewpair.datasets.spark.SparkEngine} is the engine the CLI finds. Described in
 * {@code docs/spark.md}.
 */
package dev.viewpair.datasets.spark;
