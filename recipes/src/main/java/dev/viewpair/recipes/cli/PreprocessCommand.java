package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.shards.LocalShardFolder;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.Preprocessing;
import dev.viewpair.recipes.run.Progress;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair preprocess RECIPE --out DIR}: decodes the recipe's dataset once into memory-mappable shards. */
@Command(name = "preprocess", description = {
    "Decode every sample of the recipe's dataset once and write shards (NumPy .npy arrays and index.json) to train from"
            + " with dataset: {type: shards, path: DIR}. A rerun keeps the shards that are complete and writes the rest."})
final class PreprocessCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECIPE", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the shards folder")
    Path out;

    @Option(names = "--store", paramLabel = "decoded|views", defaultValue = "decoded",
            description = "decoded: images and sound, views still drawn every epoch (default); views: the view tensors,"
                    + " drawn once (every epoch then sees the same views)")
    String store;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "256", description = "samples per shard (default: 256)")
    int shardSize;

    @Option(names = "--threads", paramLabel = "N", description = "samples decoded at once (default: the processor count)")
    Integer threads;

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
            var r = new RecipeLoader().load(recipe);
            var pre = Preprocessing.of(r, mode, shardSize);
            System.out.printf("viewpair: preprocessing %s — %s into %d shards of %d (%s)%n", r.name(),
                    pre.source().describe(), pre.plan().shards(), shardSize, mode.cliName());
            var folder = new LocalShardFolder(out);
            ShardIndex index;
            int kept;
            try (var bar = Progress.bar("preprocess", pre.plan().samples(), "samples")) {
                var result = pre.run(folder, workers, bar::stepTo);
                index = pre.index(result.entries());
                kept = result.kept();
            }
            System.out.printf("wrote %d shards (%d kept from an earlier run): %d samples, %d skipped%s%n",
                    index.shards().size() - kept, kept, index.samples(), index.skipped(),
                    index.skipped() > 0 ? " (listed in " + out.resolve(ShardIndex.BAD_INPUTS) + ")" : "");
            System.out.println("index: " + out.resolve(ShardIndex.FILE));
            System.out.println("train from them with  dataset: {type: shards, path: " + out + "}");
            return 0;
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        } catch (IllegalArgumentException | ManifestException e) {
            throw new UserError(e.getMessage());
        }
    }
}
