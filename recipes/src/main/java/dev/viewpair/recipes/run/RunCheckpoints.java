package dev.viewpair.recipes.run;

import dev.viewpair.encoders.train.CheckpointSwap;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.encoders.train.SharedTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * A run's checkpoints, written between steps into {@code RUN/checkpoint} ({@link SharedTrainer#save}, swapped in
 * whole) with the recipe's hash and the loader's position in the epoch: every {@code train.checkpoint_every}
 * steps and once at the end, each followed by its line in {@code metrics.jsonl}.
 */
final class RunCheckpoints {
    private final SharedTrainer trainer;
    private final Path runDir;
    private final String recipeHash;
    private final DataPosition position;
    private final RunRecords records;
    private final int every;
    /** The step of the last checkpoint written (or kept, resuming), −1 before any. */
    private long last;

    /**
     * @param every write one after every {@code every} steps (0: only at the end)
     * @param last the step of the checkpoint the run already has, or −1
     */
    RunCheckpoints(SharedTrainer trainer, Path runDir, String recipeHash, DataPosition position, RunRecords records,
            int every, long last) {
        this.trainer = trainer;
        this.runDir = runDir;
        this.recipeHash = recipeHash;
        this.position = position;
        this.records = records;
        this.every = every;
        this.last = last;
    }

    /** Where a run writes its checkpoint. */
    static Path folder(Path runDir) {
        return runDir.resolve("checkpoint");
    }

    /**
     * The last complete checkpoint of a run: {@code RUN/checkpoint}, or {@code RUN/checkpoint.old} when the run
     * stopped while a new checkpoint was being swapped in ({@link CheckpointSwap#find}); empty before the first.
     */
    static Optional<Path> last(Path runDir) {
        return CheckpointSwap.find(folder(runDir));
    }

    /** After a step: a checkpoint when one is due. */
    void afterStep(long step) {
        if (every > 0 && (step + 1) % every == 0) {
            save();
        }
    }

    /** After the last epoch: the final checkpoint, unless the last step's is already written. */
    void atEnd() {
        if (last != trainer.step()) {
            save();
        }
    }

    /** Training stopped on a non-finite value: the error names the last good checkpoint, if any. */
    Training.TrainingStopped stopped(NonFiniteLossException e) {
        var kept = last < 0 ? null : last(runDir).orElse(null);
        return new Training.TrainingStopped(e, kept, last, runDir);
    }

    private void save() {
        var extra = new LinkedHashMap<String, String>(position.describe());
        extra.put("recipe_hash", recipeHash);
        try {
            trainer.save(folder(runDir), extra);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + runDir, e);
        }
        records.checkpoint(trainer.step());
        last = trainer.step();
    }
}
