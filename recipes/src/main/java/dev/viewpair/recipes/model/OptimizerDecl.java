package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optimizer: {@code optimizer: adamw} or {@code optimizer: {type: sgd, lr: 0.1, weight_decay: 1e-4, momentum: 0.9,
 * nesterov: true}}. Settings of another type than the one named are refused by the validator, so each
 * record carries the defaults of the settings its type does not use.
 *
 * @param type one of {@link #TYPES}
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
    /** The optimizers a recipe may name: AdamW, SGD with momentum, LARS. */
    public static final List<String> TYPES = List.of("adamw", "sgd", "lars");

    /** The optional keys of {@code train.optimizer} and the types each belongs to (lr and weight_decay: all). */
    public static final Map<String, List<String>> SETTINGS = Map.of(
            "momentum", List.of("sgd", "lars"),
            "nesterov", List.of("sgd"),
            "trust_coefficient", List.of("lars"),
            "betas", List.of("adamw"),
            "eps", List.of("adamw"));

    /** The optimizer of a recipe that names none. */
    public static final OptimizerDecl DEFAULT = new OptimizerDecl("adamw", 1e-3, 1e-4);

    public OptimizerDecl {
        Objects.requireNonNull(type, "type");
    }

    /** An optimizer with the default settings of its type. */
    public OptimizerDecl(String type, double lr, double weightDecay) {
        this(type, lr, weightDecay, 0.9, false, 0.001, 0.9, 0.999, 1e-8);
    }
}
