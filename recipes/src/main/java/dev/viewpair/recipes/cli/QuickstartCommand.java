package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code viewpair quickstart}: makes the synth-av dataset under {@code data/synth-av} if it is not there,
 * then trains {@code recipes/quickstart.yaml} into {@code runs/quickstart}.
 */
@Command(name = "quickstart", description = "Generate data/synth-av if missing, then train recipes/quickstart.yaml.")
final class QuickstartCommand implements Callable<Integer> {
    static final int SIZE = 2000;
    static final long SEED = 1;

    @Option(names = "--recipe", defaultValue = "recipes/quickstart.yaml", description = "the recipe (default ${DEFAULT-VALUE})")
    Path recipe;

    @Option(names = "--data", defaultValue = "data/synth-av", description = "where the dataset lives (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: runs/quickstart, or runs/quickstart-2,"
            + " -3 … when that exists); a folder that holds a run is refused unless --overwrite")
    Path out;

    @Option(names = "--overwrite", description = "replace the run in the run folder: its files are deleted when the new run starts writing")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        // the defaults name places in the project folder, wherever the launcher was started from
        var home = Path.of(System.getProperty("viewpair.home", "."));
        recipe = home.resolve(recipe);
        data = home.resolve(data);
        var target = new TrainCommand.Target(home.resolve(out != null ? out : Path.of("runs", "quickstart")), out != null, overwrite);
        if (!Files.exists(data.resolve(SynthAv.MANIFEST))) {
            System.out.println("making the quickstart dataset (" + SIZE + " samples) in " + data);
            DatasetsCommand.Make.make("synth-av", data, SIZE, SEED);
        }
        return TrainCommand.train(new RecipeLoader(), recipe, target, null);
    }
}
