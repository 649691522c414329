package dev.viewpair.encoders.mi;

import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One bound of the bound catalogue ({@link Bounds#standard()}): the name a recipe uses, its parameters, the critic
 * it requires, and how to build it.
 *
 * @param name the name a recipe uses ({@code infonce})
 * @param params its parameters with their defaults
 * @param doc one line for listings and the tables in docs/
 * @param requiredCritic the critic it needs, for a bound whose scores must be conditional log-densities
 *     ({@link Bound#needsLogDensity()}); {@code null} when any critic will do
 * @param factory builds a new bound from its checked parameters (one per pair: some carry state)
 */
public record BoundDescriptor(String name, List<Param> params, String doc, String requiredCritic,
        Function<MiParams, Bound> factory) implements Entry {
    public BoundDescriptor {
        params = List.copyOf(params);
    }

    /** A bound that takes any critic. */
    public BoundDescriptor(String name, List<Param> params, String doc, Function<MiParams, Bound> factory) {
        this(name, params, doc, null, factory);
    }

    /**
     * A new bound with these parameters (null or empty for the defaults).
     *
     * @throws IllegalArgumentException naming an undeclared key or a bad value
     */
    public Bound create(Map<String, Object> given) {
        return factory.apply(MiParams.check("bound", name, params, given));
    }

    /** Whether it is an upper bound, minimized: as the bound itself says. */
    public boolean isUpper() {
        return create(Map.of()).isUpper();
    }

    /** The critic it requires, if any. */
    public Optional<String> critic() {
        return Optional.ofNullable(requiredCritic);
    }

    /**
     * Every critic it takes, when it requires one: its {@link #requiredCritic} and, for a bound that also reads a
     * stochastic encoder's exact posterior ({@link Bound#takesPosterior()}), {@link Critics#POSTERIOR}; empty when any
     * critic will do.
     */
    public List<String> critics() {
        if (requiredCritic == null) {
            return List.of();
        }
        return create(Map.of()).takesPosterior() && !Critics.POSTERIOR.equals(requiredCritic)
                ? List.of(requiredCritic, Critics.POSTERIOR) : List.of(requiredCritic);
    }
}
