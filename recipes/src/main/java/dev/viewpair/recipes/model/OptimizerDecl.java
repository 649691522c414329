package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Objects;

/**
 * The optimizer: {@code optimizer: adamw} or {@code optimizer: {type: adamw, lr: 1e-3, weight_decay: 1e-4}}.
 *
 * @param type one of {@link #TYPES}
 * @param lr the peak learning rate, &gt; 0
 * @param weightDecay decoupled (AdamW) or L2 (Adam, SGD) weight decay, ≥ 0
 */
public record OptimizerDecl(String type, double lr, double weightDecay) {
    /** The optimizers a recipe may name. */
    public static final List<String> TYPES = List.of("adamw", "adam", "sgd");

    /** The optimizer of a recipe that names none. */
    public static final OptimizerDecl DEFAULT = new OptimizerDecl("adamw", 1e-3, 1e-4);

    public OptimizerDecl {
        Objects.requireNonNull(type, "type");
    }
}
