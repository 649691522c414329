package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viewpair estimate staircase} with the exact upper bounds: a short run writes the sandwich and the plot; {@code
 * vib} (which needs a stochastic encoder) is refused naming {@code vib_exact}, an unknown name listing the staircase's.
 */
class EstimateStaircaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void theExactUpperBoundsRunAndTheSandwichIsWritten() throws Exception {
        var r = CliRun.of("estimate", "staircase", "--steps-per-level", "20", "--bounds", "infonce,loo_exact,vib_exact",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        var markdown = Files.readString(dir.resolve("staircase.md"));
        assertTrue(markdown.contains("| vib_exact |") && markdown.contains("The sandwich"), markdown);
        assertTrue(Files.size(dir.resolve("staircase.png")) > 0);
    }

    @Test
    void vibAndUnknownNamesAreRefused() {
        var vib = CliRun.of("estimate", "staircase", "--bounds", "vib", "--out", dir.toString());
        assertEquals(Main.USER_ERROR, vib.exit());
        assertTrue(vib.err().contains("name vib_exact"), vib.err());
        var unknown = CliRun.of("estimate", "staircase", "--bounds", "loo_exakt", "--out", dir.toString());
        assertEquals(Main.USER_ERROR, unknown.exit());
        assertTrue(unknown.err().contains("unknown bound 'loo_exakt'") && unknown.err().contains("vib_exact"),
                unknown.err());
    }
}
