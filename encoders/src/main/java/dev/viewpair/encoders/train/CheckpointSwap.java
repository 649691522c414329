package dev.viewpair.encoders.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a checkpoint folder so that a whole checkpoint is on disk at every instant, whenever the process or
 * the machine stops. A folder is complete when it holds {@code checkpoint.properties}, which {@link Checkpoint}
 * writes last and this class deletes first.
 *
 * <ol>
 *   <li>The new checkpoint is written into {@code <folder>.tmp} and forced to disk, files and folder.
 *   <li>If {@code <folder>} is complete, it is moved aside to {@code <folder>.old} (a stale {@code .old} removed
 *       first, while {@code <folder>} is still complete); if it is not, what is left of it is removed ({@code
 *       <folder>.old}, if complete, is the checkpoint meanwhile).
 *   <li>{@code <folder>.tmp} is moved to {@code <folder>}, and the parent folder forced to disk.
 *   <li>Only then is {@code <folder>.old} deleted.
 * </ol>
 *
 * {@link #find} looks in {@code <folder>}, then {@code <folder>.old}, and takes the first that is complete.
 */
public final class CheckpointSwap {
    /** The points between the swap's steps, where a crash is simulated in the tests. */
    enum Stage {
        /** The new checkpoint is complete in {@code .tmp}. */
        WRITTEN,
        /** The stale {@code .old} is gone; the folder is complete. */
        STALE_OLD_REMOVED,
        /** The complete folder is now {@code .old}. */
        MOVED_ASIDE,
        /** An incomplete folder was removed. */
        INCOMPLETE_REMOVED,
        /** The new checkpoint is the folder. */
        MOVED_IN,
        /** {@code .old} is deleted: the swap is done. */
        OLD_DELETED
    }

    /** Writes a checkpoint's files into an empty folder. */
    @FunctionalInterface
    interface Writer {
        void write(Path folder) throws IOException;
    }

    /** Hears each stage as the swap reaches it. */
    @FunctionalInterface
    interface StageListener {
        void reached(Stage stage) throws IOException;
    }

    private CheckpointSwap() {}

    /**
     * The complete checkpoint a swap left at {@code folder}: the folder itself, or {@code <folder>.old} when a crash
     * came while a new one was being moved in; empty when there is none.
     */
    public static Optional<Path> find(Path folder) {
        for (Path candidate : List.of(folder, sibling(folder, ".old"))) {
            if (isComplete(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Writes a new checkpoint at {@code folder}, replacing the one there (see the class comment). */
    static void replace(Path folder, Writer writer) throws IOException {
        replace(folder, writer, stage -> {});
    }

    /** As {@link #replace(Path, Writer)}, telling {@code listener} each stage reached. */
    static void replace(Path folder, Writer writer, StageListener listener) throws IOException {
        Path fresh = sibling(folder, ".tmp");
        Path old = sibling(folder, ".old");
        Path parent = folder.toAbsolutePath().getParent();
        deleteTree(fresh);
        Files.createDirectories(fresh);
        writer.write(fresh);
        syncFolder(fresh);
        listener.reached(Stage.WRITTEN);
        if (isComplete(folder)) {
            deleteTree(old);
            listener.reached(Stage.STALE_OLD_REMOVED);
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(parent);
            listener.reached(Stage.MOVED_ASIDE);
        } else {
            deleteTree(folder);
            listener.reached(Stage.INCOMPLETE_REMOVED);
        }
        Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(parent);
        listener.reached(Stage.MOVED_IN);
        deleteTree(old);
        listener.reached(Stage.OLD_DELETED);
    }

    private static boolean isComplete(Path folder) {
        return Files.isRegularFile(folder.resolve(Checkpoint.PROPERTIES_FILE));
    }

    private static Path sibling(Path folder, String suffix) {
        return folder.resolveSibling(folder.getFileName() + suffix);
    }

    /** Forces every file of the folder, then the folder's entries, to disk (where the file system allows). */
    private static void syncFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
        syncDirectory(folder);
    }

    private static void syncDirectory(Path folder) {
        try (var channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    /** Deletes a folder and what it holds, the properties file first: a folder half deleted is never complete. */
    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.deleteIfExists(folder.resolve(Checkpoint.PROPERTIES_FILE));
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
