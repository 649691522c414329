package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.RecipeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train.devices}: its forms, the default, its problems with positions, and its place outside the hash. */
class DevicesRecipeTest {
    private static final String BASE = fixture("av-quickstart.yaml");
    private static final String WORKERS = "workers: 2}";

    @TempDir
    Path dir;

    private String withDevices(String devices) {
        return edit(BASE, WORKERS, "workers: 2, devices: " + devices + "}");
    }

    @Test
    void devicesAreAListOrOneNameAndDefaultToTheCpu() throws RecipeException {
        assertEquals(List.of("cpu"), RecipeFiles.load(dir, "default.yaml", BASE).train().devices());
        var two = RecipeFiles.load(dir, "two.yaml", withDevices("[gpu:0, gpu:1]"));
        assertEquals(List.of("gpu:0", "gpu:1"), two.train().devices());
        assertEquals(List.of("gpu"), RecipeFiles.load(dir, "one.yaml", withDevices("gpu")).train().devices());
        assertEquals(List.of("cpu", "cpu"), RecipeFiles.load(dir, "twice.yaml", withDevices("[cpu, cpu]")).train().devices());
        // the run folder's recipe keeps them; the hash does not depend on them (a run may resume elsewhere)
        var again = RecipeFiles.load(dir, "again.yaml", two.toYaml());
        assertEquals(two.train(), again.train());
        assertEquals(RecipeFiles.load(dir, "default.yaml", BASE).hash(), two.hash());
        assertTrue(two.toYaml().contains("gpu:1"), two.toYaml());
    }

    @Test
    void anUnknownDeviceIsNamedWithItsPosition() {
        var text = withDevices("[cpu, gpus]");
        var line = text.lines().toList().get(15);
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 16, line.indexOf("gpus") + 1,
                "train.devices: unknown device 'gpus': use cpu, gpu (the first GPU) or gpu:N", "did you mean 'gpu'?");
        var scalar = withDevices("cuda:0");
        assertProblem(onlyProblem(dir, "recipe.yaml", scalar), 16, scalar.lines().toList().get(15).indexOf("cuda") + 1,
                "unknown device 'cuda:0'", "");
        var empty = withDevices("[]");
        assertProblem(onlyProblem(dir, "recipe.yaml", empty), 16, empty.lines().toList().get(15).indexOf("[]") + 1,
                "train.devices is empty", "[gpu:0, gpu:1]");
    }

    @Test
    void aBatchThatDoesNotSplitEvenlyOverTheDevicesIsRefused() {
        var text = withDevices("[cpu, cpu, cpu]");
        var line = text.lines().toList().get(15);
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 16, line.indexOf("[cpu, cpu") + 1,
                "train.batch 128 does not split evenly over the 3 devices of train.devices", "a multiple of 3, e.g. 129");
    }
}
