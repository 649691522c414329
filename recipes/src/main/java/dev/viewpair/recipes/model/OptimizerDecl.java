package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Objects;

/**
 * The optimizer: {@code optimizer: adamw} or {@code optimizer: {type: adamw, lr: 1e-3, weight_decay: 1e-4}}.
 *
 * @param type one of {@link #TYPES}
 * @param lr the peak learning rate, &gt; 0
 * @param weightDecay AdamW's decoupled weight decay (weights only, not biases or norms), ≥ 0
 */
public record OptimizerDecl(String type, double lr, double weightDecay) {
    /** The optimizers a recipe may name: the trainer implements AdamW (SGD with momentum and LARS are to come). */
    public static final List<String> TYPES = List.of("adamw");

    /** The optimizer of a recipe that names none. */
    public static final OptimizerDecl DEFAULT = new OptimizerDecl("adamw", 1e-3, 1e-4);

    public OptimizerDecl {
        Objects.requireNonNull(type, "type");
    }
}
