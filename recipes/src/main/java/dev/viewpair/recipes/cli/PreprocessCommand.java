package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.shards.LocalShardFolder;
import dev.viewpair.datasets.shards.ShardJob;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.PreprocessEngine;
import dev.viewpair.recipes.run.Preprocessing;
import dev.viewpair.recipes.run.Progress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair preprocess RECIPE --out DIR}: decodes the recipe's dataset once into memory-mappable shards. */
@Command(name = "preprocess", description = {
    "Decode every sample of the recipe's dataset once and write shards (NumPy .npy arrays and index.json) to train from"
            + " with dataset: {type: shards, path: DIR}. A rerun keeps the shards that are complete and writes the rest."})
final class PreprocessCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECIPE", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Mixin
    RecipeOverrides overrides;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "the shards folder; with --engine spark also a Hadoop URI (hdfs://…, s3a://…, file:/…)")
    String out;

    @Option(names = "--store", paramLabel = "decoded|views", defaultValue = "decoded",
            description = "decoded: images and sound, views still drawn every epoch (default); views: the view tensors,"
                    + " drawn once (every epoch then sees the same views)")
    String store;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "256", description = "samples per shard (default: 256)")
    int shardSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "samples decoded at once with --engine local (default: the processor count)")
    Integer threads;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = LOCAL,
            description = "local: this machine's threads (default); spark: an Apache Spark job, one task per shard"
                    + " (docs/spark.md)")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "with --engine spark: the Spark master (default local[*], all cores of this machine;"
                    + " under spark-submit, its --master)")
    String master;

    private static final String LOCAL = "local";

    @Override
    public Integer call() throws Exception {
        try {
            var mode = StoreMode.parse(store);
            if (shardSize < 1) {
                throw new UserError("--shard-size must be at least 1, got " + shardSize);
            }
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (workers < 1) {
                throw new UserError("--threads must be at least 1, got " + workers);
            }
            var other = LOCAL.equals(engine) ? null : otherEngine();
            if (other == null && master != null) {
                throw new UserError("--master is for --engine spark; --engine local runs on this machine (--threads N)");
            }
            if (other != null && threads != null) {
                throw new UserError("--threads is for --engine local; " + engine + " runs one shard per core of --master"
                        + " (local[N]: N cores of this machine)");
            }
            // a plain path or a file: URI is this machine's folder (on a cluster: a shared mount); the Spark engine
            // also writes to other Hadoop file systems by URI
            var dir = hasScheme(out) && !out.startsWith("file:") ? null : localFolder(out);
            if (dir == null && other == null) {
                throw new UserError("--engine local writes to a folder of this machine, not " + out
                        + " — write to a Hadoop file system with --engine spark");
            }
            var where = dir != null ? dir.toString() : out;
            var r = overrides.loader().load(recipe);
            var pre = Preprocessing.of(r, mode, shardSize);
            System.out.printf("viewpair: preprocessing %s — %s into %d shards of %d (%s, engine %s)%n", r.name(),
                    pre.source().describe(), pre.plan().shards(), shardSize, mode.cliName(), engine);
            ShardJob.Result result;
            try (var bar = Progress.bar("preprocess", pre.plan().samples(), "samples")) {
                if (other == null) {
                    result = pre.run(new LocalShardFolder(dir), workers, bar::stepTo);
                } else {
                    // the resolved recipe (overrides written in, paths absolute): what the workers load as this file
                    var job = new PreprocessEngine.Job(recipe.toAbsolutePath().normalize(), r.toYaml(), pre,
                            dir != null ? dir.toUri().toString() : out, master);
                    result = other.run(job, bar::stepTo);
                }
            }
            var index = pre.index(result.entries());
            int kept = result.kept();
            var sep = where.endsWith("/") ? "" : "/";
            System.out.printf("wrote %d shards (%d kept from an earlier run): %d samples, %d skipped%s%n",
                    index.shards().size() - kept, kept, index.samples(), index.skipped(),
                    index.skipped() > 0 ? " (listed in " + where + sep + ShardIndex.BAD_INPUTS + ")" : "");
            System.out.println("index: " + where + sep + ShardIndex.FILE);
            if (dir == null) {
                System.out.println("training reads shards from a local folder: copy them there (hadoop fs -get " + where
                        + " DIR) and train with  dataset: {type: shards, path: DIR}");
            } else {
                System.out.println("train from them with  dataset: {type: shards, path: " + where + "}");
            }
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException | ManifestException e) {
            throw new UserError(e.getMessage());
        }
    }

    private PreprocessEngine otherEngine() {
        return PreprocessEngine.named(engine).orElseThrow(() -> {
            var names = new java.util.ArrayList<>(List.of(LOCAL));
            PreprocessEngine.installed().forEach(e -> names.add(e.name()));
            var hint = "spark".equals(engine)
                    ? " — its module (viewpair-spark) is not on the classpath: the ./viewpair launcher adds it, a release"
                            + " has it when built with -Pdist,dist-spark (docs/install.md); from Java, depend on"
                            + " dev.viewpair:viewpair-spark"
                    : "";
            return new UserError("no preprocessing engine '" + engine + "'" + hint + " (installed: " + String.join(", ", names) + ")");
        });
    }

    /** The absolute local folder {@code --out} names: a path or a {@code file:} URI. */
    private static Path localFolder(String out) {
        return (hasScheme(out) ? Path.of(URI.create(out)) : Path.of(out)).toAbsolutePath().normalize();
    }

    /** Whether a location is a URI with a scheme ({@code hdfs://…}) rather than a path. */
    private static boolean hasScheme(String location) {
        return location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    }
}
