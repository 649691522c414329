package dev.viewpair.recipes.model;

import dev.viewpair.encoders.train.UpdateRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optimizer: {@code optimizer: adamw} or {@code optimizer: {type: sgd, lr: 0.1, weight_decay: 1e-4, momentum: 0.9,
 * nesterov: true}}. Settings of another type than the one named are refused by the validator, so each
 * record carries the defaults of the settings its type does not use.
 *
 * @param type a name of the optimizer catalogue ({@link dev.viewpair.encoders.train.UpdateRules#standard()})
 * @param lr the peak learning rate, &gt; 0
 * @param weightDecay weight decay on weights only (not biases or norms), ≥ 0: decoupled for AdamW, added to the
 *     gradient for SGD and LARS
 * @param momentum SGD's and LARS's momentum, in [0, 1) (default 0.9)
 * @param nesterov SGD's Nesterov momentum (default false)
 * @param trustCoefficient LARS's trust coefficient η, &gt; 0 (default 0.001)
 * @param beta1 AdamW's first-moment decay, in [0, 1) (default 0.9)
 * @param beta2 AdamW's second-moment decay, in [0, 1) (default 0.999)
 * @param eps AdamW's ε, &gt; 0 (default 1e-8)
 */
public record OptimizerDecl(String type, double lr, double weightDecay, double momentum, boolean nesterov,
        double trustCoefficient, double beta1, double beta2, double eps) {
    /** The optimizer of a recipe that names none. */
    public static final OptimizerDecl DEFAULT = new OptimizerDecl("adamw", 1e-3, 1e-4);

    public OptimizerDecl {
        Objects.requireNonNull(type, "type");
    }

    /** An optimizer with the default settings of its type. */
    public OptimizerDecl(String type, double lr, double weightDecay) {
        this(type, lr, weightDecay, UpdateRule.Sgd.DEFAULT.momentum(), UpdateRule.Sgd.DEFAULT.nesterov(),
                UpdateRule.Lars.DEFAULT.trustCoefficient(), UpdateRule.AdamW.DEFAULT.beta1(), UpdateRule.AdamW.DEFAULT.beta2(),
                UpdateRule.AdamW.DEFAULT.epsilon());
    }

    /** The update rule's settings by key, as the optimizer catalogue's descriptors read them (each its own). */
    public Map<String, Object> params() {
        return Map.of("momentum", momentum, "nesterov", nesterov, "trust_coefficient", trustCoefficient,
                "betas", List.of(beta1, beta2), "eps", eps);
    }
}
