package dev.viewpair.spark;

import dev.viewpair.datasets.shards.ShardJob;
import dev.viewpair.recipes.run.PreprocessEngine;
import java.io.IOException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code viewpair preprocess --engine spark}: starts a Spark context for the run — the job's master, else the one
 * {@code spark-submit} set, else embedded local mode on every core ({@code local[*]}) — runs
 * {@link SparkPreprocessing} and stops the context. Found by the CLI through {@link java.util.ServiceLoader}.
 */
public final class SparkEngine implements PreprocessEngine {
    /** The engine's {@code --engine} name. */
    public static final String NAME = "spark";

    /** The embedded default: local mode on every core of this machine. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ShardJob.Result run(Job job, ShardJob.Progress progress) throws IOException {
        // new SparkConf() reads the spark.* settings spark-submit passes as system properties
        var conf = new SparkConf().setAppName("viewpair preprocess " + job.recipeFile().getFileName());
        if (job.master() != null) {
            conf.setMaster(job.master());
        }
        conf.setIfMissing("spark.master", DEFAULT_MASTER);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false"); // an embedded run needs no web UI (nor its port)
        }
        try (var spark = new JavaSparkContext(conf)) {
            return SparkPreprocessing.run(spark, job, progress);
        }
    }
}
