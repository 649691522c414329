package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.Families;
import dev.viewpair.views.chain.OpCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code viewpair list FAMILY} and {@code viewpair ops} print each catalogue, and the tables in docs/ are that output,
 * row for row: a table that lacks a member, has one the catalogue does not, or differs in a cell fails here.
 */
class CatalogTablesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The page of docs/ that holds each family's table. */
    private static final Map<String, String> PAGES = Map.of(
            "encoders", "docs/encoders.md",
            "bounds", "docs/bounds.md",
            "critics", "docs/bounds.md",
            "optimizers", "docs/training.md",
            "schedules", "docs/training.md",
            "datasets", "docs/datasets.md");

    static Stream<Arguments> tables() {
        assertEquals(CatalogTables.FAMILIES.size(), PAGES.size(), "a page for every family of viewpair list");
        var tables = new ArrayList<Arguments>();
        for (var family : CatalogTables.FAMILIES) {
            tables.add(Arguments.of(PAGES.get(family), "./viewpair list " + family,
                    CatalogTables.table(Families.standard(), family)));
        }
        tables.add(Arguments.of("docs/ops.md", "./viewpair ops", OpsCommand.table(OpCatalog.standard())));
        return tables.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("tables")
    void aPagesTableIsItsCatalogue(String page, String command, String generated) throws IOException {
        var text = Files.readString(ROOT.resolve(page));
        var header = generated.lines().findFirst().orElseThrow();
        var found = tablesUnder(text, header);
        assertEquals(1, found.size(), page + " should hold one table headed '" + header + "' (the output of " + command
                + "), found " + found.size());
        assertEquals(generated, found.get(0), page + "'s table is out of date: paste the output of " + command);
    }

    /** Every table of a Markdown text whose first line is {@code header}: its lines up to the first that is no row. */
    static List<String> tablesUnder(String markdown, String header) {
        var lines = markdown.lines().toList();
        var tables = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals(header)) {
                continue;
            }
            var table = new StringBuilder();
            for (int j = i; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                table.append(lines.get(j)).append('\n');
            }
            tables.add(table.toString());
        }
        return tables;
    }

    @Test
    void aTableWithAChangedOrMissingRowIsFound() {
        var generated = CatalogTables.table(Families.standard(), "schedules");
        var header = generated.lines().findFirst().orElseThrow();
        var page = "text\n\n" + generated + "\nmore text\n";
        assertEquals(List.of(generated), tablesUnder(page, header));
        var edited = page.replace("| `cosine` |", "| `cosine_annealing` |");
        assertNotEquals(generated, tablesUnder(edited, header).get(0), "an edited row differs");
        var shortened = page.replace(generated.lines().skip(2).findFirst().orElseThrow() + "\n", "");
        assertNotEquals(generated, tablesUnder(shortened, header).get(0), "a missing row differs");
    }

    @Test
    void listPrintsAFamilysTable() {
        var bounds = CliRun.of("list", "bounds");
        assertEquals(0, bounds.exit(), bounds.err());
        assertEquals(CatalogTables.table(Families.standard(), "bounds"), bounds.out());
        assertTrue(bounds.out().contains("| `club` | upper | `gaussian` or `posterior` | — | minimizing MI |"), bounds.out());
        var unknown = CliRun.of("list", "bound");
        assertEquals(Main.USER_ERROR, unknown.exit());
        assertTrue(unknown.err().contains("unknown family 'bound' — known: encoders, bounds, critics, optimizers, schedules,"
                + " datasets (ops: viewpair ops)"), unknown.err());
    }
}
