package dev.viewpair.catalog;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule that ties several parameters of one catalogue entry together ({@code win ≤ n_fft}, {@code f_min < f_max}).
 * {@link ParamChecks#check} runs the constraints only after every parameter passed its own checks, on the
 * values with defaults filled in, so a rule may read any parameter.
 */
@FunctionalInterface
public interface Constraint {
    /** The problem with these values, if any; its {@code param} names the key a recipe should change. */
    Optional<ParamProblem> check(Params values);

    /**
     * A constraint from a condition that must hold.
     *
     * @param param the key the problem points at (the one a recipe most likely gave)
     * @param holds true when the values are fine
     * @param message what is wrong, from the values
     * @param hint what to do
     */
    static Constraint require(String param, Predicate<Params> holds, Function<Params, String> message, String hint) {
        return values -> holds.test(values)
                ? Optional.empty()
                : Optional.of(new ParamProblem(param, message.apply(values), hint));
    }
}
