package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.run.Training;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code train} writes a new run without losing an earlier one. The default folder, {@code runs/NAME}, is
 * taken by creating it, and when it exists (an earlier run's) {@code runs/NAME-2}, {@code runs/NAME-3} … are tried:
 * two runs started at once never share one. A folder named with {@code --out} that holds a run is refused unless
 * {@code --overwrite} is given; the run then replaces the earlier one when it starts writing
 * ({@link Training#replacing()}).
 *
 * @param dir the folder the run goes to
 * @param wanted the folder asked for: {@code dir}, unless that one exists already
 * @param claimed whether {@code dir} was created here, empty (it is removed again when the run writes nothing)
 * @param replace whether {@code dir} holds a run that the new one replaces ({@code --overwrite})
 */
record NewRunFolder(Path dir, Path wanted, boolean claimed, boolean replace) {
    /** Whether the run goes to another folder than the one asked for, because that one exists. */
    boolean moved() {
        return !dir.equals(wanted);
    }

    /**
     * The folder for a new run.
     *
     * @param wanted {@code --out DIR}, or the default {@code runs/NAME}
     * @param named whether the user named it ({@code --out}): then a run there is refused, never moved past
     * @param overwrite {@code --overwrite}: a run in {@code wanted} is replaced
     * @throws UserError when a named folder holds a run and {@code overwrite} is not given
     */
    static NewRunFolder choose(Path wanted, boolean named, boolean overwrite) throws IOException {
        boolean holds = Training.holdsRun(wanted);
        if (named || overwrite) {
            if (holds && !overwrite) {
                throw new UserError("--out " + wanted + " holds a run (" + Training.runFiles(wanted) + "): train into"
                        + " another folder, continue that run with --resume " + wanted + ", or replace it with --overwrite");
            }
            return new NewRunFolder(wanted, wanted, false, holds);
        }
        var parent = wanted.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        for (int k = 1; ; k++) {
            var next = k == 1 ? wanted : wanted.resolveSibling(wanted.getFileName() + "-" + k);
            try {
                Files.createDirectory(next);
                return new NewRunFolder(next, wanted, true, false);
            } catch (FileAlreadyExistsException e) {
                // taken: by an earlier run, or by a run started a moment ago; try the next number
            }
        }
    }

    /** Removes a folder claimed here that the run left empty (it stopped before writing anything). */
    void releaseIfEmpty() throws IOException {
        if (claimed) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                // the run wrote into it: it stays
            }
        }
    }
}
