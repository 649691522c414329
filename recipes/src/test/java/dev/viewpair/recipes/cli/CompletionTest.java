package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viewpair completion bash|zsh}: the script, loaded into a real bash (and zsh where installed), completes
 * commands, nested commands, options and the shells themselves.
 */
class CompletionTest {
    @TempDir
    Path dir;

    /** What the shell's completion function offers for {@code viewpair WORDS…} (the last word being completed). */
    private List<String> complete(String shell, Path script, String... words) throws Exception {
        var call = shell.equals("bash")
                ? "source \"$1\"; shift; COMP_WORDS=(viewpair \"$@\"); COMP_CWORD=$#; _complete_viewpair 2>/dev/null;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\""
                // as zsh's bashcompinit calls it: in sh emulation, arrays from 0
                : "source \"$1\" >/dev/null; shift; f() { emulate -L sh; setopt kshglob noshglob braceexpand;"
                        + " COMP_WORDS=(viewpair \"$@\"); COMP_CWORD=$#; _complete_viewpair 2>/dev/null;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"; }; f \"$@\"";
        var command = new java.util.ArrayList<>(List.of(shell, "-c", call, shell, script.toString()));
        command.addAll(Arrays.asList(words));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private Path script(String shell) throws IOException {
        var r = CliRun.of("completion", shell);
        assertEquals(0, r.exit(), r.err());
        return Files.writeString(dir.resolve("viewpair." + shell), r.out());
    }

    private static boolean installed(String shell) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, shell)));
    }

    @Test
    void bashCompletesCommandsNestedCommandsOptionsAndShells() throws Exception {
        assumeTrue(installed("bash"), "bash");
        var script = script("bash");
        assertEquals(List.of("train"), complete("bash", script, "tr"));
        assertEquals(List.of("make"), complete("bash", script, "datasets", "ma"));
        assertEquals(List.of("--overwrite"), complete("bash", script, "train", "--ov"));
        assertEquals(List.of("--set"), complete("bash", script, "preview", "--se"));
        assertEquals(List.of("bash", "zsh"), complete("bash", script, "completion", ""));
    }

    /** zsh filters the candidates by the typed prefix itself: the script offers them all. */
    @Test
    void zshRunsTheSameCompletionThroughBashcompinit() throws Exception {
        assumeTrue(installed("zsh"), "zsh (apt-get install zsh)");
        var script = script("zsh");
        assertTrue(complete("zsh", script, "tr").contains("train"));
        assertTrue(complete("zsh", script, "datasets", "ma").containsAll(List.of("make", "fetch", "inspect")));
        assertTrue(complete("zsh", script, "train", "--ov").containsAll(List.of("--overwrite", "--set", "--resume")));
    }

    @Test
    void anotherShellIsAUserError() {
        var r = CliRun.of("completion", "fish");
        assertEquals(Main.USER_ERROR, r.exit());
        assertEquals("viewpair: completion for 'fish' is not made: give bash or zsh", r.err().strip());
    }
}
