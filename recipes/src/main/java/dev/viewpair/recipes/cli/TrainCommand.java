package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.BadInputException;
import dev.viewpair.recipes.run.Training;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code viewpair train RECIPE [--out DIR]}: validates, trains, evaluates, and writes the run folder;
 * {@code viewpair train --resume RUN_DIR}: continues a run from its last checkpoint.
 */
@Command(name = "train", description = {
    "Validate a recipe, train all its pairs together, evaluate, and write the run folder.",
    "With --resume RUN_DIR, continue that run from its last checkpoint (its recipe.yaml is the recipe)."},
        footerHeading = "%nTraining settings (the recipe's train: section, defaults shown):%n",
        footer = {
            "  epochs: 10            passes over the train split",
            "  batch: 128            samples per step; the others of the batch are negatives",
            "  optimizer:            one of",
            "    {type: adamw, lr: 1e-3, weight_decay: 1e-4, betas: [0.9, 0.999], eps: 1e-8}",
            "    {type: sgd, lr: 1e-3, weight_decay: 1e-4, momentum: 0.9, nesterov: false}",
            "    {type: lars, lr: 1e-3, weight_decay: 1e-4, momentum: 0.9,",
            "     trust_coefficient: 0.001}",
            "                        weight decay and LARS's trust ratio skip biases and",
            "                        normalization parameters",
            "  schedule: constant    or cosine: down to 1%% of lr at the last step",
            "  warmup_steps: 0       linear warm-up from 0 to lr first",
            "  clip_grad_norm: 0     scale all gradients so that their global L2 norm is",
            "                        at most this (0: off)",
            "  on_nonfinite: stop    a NaN/infinite estimate or gradient stops the run",
            "                        before its update; skip: the batch leaves no trace",
            "                        (more than 5 skipped in a row stop the run)",
            "  checkpoint_every: 0   also write RUN/checkpoint every this many steps",
            "                        (always at the end), for --resume",
            "  report_every: 60s     rewrite the plots and report.html (it reloads itself)",
            "                        this often while training, or every N steps: 500;",
            "                        0: only at the end (docs/training.md)",
            "  workers: 2            threads making views while the trainer computes",
            "  devices: [cpu]        where the encoders run, one replica each: cpu, gpu,",
            "                        gpu:N; several split every batch evenly and the bounds",
            "                        still see all of its negatives (docs/devices.md)"})
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECIPE", arity = "0..1", description = "the recipe file (.yaml, .yml or .json)")
    Path recipe;

    @Option(names = "--out", paramLabel = "DIR", description = {"the run folder (default: runs/<recipe name>, or"
            + " runs/<recipe name>-2, -3 … when that exists);", "a folder that holds a run is refused unless --overwrite"})
    Path out;

    @Option(names = "--overwrite", description = "replace the run in the run folder (--out DIR or runs/<recipe name>):"
            + " its files are deleted when the new run starts writing")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue the run in RUN_DIR from its last checkpoint; metrics.jsonl keeps the steps before it")
    Path resume;

    @Option(names = "--devices", paramLabel = "LIST", split = ",",
            description = "train on these devices instead of the recipe's train.devices, e.g. gpu:0,gpu:1 or cpu;"
                    + " also when resuming (docs/devices.md)")
    List<String> devices;

    @Mixin
    RecipeOverrides overrides;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            if (out != null) {
                throw new UserError("--resume continues the run where it is: drop --out " + out);
            }
            if (overwrite) {
                throw new UserError("--resume continues the run in " + resume + ", --overwrite would delete it: drop one");
            }
            return resume(resume, recipe, devices, overrides.sets);
        }
        if (recipe == null) {
            throw new UserError("train needs a RECIPE file, or --resume RUN_DIR to continue a run");
        }
        return train(overrides.loader(), recipe, new Target(out, out != null, overwrite), devices);
    }

    /**
     * Where {@code train} puts a run ({@link NewRunFolder#choose}).
     *
     * @param folder the folder asked for; {@code null} for {@code runs/<recipe name>}
     * @param named whether the user named the folder ({@code --out}): a run there is refused, not moved past
     * @param overwrite {@code --overwrite}
     */
    record Target(Path folder, boolean named, boolean overwrite) {
        NewRunFolder choose(String recipeName) throws java.io.IOException {
            return NewRunFolder.choose(folder != null ? folder : Path.of("runs", recipeName), named, overwrite);
        }
    }

    /**
     * Trains the recipe, read by {@code loader} (with the command line's overrides), into the target's folder;
     * {@code devices}, when given, replace its train.devices.
     */
    static int train(RecipeLoader loader, Path recipeFile, Target target, List<String> devices) throws Exception {
        try {
            var recipe = loader.load(recipeFile);
            var folder = target.choose(recipe.name());
            if (folder.moved()) {
                System.out.println("viewpair: " + folder.wanted() + (Training.holdsRun(folder.wanted())
                        ? " holds an earlier run; this one goes to " + folder.dir() + " (--overwrite replaces the earlier one)"
                        : " exists; this run goes to " + folder.dir()));
            }
            var training = new Training(recipe, folder.dir(), System.out);
            try {
                return run(on(folder.replace() ? training.replacing() : training, devices));
            } finally {
                folder.releaseIfEmpty();
            }
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        }
    }

    /**
     * Continues the run in {@code runDir}; a recipe given besides must be the run's own, and overrides
     * ({@code --set}) may not change it: a run continues with the recipe it started with. Overrides of what the hash
     * leaves out (train.devices, train.report_every) apply to the resumed part.
     */
    static int resume(Path runDir, Path recipeFile, List<String> devices, List<String> sets) throws Exception {
        var stored = runDir.resolve("recipe.yaml");
        if (!Files.isRegularFile(stored)) {
            throw new UserError(runDir + " is not a run folder: " + stored + " is missing (./viewpair train writes it)");
        }
        Recipe recipe;
        Recipe changed;
        try {
            // the checkpoint holds the weights: files of starting weights (init) need not be there any more
            var loader = new RecipeLoader().weightsFromCheckpoint();
            recipe = loader.load(stored);
            changed = sets.isEmpty() ? recipe : loader.withOverrides(sets).load(stored);
            if (!changed.hash().equals(recipe.hash())) {
                throw new UserError("--set " + String.join(" --set ", sets) + " changes the run's recipe " + stored
                        + " (hash " + recipe.hash() + " → " + changed.hash() + "): a run continues with the recipe it"
                        + " started with, as an edited recipe.yaml is refused — train the changed recipe into a new"
                        + " folder: ./viewpair train " + stored + " --set …");
            }
            if (recipeFile != null) {
                var given = loader.load(recipeFile);
                if (!given.hash().equals(recipe.hash())) {
                    throw new UserError(recipeFile + " (hash " + given.hash() + ") is not the recipe of the run, "
                            + stored + " (hash " + recipe.hash() + "): leave RECIPE out to continue the run as it "
                            + "started, or train the new recipe into another folder");
                }
            }
        } catch (RecipeException e) {
            System.err.println(e.render());
            return Main.USER_ERROR;
        }
        // overrides that leave the hash as it is (train.devices, train.report_every) apply to the resumed part
        return run(on(Training.resuming(changed, runDir, System.out), devices));
    }

    private static Training on(Training training, List<String> devices) {
        return devices == null ? training : training.onDevices(devices);
    }

    private static int run(Training training) throws Exception {
        try {
            training.run();
            return 0;
        } catch (Training.TrainingStopped e) {
            // not a crash: the guard stopped the run before a NaN reached the parameters
            System.err.println("viewpair: training stopped: " + e.getMessage()
                    + " — every step before it is in the run folder's metrics.jsonl");
            return 1;
        } catch (BadInputException e) {
            // the recipe asked for it (dataset.on_bad_input: fail_fast): the file is the user's to fix
            System.err.println("viewpair: training stopped at a bad input (dataset.on_bad_input: fail_fast): " + e.getMessage()
                    + "\n  it is listed in the run folder's bad_inputs.jsonl; metrics.jsonl and the last checkpoint keep"
                    + " every step before it — fix or remove the file, or set on_bad_input: skip to go past such files");
            return Main.USER_ERROR;
        } catch (Training.CannotResume e) {
            throw new UserError("cannot resume: " + e.getMessage());
        } catch (IllegalArgumentException | ManifestException e) {
            // wiring problems that only show with real data (an empty split, a missing dataset): the user's to fix
            throw new UserError(e.getMessage());
        }
    }
}
