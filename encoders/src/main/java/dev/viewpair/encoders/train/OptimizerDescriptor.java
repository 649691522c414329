package dev.viewpair.encoders.train;

import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.Params;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One optimizer of the optimizer catalogue ({@link UpdateRules#standard()}): the name a recipe's
 * {@code train.optimizer.type} uses, the settings of its update rule, and how to make the rule. The learning rate and
 * weight decay every optimizer takes are in {@link OptimizerConfig}.
 *
 * @param name the name a recipe uses ({@code adamw})
 * @param params its rule's settings with their defaults
 * @param doc one line for listings and the README
 * @param factory makes the rule from its checked settings
 */
public record OptimizerDescriptor(String name, List<Param> params, String doc, Function<Params, UpdateRule> factory)
        implements Entry {
    public OptimizerDescriptor {
        params = List.copyOf(params);
    }

    /** The rule from values already checked (a resolved recipe's); keys it does not declare are ignored. */
    public UpdateRule create(Map<String, Object> values) {
        return factory.apply(ParamChecks.values("optimizer '" + name + "'", params, values));
    }

    /** Whether it declares this setting. */
    public boolean takes(String key) {
        return params.stream().anyMatch(p -> p.name().equals(key));
    }
}
