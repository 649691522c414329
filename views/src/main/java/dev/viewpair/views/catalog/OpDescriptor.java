package dev.viewpair.views.catalog;

import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamProblem;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.views.Op;
import java.util.ArrayList;
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
 * @param shape how it transforms its input's shape (for a family op: each member's, named in the rule's context);
 *     {@code null} where it is not declared, and the shapes after it are then unknown — every op of the standard
 *     catalogue declares one, and one whose input and output stage agree keeps the shape unless it says otherwise
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
        boolean family,
        ShapeRule shape) {

    /** The key every stage-preserving op accepts: the probability of applying it. */
    public static final String PROBABILITY = "p";

    public OpDescriptor {
        constraints = List.copyOf(constraints);
    }

    /** An op with the default shape rule: {@link ShapeRule#KEEPS} where input and output stage agree, else none. */
    public OpDescriptor(String name, Stage input, Stage output, List<Param> params, double defaultProbability,
            String doc, Function<Params, Op<?, ?>> factory, List<Constraint> constraints, boolean family) {
        this(name, input, output, params, defaultProbability, doc, factory, constraints, family,
                input == output ? ShapeRule.KEEPS : null);
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
        return new OpDescriptor(name, input, output, params, defaultProbability, doc, factory, all, family, shape);
    }

    /** This op with this rule for its output's shape. */
    public OpDescriptor withShape(ShapeRule rule) {
        return new OpDescriptor(name, input, output, params, defaultProbability, doc, factory, constraints, family, rule);
    }

    /** This op marked as one that splits a view into member views. */
    public OpDescriptor asFamily() {
        return new OpDescriptor(name, input, output, params, defaultProbability, doc, factory, constraints, true, shape);
    }

    /**
     * Whether it cuts a window of time ({@code clip}, {@code audio_window}, {@code frame}, {@code frames}): it has an
     * {@code at} of type {@link ParamType#TIME}.
     */
    public boolean cutsTime() {
        return params.stream().anyMatch(p -> p.name().equals("at") && p.type() == ParamType.TIME);
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
        var problems = new ArrayList<>(ParamChecks.check(owner(), params, keys(), given));
        if (given.containsKey(PROBABILITY) && acceptsProbability()) {
            Object v = given.get(PROBABILITY);
            if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                problems.add(new ParamProblem(PROBABILITY, "'p' of op '" + name + "' must be a probability, got " + v,
                        "give a number from 0 to 1"));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(ParamChecks.constraintProblems(params(given), constraints));
        }
        return problems;
    }

    /** The checked values with defaults filled in; call only when {@link #check(Map)} returned nothing. */
    public Params params(Map<String, Object> given) {
        return ParamChecks.values(owner(), params, given);
    }

    /** How messages name this op: {@code op 'resize'}. */
    private String owner() {
        return "op '" + name + "'";
    }

    /** The probability of applying, from the recipe or the default. */
    public double probability(Map<String, Object> given) {
        Object v = given.get(PROBABILITY);
        return v instanceof Number n ? n.doubleValue() : defaultProbability;
    }
}
