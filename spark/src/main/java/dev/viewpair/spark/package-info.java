/**
 * Preprocessing to shards as an Apache Spark job ({@code viewpair preprocess --engine spark}, or
 * {@code spark-submit}): {@link dev.viewpair.spark.SparkPreprocessing} runs one task per shard with the
 * same shard writer as the local engine, {@link dev.viewpair.spark.HadoopShardFolder} writes to any Hadoop
 * file system, and {@link dev.viewpair.spark.SparkEngine} is the engine the CLI finds. Described in
 * {@code docs/spark.md}. The top module: it may import every other module ({@code recipes} and what is below it),
 * and nothing imports it (the CLI finds it through {@link java.util.ServiceLoader}).
 */
package dev.viewpair.spark;
