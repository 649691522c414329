package dev.viewpair.recipes.cli;

import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code viewpair ops}: the op catalogue as a Markdown table (the README's table is this output). */
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
                    .append(params(d.params())).append(" | ")
                    .append(d.acceptsProbability() ? fmt(d.defaultProbability()) : "—").append(" | ")
                    .append(d.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String params(List<Param> params) {
        if (params.isEmpty()) {
            return "—";
        }
        return params.stream().map(p -> "`" + p.name() + "`" + (p.isRequired() ? " (required)" : " (" + value(p.defaultValue()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String value(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(OpsCommand::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return v instanceof Number n ? fmt(n.doubleValue()) : String.valueOf(v);
    }

    /** Whole numbers as such, others to four significant digits (4/3 prints as 1.333). */
    private static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return Long.toString((long) x);
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toString();
    }

    private static String stage(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
