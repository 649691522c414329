package dev.viewpair.datasets;

import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.storage.StoredFolder;
import java.io.Serial;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder a manifest's media paths are relative to, and must stay inside unless the recipe allows otherwise: a
 * folder of this machine ({@link Local}, guarded by {@link DatasetRoot}) or one reached by URI ({@link Stored}).
 * The CSV and JSONL manifests read their paths through it, so both kinds of folder give the same samples.
 */
public sealed interface MediaFolder {
    /**
     * A media path resolved.
     *
     * @param media where the file is
     * @param relative its path relative to the folder with {@code /} separators (a sample's id when the manifest
     *     gives none)
     */
    record Resolved(MediaRef media, String relative) {}

    /** A media path that is not one, or that leads out of the folder; the message reads on after the quoted path. */
    final class BadPath extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        BadPath(String problem) {
            super(problem);
        }
    }

    /**
     * Resolves a path as a manifest gives it.
     *
     * @param allowOutsideRoot whether it may lead out of the folder ({@code dataset.allow_outside_root})
     * @throws BadPath when it is not a valid path, or leads out without {@code allowOutsideRoot}
     */
    Resolved resolve(String path, boolean allowOutsideRoot) throws BadPath;

    /** A folder of this machine; symbolic links that lead out of it count as leading out. */
    record Local(DatasetRoot root) implements MediaFolder {
        @Override
        public Resolved resolve(String cell, boolean allowOutsideRoot) throws BadPath {
            Path path;
            try {
                path = root.path().resolve(cell).normalize();
            } catch (InvalidPathException e) {
                throw new BadPath("is not a valid path (" + e.getReason() + ")");
            }
            var escape = allowOutsideRoot ? Optional.<Path>empty() : root.escape(path);
            if (escape.isPresent()) {
                throw outside(root.path().toString(), escape.get().equals(path) ? "" : " (a symbolic link to " + escape.get() + ")");
            }
            // '/' on every OS, so the id (and the split it hashes to) does not depend on it
            return new Resolved(new MediaRef.FileMedia(path), root.path().relativize(path).toString().replace('\\', '/'));
        }
    }

    /** A folder in a {@link Storage}: a path may also be a whole URI, read through the same storage. */
    record Stored(Storage storage, StoredFolder folder) implements MediaFolder {
        @Override
        public Resolved resolve(String cell, boolean allowOutsideRoot) throws BadPath {
            java.net.URI uri;
            try {
                uri = folder.resolve(cell);
            } catch (URISyntaxException e) {
                throw new BadPath("is not a valid path (" + e.getReason() + ")");
            }
            if (!allowOutsideRoot && !folder.contains(uri)) {
                throw outside(folder.toString(), "");
            }
            return new Resolved(new MediaRef.StoredMedia(storage, uri), folder.relative(uri));
        }
    }

    private static BadPath outside(String folder, String link) {
        return new BadPath("leads out of the dataset folder " + folder + link + "; paths are relative to the manifest's folder — "
                + DatasetRoot.HOW_TO_ALLOW);
    }
}
