package dev.viewpair.recipes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the fixture recipes, edits of them written to a folder, and assertions on problems. */
final class RecipeFiles {
    private RecipeFiles() {}

    static final RecipeLoader LOADER = new RecipeLoader(TestCatalog.CATALOG);

    /** The text of a fixture under {@code src/test/resources/recipes}. */
    static String fixture(String name) {
        try (var in = RecipeFiles.class.getResourceAsStream("/recipes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with the first occurrence of {@code from} replaced; fails when it does not occur. */
    static String edit(String text, String from, String to) {
        int i = text.indexOf(from);
        assertTrue(i >= 0, "the fixture has no '" + from + "'");
        return text.substring(0, i) + to + text.substring(i + from.length());
    }

    static Path write(Path dir, String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Recipe load(Path dir, String fileName, String text) throws RecipeException {
        return LOADER.load(write(dir, fileName, text));
    }

    /** The problems of a recipe that must fail to load; checks that the rendering holds no stack trace. */
    static RecipeException failure(Path dir, String fileName, String text) {
        return failure(LOADER, dir, fileName, text);
    }

    /** {@link #failure(Path, String, String)} with this loader (the standard catalogues, say). */
    static RecipeException failure(RecipeLoader loader, Path dir, String fileName, String text) {
        var e = assertThrows(RecipeException.class, () -> loader.load(write(dir, fileName, text)));
        var rendered = e.render();
        assertTrue(!rendered.contains("Exception") && !rendered.contains("\tat ") && !rendered.contains("\n\n"), rendered);
        assertEquals(e.problems().size(), rendered.lines().count(), rendered);
        assertEquals(0, e.getStackTrace().length);
        return e;
    }

    /** The single problem of a recipe that must fail to load. */
    static RecipeProblem onlyProblem(Path dir, String fileName, String text) {
        return onlyProblem(LOADER, dir, fileName, text);
    }

    /** {@link #onlyProblem(Path, String, String)} with this loader. */
    static RecipeProblem onlyProblem(RecipeLoader loader, Path dir, String fileName, String text) {
        var e = failure(loader, dir, fileName, text);
        assertEquals(1, e.problems().size(), e.render());
        return e.problems().get(0);
    }

    /** Checks where a problem is, and fragments of what it says and suggests. */
    static void assertProblem(RecipeProblem p, int line, int column, String message, String hint) {
        var rendered = p.render();
        assertEquals(line + ":" + column, p.line() + ":" + p.column(), rendered);
        assertTrue(p.message().contains(message), "message of: " + rendered);
        assertTrue(p.hint().contains(hint), "hint of: " + rendered);
        assertTrue(rendered.startsWith(p.file() + ":" + line + ":" + column + ": "), rendered);
    }
}
