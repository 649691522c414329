package dev.viewpair.spark;

import dev.viewpair.datasets.shards.ShardEntry;
import dev.viewpair.datasets.shards.ShardJob;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.recipes.cli.Main;
import dev.viewpair.recipes.run.PreprocessEngine;
import dev.viewpair.recipes.run.Preprocessing;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * {@code viewpair preprocess} as a Spark job: one task per shard, each running the same {@link Preprocessing#shard}
 * as the local engine (so the shards are the same, byte for byte), then the index written on the driver.
 *
 * <p>Executors get the recipe's text, not its file, and resolve it as if it were at the driver's path; the dataset
 * it names must be readable at that path on every executor (local mode, or a shared mount on a cluster). The
 * shards folder is any Hadoop file system ({@link HadoopShardFolder}).
 *
 * <p>{@link #main} is the {@code spark-submit} entry point: the arguments of {@code viewpair preprocess}, with
 * {@code --engine spark} implied (docs/spark.md).
 */
public final class SparkPreprocessing {
    private SparkPreprocessing() {}

    /**
     * Writes (or keeps) every shard of the job on the context's executors, then the index and
     * {@code bad_inputs.jsonl} into {@code job.out()}.
     *
     * @param progress told of the samples done, as shards finish
     * @throws IOException when the job fails (the cause's message says why)
     */
    public static ShardJob.Result run(JavaSparkContext spark, PreprocessEngine.Job job, ShardJob.Progress progress)
            throws IOException {
        var pre = job.preprocessing();
        var plan = pre.plan();
        var folder = new HadoopShardFolder(URI.create(job.out()), spark.hadoopConfiguration());
        var task = new ShardTask(UUID.randomUUID().toString(), job.recipeFile().toString(), job.recipeText(), pre.store(),
                plan.shardSize(), plan.samples(), folder);
        var shards = IntStream.range(0, plan.shards()).boxed().toList();
        var listener = new ShardsDone(plan::count, progress);
        spark.sc().addSparkListener(listener);
        List<Outcome> outcomes;
        try {
            // one partition per shard: a shard is the unit of work and of retry
            outcomes = spark.parallelize(shards, Math.max(1, shards.size())).map(task).collect();
        } catch (Exception e) {
            // Scala throws SparkException (checked in Java) undeclared
            if (e instanceof SparkException) {
                throw new IOException("the Spark job failed: " + rootMessage(e), e);
            }
            throw e;
        } finally {
            spark.sc().removeSparkListener(listener);
        }
        var entries = new ArrayList<ShardEntry>(outcomes.size());
        int kept = 0;
        for (var o : outcomes) {
            entries.add(o.entry());
            kept += o.kept() ? 1 : 0;
        }
        pre.index(entries).write(folder);
        progress.samplesDone(plan.samples());
        return new ShardJob.Result(entries, kept);
    }

    /**
     * {@code spark-submit … viewpair-spark.jar RECIPE --out DIR [options]}: the options of
     * {@code viewpair preprocess}, run with {@code --engine spark} on the master spark-submit gives.
     */
    public static void main(String[] args) {
        var all = new ArrayList<>(List.of("preprocess"));
        all.addAll(Arrays.asList(args));
        if (all.stream().noneMatch(a -> a.equals("--engine") || a.startsWith("--engine="))) {
            all.addAll(List.of("--engine", SparkEngine.NAME));
        }
        int status = Main.commandLine().execute(all.toArray(String[]::new));
        if (status != 0) {
            System.exit(status); // on success, return: spark-submit ends the application itself
        }
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** What a task did with its shard. */
    private record Outcome(ShardEntry entry, boolean kept) implements Serializable {}

    /**
     * The work of one shard on an executor: the shard kept or written.
     *
     * @param run this run's id: the executor opens the dataset once per run
     */
    private record ShardTask(String run, String recipeFile, String recipeText, StoreMode store, int shardSize,
            long samples, HadoopShardFolder folder) implements Function<Integer, Outcome> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Outcome call(Integer k) throws Exception {
            var pre = opened(this);
            var old = pre.finished(k, folder);
            return old.isPresent() ? new Outcome(old.get(), true) : new Outcome(pre.shard(k, folder), false);
        }
    }

    // the run this executor JVM last opened the dataset for, and what it opened: opening lists the whole dataset,
    // too much to repeat for every shard; its tasks share it as the trainer's workers share a source
    private static ShardTask openedFor;
    private static Preprocessing opened;

    /** The task's run's recipe (loaded from its text) and dataset, opened once per run on this executor. */
    private static synchronized Preprocessing opened(ShardTask task) throws Exception {
        if (openedFor == null || !openedFor.run().equals(task.run())) {
            var recipe = new RecipeLoader().load(Path.of(task.recipeFile()), task.recipeText());
            var pre = Preprocessing.of(recipe, task.store(), task.shardSize());
            if (pre.plan().samples() != task.samples()) {
                throw new IllegalStateException("this executor finds " + pre.plan().samples() + " samples in "
                        + recipe.dataset().where() + ", the driver found " + task.samples()
                        + ": every machine must read the same dataset at that path (a shared mount)");
            }
            opened = pre;
            openedFor = task;
        }
        return opened;
    }

    /** Tells the progress of the samples of each shard whose task succeeded (a retried shard counts once). */
    private static final class ShardsDone extends SparkListener {
        private final IntUnaryOperator samplesOf;
        private final ShardJob.Progress progress;
        private final Set<Integer> done = ConcurrentHashMap.newKeySet();
        private final AtomicLong samples = new AtomicLong();

        ShardsDone(IntUnaryOperator samplesOf, ShardJob.Progress progress) {
            this.samplesOf = samplesOf;
            this.progress = progress;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            int k = end.taskInfo().index();
            if (end.taskInfo().successful() && done.add(k)) {
                progress.samplesDone(samples.addAndGet(samplesOf.applyAsInt(k)));
            }
        }
    }
}
