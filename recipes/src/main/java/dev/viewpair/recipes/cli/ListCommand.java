package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.model.Families;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code viewpair list FAMILY}: one family's catalogue as a Markdown table (the tables in docs/ are this output). */
@Command(name = "list", description = "Print a family's catalogue as Markdown: every member a recipe may name, with its"
        + " parameters and defaults. Ops: viewpair ops.")
final class ListCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FAMILY", completionCandidates = Names.class, description = "one of: ${COMPLETION-CANDIDATES}")
    String family;

    /** The family names, for the usage line. */
    static final class Names extends ArrayList<String> {
        Names() {
            super(CatalogTables.FAMILIES);
        }
    }

    @Override
    public Integer call() {
        if (!CatalogTables.FAMILIES.contains(family)) {
            throw new UserError("unknown family '" + family + "' — known: " + String.join(", ", CatalogTables.FAMILIES)
                    + " (ops: viewpair ops)");
        }
        System.out.print(CatalogTables.table(Families.standard(), family));
        return 0;
    }
}
