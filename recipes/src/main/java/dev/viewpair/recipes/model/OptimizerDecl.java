package dev.viewpair.recipes.model;

import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.encoders.train.UpdateRules;
import java.util.Map;
import java.util.Objects;

/**
 * The optimizer: {@code optimizer: adamw} or {@code optimizer: {type: sgd, lr: 0.1, weight_decay: 1e-4, momentum: 0.9,
 * nesterov: true}}. The learning rate and weight decay belong to every optimizer; the other settings are those its
 * type declares in the optimizer catalogue.
 *
 * @param type a name of the optimizer catalogue ({@link dev.viewpair.encoders.train.UpdateRules#standard()})
 * @param lr the peak learning rate, &gt; 0
 * @param weightDecay weight decay on weights only (not biases or norms), ≥ 0: decoupled for AdamW, added to the
 *     gradient for SGD and LARS
 * @param params the settings of its update rule that its type declares, checked, with defaults filled in, in declared
 *     order: {@code momentum} and {@code nesterov} for sgd
 */
public record OptimizerDecl(String type, double lr, double weightDecay, Map<String, Object> params) {
    /** The optimizer of a recipe that names none. */
    public static final OptimizerDecl DEFAULT = new OptimizerDecl("adamw", 1e-3, 1e-4);

    public OptimizerDecl {
        Objects.requireNonNull(type, "type");
        params = Frozen.map(params);
    }

    /** An optimizer of the standard catalogue with the default settings of its type. */
    public OptimizerDecl(String type, double lr, double weightDecay) {
        this(type, lr, weightDecay, ParamChecks.filled(UpdateRules.standard().get(type).params(), Map.of()));
    }
}
