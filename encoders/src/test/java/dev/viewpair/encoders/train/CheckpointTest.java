package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Bilinear;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.MlpEncoder;
import dev.viewpair.encoders.train.CheckpointSwap.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint format's versions, and the swap that keeps a whole checkpoint on disk at every instant. */
class CheckpointTest {
    private static final PairedClusters DATA = new PairedClusters(4, 21);

    private static SharedTrainer trainer(long seed) {
        return SharedTrainer.builder()
                .encoder("image", MlpEncoder.builder().hidden(16).dim(8).build(), "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Bilinear(8), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 1e-4))
                .seed(seed)
                .device(Device.cpu())
                .build();
    }

    /** The simulated crash: the process stops at a stage of the swap. */
    private static final class Crash extends RuntimeException {}

    /** What is on disk when a swap starts. */
    private enum Before {
        /** No checkpoint yet. */
        NONE,
        /** A complete checkpoint in the folder. */
        COMPLETE,
        /** A complete checkpoint in the folder and a stale complete {@code .old} beside it. */
        COMPLETE_AND_STALE_OLD,
        /** A complete {@code .old} and an incomplete folder (what a crash inside an older swap could leave). */
        INCOMPLETE_AND_OLD
    }

    private static List<Stage> stagesOf(Before before) {
        return switch (before) {
            case NONE, INCOMPLETE_AND_OLD -> List.of(Stage.WRITTEN, Stage.INCOMPLETE_REMOVED, Stage.MOVED_IN, Stage.OLD_DELETED);
            case COMPLETE, COMPLETE_AND_STALE_OLD ->
                    List.of(Stage.WRITTEN, Stage.STALE_OLD_REMOVED, Stage.MOVED_ASIDE, Stage.MOVED_IN, Stage.OLD_DELETED);
        };
    }

    /** Lays out what is on disk before the swap, from checkpoints of the trainer's current step. */
    private static void lay(Before before, SharedTrainer trainer, Path folder) throws IOException {
        Path old = folder.resolveSibling("checkpoint.old");
        switch (before) {
            case NONE -> { }
            case COMPLETE -> trainer.save(folder);
            case COMPLETE_AND_STALE_OLD -> {
                trainer.save(old);
                trainer.save(folder);
            }
            case INCOMPLETE_AND_OLD -> {
                trainer.save(old);
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("encoder-image.params"), "cut short");
            }
        }
    }

    @Test
    void aCrashBetweenAnyTwoStepsOfTheSwapLeavesAWholeCheckpointThatLoads(@TempDir Path dir) throws IOException {
        try (var trainer = trainer(1); var restored = trainer(2)) {
            for (Before before : Before.values()) {
                trainer.trainStep(0, DATA.batch(8, "a", "b"), 0);
                Path whole = dir.resolve(before + "-whole").resolve("checkpoint");
                lay(before, trainer, whole);
                var reached = new ArrayList<Stage>();
                CheckpointSwap.replace(whole, fresh -> trainer.writeCheckpoint(fresh, Map.of()), reached::add);
                assertEquals(stagesOf(before), reached, before + ": the swap's steps");
                assertEquals(Optional.of(whole), CheckpointSwap.find(whole));
                for (Stage crashAt : stagesOf(before)) {
                    Path folder = dir.resolve(before + "-" + crashAt).resolve("checkpoint");
                    trainer.trainStep(0, DATA.batch(8, "a", "b"), 0);
                    long earlier = trainer.step();
                    lay(before, trainer, folder);
                    trainer.trainStep(0, DATA.batch(8, "a", "b"), 0);
                    long later = trainer.step();
                    var stages = new ArrayList<Stage>();
                    assertThrows(Crash.class, () -> CheckpointSwap.replace(folder,
                            fresh -> trainer.writeCheckpoint(fresh, Map.of()), stage -> {
                                stages.add(stage);
                                if (stage == crashAt) {
                                    throw new Crash();
                                }
                            }));
                    assertEquals(stagesOf(before).subList(0, stages.size()), stages, before + ": the swap's steps");

                    Optional<Path> found = CheckpointSwap.find(folder);
                    String at = before + ", crash after " + crashAt;
                    if (before == Before.NONE && crashAt.compareTo(Stage.MOVED_IN) < 0) {
                        assertTrue(found.isEmpty(), at + ": no checkpoint was there yet");
                        continue;
                    }
                    assertTrue(found.isPresent(), at + ": a whole checkpoint is on disk");
                    long expected = crashAt.compareTo(Stage.MOVED_IN) < 0 ? earlier : later;
                    assertEquals(expected, Checkpoint.read(found.get()).step(), at);
                    restored.load(found.get());
                    assertEquals(expected, restored.step(), at + ": it loads");

                    trainer.save(folder); // the next save after the crash swaps cleanly
                    assertEquals(Optional.of(folder), CheckpointSwap.find(folder), at);
                    assertEquals(later, Checkpoint.read(folder).step(), at);
                    assertFalse(Files.exists(folder.resolveSibling("checkpoint.tmp")), at);
                    assertFalse(Files.exists(folder.resolveSibling("checkpoint.old")), at);
                }
            }
        }
    }

    @Test
    void aParametersOnlyCheckpointOfFormat1StillLoads(@TempDir Path folder) throws IOException {
        var evaluation = DATA.batches(1, 8, "a", "b");
        float[][] trained;
        try (var trainer = trainer(3)) {
            trainer.trainEpoch(0, DATA.batches(3, 8, "a", "b").iterator());
            trained = trainer.embed("image", evaluation.iterator(), "a");
            trainer.save(folder);
        }
        // as version 1 wrote it: parameters and step, no optimizer state
        Path properties = folder.resolve("checkpoint.properties");
        Files.writeString(properties, Files.readString(properties)
                .replace("viewpair-checkpoint-2", "viewpair-checkpoint-1"));
        Files.delete(folder.resolve("optimizer.state"));
        try (var restored = trainer(4)) {
            restored.load(folder);
            assertEquals(3, restored.step());
            float[][] loaded = restored.embed("image", evaluation.iterator(), "a");
            for (int i = 0; i < trained.length; i++) {
                assertArrayEquals(trained[i], loaded[i], "row " + i);
            }
            assertEquals(0, restored.optimizer().updates(), "the optimizer starts afresh");
            restored.trainStep(0, DATA.batch(8, "a", "b"), 0);
            assertEquals(4, restored.step());
        }
        Files.writeString(properties, Files.readString(properties)
                .replace("viewpair-checkpoint-1", "viewpair-checkpoint-9"));
        var e = assertThrows(IOException.class, () -> Checkpoint.read(folder));
        assertTrue(e.getMessage().contains("unknown checkpoint format: viewpair-checkpoint-9"), e.getMessage());
    }
}
