package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: Debian's {@code /usr/bin/python3} with PyTorch, the peer some tests check viewpair's blocks against.
 * The tests must pass without it: {@link #assumeModules} skips the caller where a module is missing.
 */
final class DebianPython {
    static final String PYTHON = "/usr/bin/python3";

    private DebianPython() {}

    /** What a script printed (standard output and error together) and its exit status (−1: it could not run). */
    record Result(int exit, String output) {}

    /** Skips the calling test unless Debian's python imports every module named ({@code "torch", "torchvision"}). */
    static void assumeModules(String... modules) {
        assumeTrue(run("-c", "import " + String.join(", ", modules)).exit() == 0,
                "needs " + PYTHON + " with " + String.join(" and ", modules));
    }

    /** Runs python with these arguments (a script and its arguments, or {@code -c CODE}), waiting up to 5 minutes. */
    static Result run(String... args) {
        var command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(300, TimeUnit.SECONDS) ? new Result(process.exitValue(), output) : new Result(-1, output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs python as {@link #run} does and asserts it ended well; returns what it printed. */
    static String runOk(String... args) {
        var result = run(args);
        assertEquals(0, result.exit(), result.output());
        return result.output();
    }
}
