package dev.viewpair.recipes.cli;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.recipes.model.Families;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The families' catalogues as Markdown tables: what {@code viewpair ops} and {@code viewpair list FAMILY} print, and
 * the tables in docs/ are (a test compares them).
 */
public final class CatalogTables {
    private CatalogTables() {}

    /** The families {@code viewpair list} knows, by the name it is given. */
    static final List<String> FAMILIES = List.of("encoders", "bounds", "critics", "optimizers", "schedules", "datasets");

    /**
     * The table of one family.
     *
     * @param family one of {@link #FAMILIES}
     */
    public static String table(Families families, String family) {
        return switch (family) {
            case "encoders" -> table(families.encoders(), "encoder type", List.of());
            case "bounds" -> table(families.bounds(), "bound", List.of(
                    new Column<>("kind", b -> b.isUpper() ? "upper" : "lower"),
                    new Column<>("critic", b -> b.critics().isEmpty() ? "any"
                            : String.join(" or ", b.critics().stream().map(c -> "`" + c + "`").toList()))));
            case "critics" -> table(families.critics(), "critic", List.of());
            case "optimizers" -> table(families.optimizers(), "optimizer", List.of());
            case "schedules" -> table(families.schedules(), "schedule", List.of());
            case "datasets" -> table(families.datasets(), "dataset type", List.of(
                    new Column<>("by URI", t -> t.byUri().isPresent() ? "yes" : "no")));
            default -> throw new IllegalArgumentException("unknown family '" + family + "'");
        };
    }

    /** A column a family adds between the name and the parameters. */
    record Column<E>(String title, Function<E, String> cell) {}

    /**
     * One row per member: its name, the family's own columns, parameters with defaults (left out when no member has
     * any), what it does.
     */
    static <E extends Entry> String table(Catalog<E> catalog, String title, List<Column<E>> columns) {
        boolean withParams = catalog.entries().stream().anyMatch(e -> !e.params().isEmpty());
        var sb = new StringBuilder("| ").append(title).append(" |");
        columns.forEach(c -> sb.append(' ').append(c.title()).append(" |"));
        sb.append(withParams ? " parameters (default) |" : "").append(" what it does |\n|---|");
        columns.forEach(c -> sb.append("---|"));
        sb.append(withParams ? "---|---|\n" : "---|\n");
        for (var e : catalog.entries()) {
            sb.append("| `").append(e.name()).append("` |");
            columns.forEach(c -> sb.append(' ').append(c.cell().apply(e)).append(" |"));
            if (withParams) {
                sb.append(' ').append(params(e.params())).append(" |");
            }
            sb.append(' ').append(cell(e.doc())).append(" |\n");
        }
        return sb.toString();
    }

    /** A table cell's text: '|' escaped. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** {@code `name` (default)} for each parameter, or — for none. */
    static String params(List<Param> params) {
        if (params.isEmpty()) {
            return "—";
        }
        return params.stream().map(p -> "`" + p.name() + "`" + (p.isRequired() ? " (required)" : " (" + value(p.defaultValue()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String value(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(CatalogTables::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return v instanceof Number n ? fmt(n.doubleValue()) : String.valueOf(v);
    }

    /** Whole numbers as such, others to four significant digits (4/3 prints as 1.333). */
    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return Long.toString((long) x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toString().replace("E", "e");
    }
}
