package dev.viewpair.recipes.cli;

import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code viewpair ops}: the op catalogue as a Markdown table (docs/ops.md's table is this output). */
@Command(name = "ops", description = "Print the op catalogue: every op a view can use, with its parameters, as Markdown.")
final class OpsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(table(OpCatalog.standard()));
        return 0;
    }

    /** One row per op: name, the stage it takes → gives, parameters with defaults, default p, what it does. */
    static String table(OpCatalog catalog) {
        var sb = new StringBuilder("| op | takes → gives | parameters (default) | p | what it does |\n|---|---|---|---|---|\n");
        for (OpDescriptor d : catalog.descriptors()) {
            sb.append("| `").append(d.name()).append("` | ")
                    .append(stage(d.input().name())).append(" → ").append(stage(d.output().name())).append(" | ")
                    .append(CatalogTables.params(d.params())).append(" | ")
                    .append(d.acceptsProbability() ? CatalogTables.fmt(d.defaultProbability()) : "—").append(" | ")
                    .append(CatalogTables.cell(d.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String stage(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
