package dev.viewpair.encoders.train;

import dev.viewpair.catalog.Constraint;
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
 * @param doc one line for listings and the tables in docs/
 * @param factory makes the rule from its checked settings
 * @param constraints rules between its settings; a problem's message follows the setting's key ({@code needs a
 *     momentum above 0})
 */
public record OptimizerDescriptor(String name, List<Param> params, String doc, Function<Params, UpdateRule> factory,
        List<Constraint> constraints) implements Entry {
    public OptimizerDescriptor {
        params = List.copyOf(params);
        constraints = List.copyOf(constraints);
    }

    /** An optimizer whose settings are independent of each other. */
    public OptimizerDescriptor(String name, List<Param> params, String doc, Function<Params, UpdateRule> factory) {
        this(name, params, doc, factory, List.of());
    }

    /** The rule from values already checked (a resolved recipe's); keys it does not declare are ignored. */
    public UpdateRule create(Map<String, Object> values) {
        return factory.apply(ParamChecks.values("optimizer '" + name + "'", params, values));
    }
}
