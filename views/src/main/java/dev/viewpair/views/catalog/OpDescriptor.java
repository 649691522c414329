package dev.viewpair.views.catalog;

import dev.viewpair.views.Op;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One entry of the op catalogue: its name, the stages it connects, its parameters and how to make it.
 *
 * @param name the name a recipe uses ({@code random_resized_crop})
 * @param input the stage it takes
 * @param output the stage it gives
 * @param params its declared parameters
 * @param defaultProbability the probability of applying it when the recipe gives no {@code p}
 *     (1 for most ops, 0.5 for flips); only ops whose input and output stage agree accept {@code p}
 * @param doc one line for the catalogue table
 * @param factory makes the op from checked parameters
 * @param constraints rules between parameters, checked after each parameter passed its own checks
 * @param family true for an op that splits a view into several member views ({@code multi_crop},
 *     {@code lab_split}, {@code patch_grid}): its op is a {@link dev.viewpair.views.ViewFamily}, it takes no
 *     {@code p}, a view holds at most one, and it cannot sit inside {@code random_apply} or {@code one_of}
 */
public record OpDescriptor(
        String name,
        Stage input,
        Stage output,
        List<Param> params,
        double defaultProbability,
        String doc,
        Function<Params, Op<?, ?>> factory,
        List<Constraint> constraints,
        boolean family) {

    /** The key every stage-preserving op accepts: the probability of applying it. */
    public static final String PROBABILITY = "p";

    public OpDescriptor {
        constraints = List.copyOf(constraints);
    }

    /** An op that makes one view, with rules between its parameters. */
    public OpDescriptor(String name, Stage input, Stage output, List<Param> params, double defaultProbability,
            String doc, Function<Params, Op<?, ?>> factory, List<Constraint> constraints) {
        this(name, input, output, params, defaultProbability, doc, factory, constraints, false);
    }

    /** An op without rules between its parameters. */
    public OpDescriptor(String name, Stage input, Stage output, List<Param> params, double defaultProbability,
            String doc, Function<Params, Op<?, ?>> factory) {
        this(name, input, output, params, defaultProbability, doc, factory, List.of());
    }

    /** This op with these rules between its parameters added. */
    public OpDescriptor withConstraints(Constraint... more) {
        var all = new ArrayList<>(constraints);
        all.addAll(List.of(more));
        return new OpDescriptor(name, input, output, params, defaultProbability, doc, factory, all, family);
    }

    /** This op marked as one that splits a view into member views. */
    public OpDescriptor asFamily() {
        return new OpDescriptor(name, input, output, params, defaultProbability, doc, factory, constraints, true);
    }

    /** Whether {@code p} may be given. */
    public boolean acceptsProbability() {
        return input == output && !family;
    }

    /** The parameter names a recipe may use, {@code p} included where allowed. */
    public List<String> keys() {
        var keys = new ArrayList<String>();
        params.forEach(p -> keys.add(p.name()));
        if (acceptsProbability()) {
            keys.add(PROBABILITY);
        }
        return keys;
    }

    /**
     * Checks what a recipe gave: unknown keys, missing required ones, wrong types, out-of-range values, and,
     * when each parameter is fine on its own, the rules between them.
     */
    public List<ParamProblem> check(Map<String, Object> given) {
        var problems = new ArrayList<ParamProblem>();
        for (var key : given.keySet()) {
            if (!keys().contains(key)) {
                var suggestion = Suggest.closest(key, keys());
                problems.add(new ParamProblem(key, "unknown parameter '" + key + "' of op '" + name + "'",
                        suggestion != null ? "did you mean '" + suggestion + "'?" : "allowed: " + String.join(", ", keys())));
            }
        }
        for (var p : params) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.isRequired()) {
                    problems.add(new ParamProblem(p.name(), "op '" + name + "' needs parameter '" + p.name() + "'",
                            "add " + p.name() + ": <" + p.type().description() + "> (" + p.doc() + ")"));
                }
                continue;
            }
            String typeProblem = typeProblem(p, v);
            if (typeProblem != null) {
                problems.add(new ParamProblem(p.name(), "'" + p.name() + "' of op '" + name + "' " + typeProblem,
                        "give " + p.type().description()));
            }
        }
        if (given.containsKey(PROBABILITY) && acceptsProbability()) {
            Object v = given.get(PROBABILITY);
            if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                problems.add(new ParamProblem(PROBABILITY, "'p' of op '" + name + "' must be a probability, got " + v,
                        "give a number from 0 to 1"));
            }
        }
        if (problems.isEmpty()) {
            var values = params(given);
            for (var c : constraints) {
                c.check(values).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** The checked values with defaults filled in; call only when {@link #check(Map)} returned nothing. */
    public Params params(Map<String, Object> given) {
        var values = new LinkedHashMap<String, Object>();
        for (var p : params) {
            Object v = given.getOrDefault(p.name(), p.defaultValue());
            values.put(p.name(), v == Param.Unset.NONE ? null : v);
        }
        return new Params(name, values);
    }

    /** The probability of applying, from the recipe or the default. */
    public double probability(Map<String, Object> given) {
        Object v = given.get(PROBABILITY);
        return v instanceof Number n ? n.doubleValue() : defaultProbability;
    }

    private static String typeProblem(Param p, Object v) {
        switch (p.type()) {
            case NUMBER, INTEGER -> {
                if (!(v instanceof Number n)) {
                    return "must be " + p.type().description() + ", got '" + v + "'";
                }
                if (p.type() == ParamType.INTEGER && n.doubleValue() != Math.rint(n.doubleValue())) {
                    return "must be a whole number, got " + v;
                }
                return rangeProblem(p, n.doubleValue());
            }
            case BOOLEAN -> {
                return v instanceof Boolean ? null : "must be true or false, got '" + v + "'";
            }
            case STRING -> {
                return v instanceof String ? null : "must be a string, got " + v;
            }
            case PATH -> {
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
        if (p.min() != null && x < p.min()) {
            return "must be ≥ " + fmt(p.min()) + ", got " + fmt(x);
        }
        if (p.max() != null && x > p.max()) {
            return "must be ≤ " + fmt(p.max()) + ", got " + fmt(x);
        }
        return null;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
