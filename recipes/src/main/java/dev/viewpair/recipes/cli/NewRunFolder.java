package dev.viewpair.recipes.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code train} writes a new run without losing an earlier one: the default folder {@code runs/NAME}, or
 * {@code runs/NAME-2}, {@code runs/NAME-3} … when it holds a run; a folder named with {@code --out} that holds a run
 * is refused unless {@code --overwrite} is given, which empties it first.
 *
 * @param dir the folder the run goes to (it exists)
 * @param wanted the folder asked for: {@code dir}, unless that holds a run
 */
record NewRunFolder(Path dir, Path wanted) {
    /** What a run writes first or keeps longest: any of them means the folder holds a run. */
    private static final List<String> RUN_FILES = List.of("recipe.yaml", "metrics.jsonl", "checkpoint", "checkpoint.old");

    /** Whether the run goes to another folder than the one asked for, because that one holds a run. */
    boolean moved() {
        return !dir.equals(wanted);
    }

    /** Whether {@code dir} holds a run (its recipe, metrics or a checkpoint). */
    static boolean holdsRun(Path dir) {
        return RUN_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)));
    }

    /**
     * The folder for a new run.
     *
     * @param wanted {@code --out DIR}, or the default {@code runs/NAME}
     * @param named whether the user named it ({@code --out}): then a run there is refused, never moved past
     * @param overwrite {@code --overwrite}: the run in {@code wanted} is deleted and the new one takes its place
     * @throws UserError when a named folder holds a run and {@code overwrite} is not given
     */
    static NewRunFolder choose(Path wanted, boolean named, boolean overwrite) throws IOException {
        if (!holdsRun(wanted)) {
            Files.createDirectories(wanted);
            return new NewRunFolder(wanted, wanted);
        }
        if (overwrite) {
            empty(wanted);
            return new NewRunFolder(wanted, wanted);
        }
        if (named) {
            throw new UserError("--out " + wanted + " holds a run (" + present(wanted) + "): train into another folder,"
                    + " continue that run with --resume " + wanted + ", or replace it with --overwrite");
        }
        var parent = wanted.toAbsolutePath().getParent();
        for (int k = 2; ; k++) {
            var next = wanted.resolveSibling(wanted.getFileName() + "-" + k);
            try {
                Files.createDirectories(parent);
                // created here or taken: two runs started at once never share a folder
                Files.createDirectory(next);
                return new NewRunFolder(next, wanted);
            } catch (FileAlreadyExistsException e) {
                // runs/NAME-k is taken (by a run, or by anything else): try the next number
            }
        }
    }

    /** The run files found in {@code dir}, for the message. */
    private static String present(Path dir) {
        return String.join(", ", RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList());
    }

    /** Deletes everything in {@code dir}, which stays. */
    private static void empty(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (var p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
