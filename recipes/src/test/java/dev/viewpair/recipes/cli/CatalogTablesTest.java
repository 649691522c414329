package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.Families;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code viewpair list FAMILY} prints each family's catalogue, and the README's tables are that output. */
class CatalogTablesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void readmeTablesAreTheCatalogues() throws Exception {
        var readme = Files.readString(ROOT.resolve("README.md"));
        for (var family : CatalogTables.FAMILIES) {
            assertTrue(readme.contains(CatalogTables.table(Families.standard(), family)),
                    "README.md's " + family + " table is out of date: paste the output of ./viewpair list " + family);
        }
    }

    @Test
    void listPrintsAFamilysTable() {
        var bounds = CliRun.of("list", "bounds");
        assertEquals(0, bounds.exit(), bounds.err());
        assertEquals(CatalogTables.table(Families.standard(), "bounds"), bounds.out());
        assertTrue(bounds.out().contains("| `club` | upper | `gaussian` | — | minimizing MI |"), bounds.out());
        var unknown = CliRun.of("list", "bound");
        assertEquals(Main.USER_ERROR, unknown.exit());
        assertTrue(unknown.err().contains("unknown family 'bound' — known: encoders, bounds, critics, optimizers, schedules,"
                + " datasets (ops: viewpair ops)"), unknown.err());
    }
}
