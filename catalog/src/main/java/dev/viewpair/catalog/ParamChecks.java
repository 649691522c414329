package dev.viewpair.catalog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks every catalogue entry's parameters get, whatever the family: unknown keys (with "did you mean"),
 * missing required ones, wrong kinds, values out of range, then the rules between them. Messages name the entry
 * as its family does ({@code op 'resize'}, {@code bound 'mine'}).
 */
public final class ParamChecks {
    private ParamChecks() {}

    /**
     * Unknown keys, missing required parameters, and values of the wrong kind or out of range.
     *
     * @param owner how messages name the entry: {@code op 'resize'}
     * @param params its declared parameters
     * @param keys every key it accepts: the declared ones and any its family adds (an op's {@code p}), which the
     *     family checks itself
     * @param given what the recipe gave
     */
    public static List<ParamProblem> check(String owner, List<Param> params, List<String> keys, Map<String, Object> given) {
        var problems = new ArrayList<ParamProblem>();
        for (var key : given.keySet()) {
            if (!keys.contains(key)) {
                var suggestion = Suggest.closest(key, keys);
                problems.add(new ParamProblem(key, "unknown parameter '" + key + "' of " + owner,
                        suggestion != null ? "did you mean '" + suggestion + "'?" : "allowed: " + String.join(", ", keys)));
            }
        }
        for (var p : params) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.isRequired()) {
                    problems.add(new ParamProblem(p.name(), owner + " needs parameter '" + p.name() + "'",
                            "add " + p.name() + ": <" + p.type().description() + "> (" + p.doc() + ")"));
                }
                continue;
            }
            String typeProblem = typeProblem(p, v);
            if (typeProblem != null) {
                problems.add(new ParamProblem(p.name(), "'" + p.name() + "' of " + owner + " " + typeProblem,
                        isUnknownChoice(p, v) ? choiceHint(p, v) : "give " + p.type().description()));
            }
        }
        return problems;
    }

    /** The rules between parameters, on values that passed {@link #check}. */
    public static List<ParamProblem> constraintProblems(Params values, List<Constraint> constraints) {
        var problems = new ArrayList<ParamProblem>();
        for (var c : constraints) {
            c.check(values).ifPresent(problems::add);
        }
        return problems;
    }

    /** Whether {@code v} is text or a number that is none of the choices of a {@link Param#choice} parameter. */
    public static boolean isUnknownChoice(Param p, Object v) {
        return !p.choices().isEmpty() && (v instanceof String || v instanceof Number) && !p.choices().contains(choiceText(v));
    }

    /** A value as a parameter's choices write it: {@code pool}, {@code 18}. */
    private static String choiceText(Object v) {
        return v instanceof Number n ? format(n.doubleValue()) : (String) v;
    }

    /**
     * What to tell a user who gave a value that is not one of a parameter's choices: for a name, the closest by
     * spelling, or all of them; for a number, the closest by value and all of them.
     */
    public static String choiceHint(Param p, Object given) {
        if (given instanceof Number n) {
            var closest = p.choices().stream().min(Comparator.comparingDouble(
                    c -> Math.abs(Double.parseDouble(c) - n.doubleValue()))).orElseThrow();
            return "did you mean " + closest + "? " + p.name() + " is one of " + String.join(", ", p.choices());
        }
        var closest = Suggest.closest((String) given, p.choices());
        return closest != null ? "did you mean '" + closest + "'?" : "give one of " + String.join(", ", p.choices());
    }

    /**
     * The values in declared order with defaults filled in, leaving out the parameters that are unset ({@link
     * Param#optionalUnset}); call only when {@link #check} found nothing wrong.
     */
    public static Map<String, Object> filled(List<Param> params, Map<String, Object> given) {
        var values = new LinkedHashMap<String, Object>();
        for (var p : params) {
            Object v = given.getOrDefault(p.name(), p.defaultValue());
            if (v != null && v != Param.Unset.NONE) {
                values.put(p.name(), v);
            }
        }
        return values;
    }

    /** The checked values with defaults filled in; call only when {@link #check} found nothing wrong. */
    public static Params values(String owner, List<Param> params, Map<String, Object> given) {
        var values = new LinkedHashMap<String, Object>();
        for (var p : params) {
            Object v = given.getOrDefault(p.name(), p.defaultValue());
            values.put(p.name(), v == Param.Unset.NONE ? null : v);
        }
        return new Params(owner, values);
    }

    /**
     * What is wrong with one value for its declaration, or {@code null}: its kind, its range, and for ranges the
     * order of the ends.
     */
    public static String typeProblem(Param p, Object v) {
        switch (p.type()) {
            case NUMBER, INTEGER -> {
                if (!(v instanceof Number n)) {
                    return "must be " + p.type().description() + ", got '" + v + "'";
                }
                if (p.type() == ParamType.INTEGER && n.doubleValue() != Math.rint(n.doubleValue())) {
                    return "must be a whole number, got " + v;
                }
                if (isUnknownChoice(p, v)) {
                    return "must be one of " + String.join(", ", p.choices()) + ", got " + format(n.doubleValue());
                }
                return rangeProblem(p, n.doubleValue());
            }
            case BOOLEAN -> {
                return v instanceof Boolean ? null : "must be true or false, got '" + v + "'";
            }
            case STRING -> {
                if (!(v instanceof String)) {
                    return "must be a string, got " + v;
                }
                return isUnknownChoice(p, v) ? "must be one of " + String.join(", ", p.choices()) + ", got '" + v + "'" : null;
            }
            case INTEGERS -> {
                if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(x -> x instanceof Number)) {
                    return "must be " + p.type().description() + ", got " + v;
                }
                for (var x : list) {
                    double d = ((Number) x).doubleValue();
                    String r = d != Math.rint(d) ? "must hold whole numbers, got " + x : rangeProblem(p, d);
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            }
            case PATH, WEIGHTS -> {
                if (!(v instanceof String s) || s.isBlank()) {
                    return "must be a path, got " + v;
                }
                try {
                    Path.of(s);
                    return null;
                } catch (InvalidPathException e) {
                    return "is not a valid path: " + e.getReason();
                }
            }
            case RANGE, NUMBERS -> {
                if (v instanceof Number n) {
                    return rangeProblem(p, n.doubleValue());
                }
                if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(x -> x instanceof Number)) {
                    return "must be " + p.type().description() + ", got " + v;
                }
                if (p.type() == ParamType.RANGE) {
                    if (list.size() != 2) {
                        return "must be a [low, high] pair, got " + list.size() + " numbers";
                    }
                    if (((Number) list.get(0)).doubleValue() > ((Number) list.get(1)).doubleValue()) {
                        return "must have low ≤ high, got " + v;
                    }
                }
                for (var x : list) {
                    String r = rangeProblem(p, ((Number) x).doubleValue());
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            }
            case TIME -> {
                try {
                    TimeExpr.parse(v);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case OPS -> {
                return opsProblem(v);
            }
            case SETTINGS -> {
                return v instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String) ? null
                        : "must be " + p.type().description() + ", got " + v;
            }
            default -> throw new IllegalStateException(p.type().toString());
        }
    }

    /** The shape of a nested op list; the nested ops themselves are checked where the catalogue is known. */
    private static String opsProblem(Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            return "must be a non-empty list of ops, got " + v;
        }
        for (var item : list) {
            boolean named = item instanceof String
                    || item instanceof Map<?, ?> m && m.size() == 1 && m.keySet().iterator().next() instanceof String
                            && (m.values().iterator().next() == null || m.values().iterator().next() instanceof Map);
            if (!named) {
                return "must list ops (a name, or name: {parameters}), got " + item;
            }
        }
        return null;
    }

    private static String rangeProblem(Param p, double x) {
        if (p.min() != null && (p.minExcluded() ? !(x > p.min()) : x < p.min())) {
            return "must be " + (p.minExcluded() ? "> " : "≥ ") + format(p.min()) + ", got " + format(x);
        }
        if (p.max() != null && (p.maxExcluded() ? !(x < p.max()) : x > p.max())) {
            return "must be " + (p.maxExcluded() ? "< " : "≤ ") + format(p.max()) + ", got " + format(x);
        }
        return null;
    }

    /** A number as messages write it: {@code 1}, not {@code 1.0}. */
    public static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
