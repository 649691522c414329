package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set KEY=VALUE}: a recipe read with an override equals the recipe written with that value by hand (same
 * hash); an override's problems are found as a line's would be and name the override.
 */
class OverridesTest {
    private static final String RECIPE = """
            name: over
            seed: 5
            dataset: {type: manifest, path: data/manifest.csv}
            views:
              a: {from: image, ops: [random_resized_crop: {size: 16}, hflip, normalize]}
              b: {like: a}
            encoders:
              net: {type: conv, widths: [4], dim: 8, views: [a, b]}
            pairs:
              - {views: [a, b], bound: infonce, critic: dot}
              - {name: again, views: [b, a], bound: nwj, critic: dot}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String hashWith(String... sets) throws Exception {
        return new RecipeLoader().withOverrides(List.of(sets)).load(write("over.yaml", RECIPE)).hash();
    }

    /** The hash of the recipe with {@code from} replaced by {@code to}, written in a file of the same name. */
    private String hashOfEdited(String from, String to) throws Exception {
        var edited = RecipeFiles.edit(RECIPE, from, to);
        // the same file name and folder: the same default name and dataset path
        var file = Files.writeString(dir.resolve("over.yaml"), edited);
        return new RecipeLoader().load(file).hash();
    }

    @Test
    void anOverrideGivesTheRecipeWrittenWithThatValue() throws Exception {
        assertEquals(hashOfEdited("seed: 5", "seed: 9"), hashWith("seed=9"));
        // a list item by its name: the pair a-b (named by its views), the pair named 'again'
        assertEquals(hashOfEdited("critic: dot}", "critic: dot, weight: 0.5}"), hashWith("pairs.a-b.weight=0.5"));
        assertEquals(hashOfEdited("bound: nwj", "bound: infonce"), hashWith("pairs.again.bound=infonce"));
        // an op by its name, its parameters after it; a bare op gets parameters
        assertEquals(hashOfEdited("size: 16", "size: 24"), hashWith("views.a.ops.random_resized_crop.size=24"));
        assertEquals(hashOfEdited("hflip,", "hflip: {p: 0.25},"), hashWith("views.a.ops.hflip.p=0.25"));
        // keys the recipe lacks are added, maps on the way made; values are YAML
        assertEquals(hashOfEdited("name: over", "name: over\ntrain: {epochs: 3, optimizer: {type: sgd, lr: 0.1}}"),
                hashWith("train.epochs=3", "train.optimizer={type: sgd, lr: 0.1}"));
        assertEquals(hashOfEdited("widths: [4]", "widths: [4, 8]"), hashWith("encoders.net.widths=[4, 8]"));
        // later overrides win
        assertEquals(hashOfEdited("seed: 5", "seed: 7"), hashWith("seed=9", "seed=7"));
        assertEquals(hashWith(), new RecipeLoader().load(write("over.yaml", RECIPE)).hash());
    }

    private List<String> problems(String... sets) throws IOException {
        var file = write("over.yaml", RECIPE);
        var e = assertThrows(RecipeException.class, () -> new RecipeLoader().withOverrides(List.of(sets)).load(file));
        return e.problems().stream().map(RecipeProblem::render).toList();
    }

    @Test
    void anOverridesProblemsNameIt() throws Exception {
        assertEquals(List.of("--set train.epochs=abc: train.epochs: expected a whole number, got 'abc' — give a whole number ≥ 1"),
                problems("train.epochs=abc"));
        assertEquals(List.of("--set train.epoch=3: unknown key 'epoch' in train — did you mean 'epochs'?"),
                problems("train.epoch=3"));
        assertEquals(List.of("--set pairs.a-c.weight=1: pairs has no item named 'a-c' — did you mean 'a-b'?"),
                problems("pairs.a-c.weight=1"));
        assertEquals(List.of("--set seed.x=1: seed is 5, not a map: it has no 'x' — set seed as a whole: --set seed=…"),
                problems("seed.x=1"));
        assertEquals(List.of("--set epochs: expected KEY=VALUE — name a recipe key with dots, e.g. --set train.epochs=20"),
                problems("epochs"));
        assertEquals(List.of("--set train..epochs=2: the key 'train..epochs' has an empty part — separate its parts with"
                + " single dots, e.g. train.optimizer.lr"), problems("train..epochs=2"));
        var yaml = problems("name=[a");
        assertEquals(1, yaml.size(), yaml.toString());
        assertEquals(true, yaml.get(0).startsWith("--set name=[a: the value is not YAML: "), yaml.get(0));
        // a message that points at another node names the override that made it
        var twice = "pairs=[{views: [a, b], bound: infonce, critic: dot}, {views: [a, b], bound: nwj, critic: dot}]";
        assertEquals(List.of("--set " + twice + ": two pairs are named 'a-b' (the other at --set " + twice
                + ") — give them different names with name: ..."), problems(twice));
        // several at once, each under its own, in command-line order
        assertEquals(List.of("--set train.batch=0: train.batch must be ≥ 2, got 0 — give a whole number ≥ 2",
                "--set pairs.a-b.weight=-1: pairs[0].weight must be > 0, got -1 — give a number > 0"),
                problems("train.batch=0", "pairs.a-b.weight=-1"));
    }

    @Test
    void theFilesProblemsComeFirstWithTheirPositions() throws Exception {
        var file = write("bad.yaml", RecipeFiles.edit(RECIPE, "seed: 5", "seed: five"));
        var e = assertThrows(RecipeException.class,
                () -> new RecipeLoader().withOverrides(List.of("train.epochs=0")).load(file));
        var lines = e.problems().stream().map(RecipeProblem::render).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(true, lines.get(0).startsWith(file + ":2:7: seed: expected a whole number"), lines.get(0));
        assertEquals(true, lines.get(1).startsWith("--set train.epochs=0: train.epochs must be ≥ 1"), lines.get(1));
    }
}
