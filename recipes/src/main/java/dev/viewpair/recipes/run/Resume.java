package dev.viewpair.recipes.run;

import dev.viewpair.datasets.loader.BadInput;
import dev.viewpair.encoders.train.Checkpoint;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.run.Training.CannotResume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a run starts, and what a resumed run takes back of the interrupted one: its checkpoint (checked against
 * the recipe before anything is written), the records of {@code metrics.jsonl} up to it, and the bad inputs it
 * listed.
 *
 * @param folder the checkpoint folder, or {@code null} for a fresh run
 * @param step the steps taken before it
 * @param epoch the epoch it was taken in
 * @param sampleInEpoch the samples of that epoch consumed before it, bad ones included
 */
record Resume(Path folder, long step, int epoch, long sampleInEpoch) {
    /** A fresh run: step 0 of epoch 0. */
    static final Resume FRESH = new Resume(null, 0, 0, 0);

    /** Whether the run continues an interrupted one. */
    boolean resuming() {
        return folder != null;
    }

    /**
     * Finds the checkpoint to resume from and checks it against the run's recipe (its hash), before
     * anything is written.
     *
     * @throws CannotResume naming the file and what to do
     */
    static Resume check(Recipe recipe, Path runDir) {
        var recipeFile = runDir.resolve("recipe.yaml");
        var folder = Training.lastCheckpoint(runDir).orElseThrow(() -> new CannotResume(
                runDir + " has no checkpoint (" + RunCheckpoints.folder(runDir).resolve("checkpoint.properties")
                        + " is missing): the run stopped before its first one. Start it again with ./viewpair train "
                        + recipeFile + " --out " + runDir + " (train.checkpoint_every sets how often they are written)",
                null));
        Checkpoint.Info info;
        try {
            info = Checkpoint.read(folder);
        } catch (IOException e) {
            throw new CannotResume(e.getMessage() + "; the checkpoint is unreadable: start the run again with ./viewpair "
                    + "train " + recipeFile + " --out " + runDir, e);
        }
        String written = info.extra().get("recipe_hash");
        if (!recipe.hash().equals(written)) {
            throw new CannotResume("the checkpoint " + folder + " was written by the recipe with hash " + written
                    + ", but " + recipeFile + " (the run's recipe) now has hash " + recipe.hash()
                    + ": the recipe was changed after the run started. Restore it, or start a new run in another folder",
                    null);
        }
        try {
            int epoch = Integer.parseInt(info.extra().getOrDefault("data.epoch", "0"));
            long sample = Long.parseLong(info.extra().getOrDefault("data.sample_in_epoch", "0"));
            return new Resume(folder, info.step(), epoch, sample);
        } catch (NumberFormatException e) {
            throw new CannotResume(folder.resolve("checkpoint.properties") + " is damaged (" + e.getMessage()
                    + "): start the run again with ./viewpair train " + recipeFile + " --out " + runDir, e);
        }
    }

    /**
     * Loads the checkpoint into the trainer.
     *
     * @throws CannotResume when it cannot be read
     */
    void load(SharedTrainer trainer, Path runDir) {
        try {
            trainer.load(folder);
        } catch (IOException | RuntimeException e) {
            throw new CannotResume(folder + " cannot be read (" + e.getMessage() + "); the checkpoint is "
                    + "damaged: start the run again with ./viewpair train " + runDir.resolve("recipe.yaml")
                    + " --out " + runDir, e);
        }
    }

    /**
     * The records of {@code metrics.jsonl} written before the checkpoint: its steps, the epochs before its epoch,
     * the checkpoint lines up to it; a line cut short by the crash and everything after the checkpoint are
     * dropped. A periodic checkpoint's line (written right after its step's) is added when the crash came before
     * it was written; the final checkpoint's line follows the last epoch's and is written again after it.
     */
    List<Map<String, Object>> keptRecords(Path file, int every) throws IOException {
        var kept = new ArrayList<Map<String, Object>>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Map<String, Object> r;
                try {
                    r = MetricsLog.parse(line);
                } catch (IOException e) {
                    break; // the line the kill cut short
                }
                long at = r.get("step") instanceof Number n ? n.longValue() : -1;
                boolean before = switch (String.valueOf(r.get("type"))) {
                    case "step", "skipped" -> at < step;
                    case "checkpoint" -> at <= step;
                    case "epoch" -> r.get("epoch") instanceof Number e && e.intValue() < epoch;
                    default -> true;
                };
                if (!before) {
                    break;
                }
                kept.add(r);
            }
        }
        var last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        boolean periodic = every > 0 && step % every == 0;
        if (periodic && (last == null || !"checkpoint".equals(last.get("type")))) {
            kept.add(Map.of("type", "checkpoint", "step", step));
        }
        return kept;
    }

    /** The bad-input log, keeping (on resume) what the run reported before. */
    BadInputLog badInputLog(Path file, boolean failFast, Consumer<String> notice) throws IOException {
        var earlier = resuming() && Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
        var log = new BadInputLog(file, failFast, notice);
        for (String line : earlier) {
            try {
                var r = MetricsLog.parse(line);
                log.restore(new BadInput(String.valueOf(r.get("id")), String.valueOf(r.get("file")),
                        String.valueOf(r.get("reason"))));
            } catch (IOException e) {
                break; // cut short by the crash
            }
        }
        return log;
    }
}
