package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.ParamType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads, from one section of a recipe (an encoder, the optimizer), the parameters the catalogue member it names
 * declares: each value checked for its kind, range and choices with the problem at the value, then the member's
 * rules between them. A key that only other members of the family declare is named as theirs. This is how a new
 * encoder type or optimizer gets its own keys in a recipe without a change here.
 */
final class DeclaredParams {
    private DeclaredParams() {}

    /** The keys a section of this family may hold: the section's own ({@code type}, {@code views}) and every member's parameters. */
    static List<String> keys(List<String> own, Catalog<? extends Entry> family) {
        var keys = new LinkedHashSet<>(own);
        family.entries().forEach(e -> e.params().forEach(p -> keys.add(p.name())));
        return List.copyOf(keys);
    }

    /**
     * The values of the parameters {@code member} declares, in declared order with defaults filled in (parameters
     * left unset are left out); {@code null} when a problem was reported. Keys no member declares are the section's
     * own, read (and refused when unknown) by the caller.
     */
    static Map<String, Object> read(Section s, Entry member, Catalog<? extends Entry> family, Problems problems) {
        return read(s, member, family, problems, false);
    }

    /**
     * As {@link #read(Section, Entry, Catalog, Problems)}; with {@code weightsFromCheckpoint} (a run's recipe whose
     * checkpoint holds the weights) the member's rules see no {@link ParamType#WEIGHTS} parameter, so that no rule opens
     * a file of starting weights, which may be gone; the values returned still hold it, as written.
     */
    static Map<String, Object> read(Section s, Entry member, Catalog<? extends Entry> family, Problems problems,
            boolean weightsFromCheckpoint) {
        int before = problems.count();
        var declared = member.params().stream().map(Param::name).toList();
        for (var entry : s.node().entries().values()) { // in file order
            var owners = family.entries().stream().filter(e -> e.params().stream().anyMatch(p -> p.name().equals(entry.key())))
                    .map(Entry::name).toList();
            if (!owners.isEmpty() && !declared.contains(entry.key())) {
                problems.add(entry, "'" + entry.key() + "' does not apply to " + family.family() + " " + member.name(),
                        "it is a setting of " + String.join(" and ", owners) + "; remove it or choose type: " + owners.get(0));
            }
        }
        var given = new LinkedHashMap<String, Object>();
        for (var p : member.params()) {
            var node = s.get(p.name());
            if (node != null) {
                given.put(p.name(), value(node, s.path(p.name()), p, p.defaultValue(), problems));
            }
        }
        if (problems.count() > before) {
            return null;
        }
        var checked = new LinkedHashMap<>(given);
        if (weightsFromCheckpoint) {
            member.params().stream().filter(p -> p.type() == ParamType.WEIGHTS).forEach(p -> checked.remove(p.name()));
        }
        var values = ParamChecks.values(family.family() + " '" + member.name() + "'", member.params(), checked);
        for (var problem : ParamChecks.constraintProblems(values, member.constraints())) {
            var at = problem.param() == null ? null : s.get(problem.param());
            problems.add(at != null ? at : s.node(),
                    (problem.param() == null ? s.where() + ":" : s.path(problem.param())) + " " + problem.message(), problem.hint());
        }
        return problems.count() > before ? null : ParamChecks.filled(member.params(), given);
    }

    /** One value read for its declaration, or {@code null} and a problem. */
    private static Object value(PosNode node, String path, Param p, Object fallback, Problems problems) {
        return switch (p.type()) {
            case INTEGER -> integer(node, path, p, problems);
            case NUMBER -> number(node, path, p, fallback, problems);
            case BOOLEAN -> flag(node, path, p, problems);
            case STRING -> p.choices().isEmpty() ? problems.text(node, path)
                    : Section.oneOf(node, path, p.choices(), p.name(), problems);
            case INTEGERS, NUMBERS -> list(node, path, p, problems);
            default -> {
                // the kinds sections do not read themselves are checked as the catalogue checks an op's
                var plain = node.plain();
                var problem = ParamChecks.typeProblem(p, plain);
                if (problem != null) {
                    problems.add(node, path + " " + problem, "give " + p.type().description());
                }
                yield problem != null ? null : p.type() == ParamType.PATH || p.type() == ParamType.WEIGHTS
                        ? resolved((String) plain, problems) : plain;
            }
        };
    }

    /** A path against the recipe's folder, as {@code dataset.path} is: the resolved recipe works from anywhere. */
    private static String resolved(String path, Problems problems) {
        return problems.file().toAbsolutePath().getParent().resolve(path).normalize().toString();
    }

    private static Integer integer(PosNode node, String path, Param p, Problems problems) {
        // the smallest whole number allowed
        int min = p.min() == null ? Integer.MIN_VALUE : (int) (p.minExcluded() ? Math.floor(p.min()) + 1 : Math.ceil(p.min()));
        var v = problems.integer(node, path, min);
        if (v != null && ParamChecks.isUnknownChoice(p, v)) {
            problems.add(node, path + ": unknown " + p.name() + " " + v, ParamChecks.choiceHint(p, v));
            return null;
        }
        if (v != null && p.max() != null && (p.maxExcluded() ? v >= p.max() : v > p.max())) {
            problems.add(node, path + " must be " + (p.maxExcluded() ? "below " : "≤ ") + ParamChecks.format(p.max()) + ", got " + v,
                    "give a whole number in " + interval(p));
            return null;
        }
        return v;
    }

    private static Double number(PosNode node, String path, Param p, Object fallback, Problems problems) {
        Double x;
        if (p.min() != null) {
            x = problems.number(node, path, p.min(), p.minExcluded());
        } else if (node instanceof PosNode.Scalar s && s.value() instanceof Number n && Double.isFinite(n.doubleValue())) {
            x = n.doubleValue();
        } else {
            problems.add(node, path + ": expected a number, got " + node.describe(), "give a number");
            x = null;
        }
        if (x != null && p.max() != null && (p.maxExcluded() ? x >= p.max() : x > p.max())) {
            problems.add(node, path + " must be " + (p.maxExcluded() ? "below " : "≤ ") + ParamChecks.format(p.max()) + ", got " + x,
                    "give a number in " + interval(p) + (fallback instanceof Number d ? ", e.g. " + d : ""));
            return null;
        }
        return x;
    }

    private static Boolean flag(PosNode node, String path, Param p, Problems problems) {
        if (node instanceof PosNode.Scalar scalar && scalar.value() instanceof Boolean b) {
            return b;
        }
        problems.add(node, path + ": expected true or false, got " + node.describe(), "write " + p.name() + ": true");
        return null;
    }

    /** A list of whole numbers or of numbers (a single number is a list of one for {@code NUMBERS}), each checked. */
    private static List<Number> list(PosNode node, String path, Param p, Problems problems) {
        var example = p.defaultValue() instanceof List<?> d ? d.toString() : "[1, 2]";
        var items = p.type() == ParamType.NUMBERS && node instanceof PosNode.Scalar ? List.of(node)
                : problems.list(node, path, example);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node, path + " is empty", "give at least one, e.g. " + example);
            return null;
        }
        var values = new ArrayList<Number>();
        for (int i = 0; i < items.size(); i++) {
            var itemPath = items.size() == 1 && node instanceof PosNode.Scalar ? path : path + "[" + i + "]";
            var fallback = p.defaultValue() instanceof List<?> d && i < d.size() ? d.get(i) : null;
            if (p.type() == ParamType.INTEGERS) { // not a conditional expression: it would make every Integer a Double
                values.add(integer(items.get(i), itemPath, p, problems));
            } else {
                values.add(number(items.get(i), itemPath, p, fallback, problems));
            }
        }
        return values.contains(null) ? null : values;
    }

    /** The allowed interval as a message writes it: {@code [0, 1)}, {@code (0, ∞)}. */
    private static String interval(Param p) {
        return (p.min() == null ? "(−∞" : (p.minExcluded() ? "(" : "[") + ParamChecks.format(p.min())) + ", "
                + (p.max() == null ? "∞)" : ParamChecks.format(p.max()) + (p.maxExcluded() ? ")" : "]"));
    }
}
