package dev.viewpair.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder a dataset's media must stay inside (the manifest's folder, a folder source's root), so that a
 * manifest line such as {@code ../../etc/passwd}, an absolute path elsewhere, or a symbolic link pointing out
 * of the tree cannot make a run read files its author did not mean to share. A recipe lifts the rule with
 * {@code dataset.allow_outside_root: true}.
 */
public final class DatasetRoot {
    /** How messages tell the user to lift the rule. */
    public static final String HOW_TO_ALLOW = "set dataset.allow_outside_root: true in the recipe to allow it";

    private final Path root;
    private final Path realRoot;

    /**
     * @param root the dataset folder
     * @throws IOException when the folder cannot be resolved (it does not exist)
     */
    public DatasetRoot(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    /** The folder, absolute and normalized. */
    public Path path() {
        return root;
    }

    /**
     * Where {@code file} leads if that is outside the root: its normalized path when that already leaves the
     * root, else its target after following symbolic links when that does; empty when it stays inside (a file
     * that does not exist is judged by its path alone: reading it will fail as a bad input).
     */
    public Optional<Path> escape(Path file) {
        var path = root.resolve(file).normalize();
        if (!path.startsWith(root)) {
            return Optional.of(path);
        }
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            var real = path.toRealPath();
            return real.startsWith(realRoot) ? Optional.empty() : Optional.of(real);
        } catch (IOException e) {
            return Optional.empty(); // vanished or unreadable: reading it will report that
        }
    }
}
