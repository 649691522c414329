package dev.viewpair.encoders.nn;

import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.Params;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One encoder type of the encoder catalogue ({@link EncoderTypes#standard()}): the name a recipe's
 * {@code encoders.NAME.type} uses, its parameters, the view shapes it takes, and how to build it.
 *
 * @param name the name a recipe uses ({@code conv})
 * @param params its parameters with their defaults: the keys an encoder of this type takes besides {@code type} and
 *     {@code views}
 * @param doc one line for listings and the README
 * @param input the view shapes an encoder with these parameters takes
 * @param factory builds a new, uninitialized encoder from its checked parameters
 * @param constraints the rules between its parameters ({@code width} divisible by {@code heads})
 */
public record EncoderDescriptor(String name, List<Param> params, String doc, Function<Params, EncoderInput> input,
        Function<Params, Encoder> factory, List<Constraint> constraints) implements Entry {
    public EncoderDescriptor {
        params = List.copyOf(params);
        constraints = List.copyOf(constraints);
    }

    /** An encoder type with no rules between its parameters. */
    public EncoderDescriptor(String name, List<Param> params, String doc, Function<Params, EncoderInput> input,
            Function<Params, Encoder> factory) {
        this(name, params, doc, input, factory, List.of());
    }

    /** A new encoder from values already checked (a resolved recipe's); keys it does not declare are ignored. */
    public Encoder create(Map<String, Object> values) {
        return factory.apply(values(values));
    }

    /** The view shapes an encoder with these checked values takes. */
    public EncoderInput input(Map<String, Object> values) {
        return input.apply(values(values));
    }

    private Params values(Map<String, Object> values) {
        return ParamChecks.values("encoder type '" + name + "'", params, values);
    }
}
