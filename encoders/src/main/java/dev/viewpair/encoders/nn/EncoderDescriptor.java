package dev.viewpair.encoders.nn;

import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One encoder type of the encoder catalogue ({@link EncoderTypes#standard()}): the name a recipe's
 * {@code encoders.NAME.type} uses, its parameters, the view shapes it takes, and how to build it.
 *
 * @param name the name a recipe uses ({@code conv})
 * @param params its parameters with their defaults: the keys an encoder of this type takes besides {@code type} and
 *     {@code views}
 * @param doc one line for listings and the tables in docs/
 * @param input the view shapes an encoder with these parameters takes
 * @param factory builds a new, uninitialized encoder from its checked parameters
 * @param constraints the rules between its parameters: its own ({@code width} divisible by {@code heads}) and its
 *     head's ({@link ProjectionHead#RULES})
 */
public record EncoderDescriptor(String name, List<Param> params, String doc, Function<Params, EncoderInput> input,
        Function<Params, Encoder> factory, List<Constraint> constraints) implements Entry {
    public EncoderDescriptor {
        params = List.copyOf(params);
        constraints = List.copyOf(constraints);
    }

    /** An encoder type without rules between its parameters. */
    public EncoderDescriptor(String name, List<Param> params, String doc, Function<Params, EncoderInput> input,
            Function<Params, Encoder> factory) {
        this(name, params, doc, input, factory, List.of());
    }

    /**
     * An encoder type whose parameters are {@code own} and the projection head's ({@link ProjectionHead#PARAMS}, with
     * its rules): its factory builds the head with {@link ProjectionHead#of}.
     */
    public static EncoderDescriptor withHead(String name, List<Param> own, String doc, Function<Params, EncoderInput> input,
            Function<Params, Encoder> factory) {
        return withHead(name, own, List.of(), doc, input, factory);
    }

    /** As {@link #withHead(String, List, String, Function, Function)}, with rules between its own parameters too. */
    public static EncoderDescriptor withHead(String name, List<Param> own, List<Constraint> ownRules, String doc,
            Function<Params, EncoderInput> input, Function<Params, Encoder> factory) {
        var rules = new java.util.ArrayList<>(ownRules);
        rules.addAll(ProjectionHead.RULES);
        return new EncoderDescriptor(name, ProjectionHead.withHead(own), doc, input, factory, rules);
    }

    /** A new encoder from values already checked (a resolved recipe's); keys it does not declare are ignored. */
    public Encoder create(Map<String, Object> values) {
        return factory.apply(values(values));
    }

    /**
     * A new encoder whose weights a checkpoint will replace (a run resumed, a trained run's model): built without its
     * starting weights ({@link ParamType#WEIGHTS} parameters left out), whose files are then not read and may be gone.
     */
    public Encoder createForCheckpoint(Map<String, Object> values) {
        return create(withoutStartingWeights(values));
    }

    /** These values without the parameters that name files of starting weights ({@link ParamType#WEIGHTS}). */
    public Map<String, Object> withoutStartingWeights(Map<String, Object> values) {
        var kept = new LinkedHashMap<>(values);
        params.stream().filter(p -> p.type() == ParamType.WEIGHTS).forEach(p -> kept.remove(p.name()));
        return kept;
    }

    /**
     * Why an encoder of this type cannot be made stochastic ({@code stochastic: {type: gaussian}}, {@link
     * Encoder#stochastic}), or empty when it can: the posterior's mean is the projection head's output, so a type
     * declared without the head every type shares ({@link #withHead}) has no projection to make stochastic.
     */
    public Optional<String> stochasticRefusal() {
        boolean takesHead = params.stream().anyMatch(p -> p.name().equals(ProjectionHead.PARAMS.get(0).name()));
        return takesHead ? Optional.empty() : Optional.of("encoder type '" + name + "' takes no projection head (its"
                + " catalogue entry is not declared with EncoderDescriptor.withHead), and a stochastic encoder's posterior"
                + " mean is the head's output");
    }

    /** The view shapes an encoder with these checked values takes. */
    public EncoderInput input(Map<String, Object> values) {
        return input.apply(values(values));
    }

    private Params values(Map<String, Object> values) {
        return ParamChecks.values("encoder type '" + name + "'", params, values);
    }
}
