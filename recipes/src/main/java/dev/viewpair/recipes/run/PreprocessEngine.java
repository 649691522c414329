package dev.viewpair.recipes.run;

import dev.viewpair.datasets.shards.ShardJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Another way to run {@link Preprocessing} than this machine's threads ({@code viewpair preprocess --engine NAME}),
 * such as the Spark job of the {@code viewpair-spark} module. Engines are found with
 * {@link ServiceLoader} ({@code META-INF/services/dev.viewpair.recipes.run.PreprocessEngine}): the engine's module
 * depends on this one, so this one can only reach it through the classpath, and an engine whose jars are absent is
 * simply not installed.
 */
public interface PreprocessEngine {
    /** The name {@code --engine} picks it by. */
    String name();

    /**
     * Writes (or keeps) every shard of the job and then the index and {@code bad_inputs.jsonl}.
     *
     * @param progress told of the samples done (written, skipped or kept)
     */
    ShardJob.Result run(Job job, ShardJob.Progress progress) throws IOException;

    /**
     * One preprocessing run.
     *
     * @param recipeFile the recipe's file (absolute), for messages and to resolve its dataset path elsewhere
     * @param recipeText the recipe as loaded ({@link dev.viewpair.recipes.model.Recipe#toYaml()}: overrides written in,
     *     paths absolute), for workers that cannot read the file
     * @param preprocessing the recipe's dataset and plan, opened on this machine
     * @param out where the shards go: a URI ({@code file:/…}, {@code hdfs://…}, {@code s3a://…}) as the engine
     *     understands it
     * @param master where the engine runs (Spark: the master URL, {@code local[2]}); {@code null} for its default
     */
    record Job(Path recipeFile, String recipeText, Preprocessing preprocessing, String out, String master) {}

    /** The engines on the classpath. */
    static List<PreprocessEngine> installed() {
        var engines = new ArrayList<PreprocessEngine>();
        ServiceLoader.load(PreprocessEngine.class).forEach(engines::add);
        return engines;
    }

    /** The installed engine of that name. */
    static Optional<PreprocessEngine> named(String name) {
        return installed().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
