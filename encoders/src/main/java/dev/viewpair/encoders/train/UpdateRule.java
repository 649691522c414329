package dev.viewpair.encoders.train;

/**
 * How gradients become parameter updates, with the rule's own settings; the learning rate, weight decay and
 * schedule are in {@link OptimizerConfig}. Weight decay and (for LARS) the trust ratio apply to weights only,
 * never to biases, normalization parameters or a learned temperature.
 */
public sealed interface UpdateRule permits UpdateRule.AdamW, UpdateRule.Sgd, UpdateRule.Lars {

    /** The name a recipe uses for this rule: {@code adamw}, {@code sgd}, {@code lars}. */
    String type();

    /**
     * AdamW (Loshchilov &amp; Hutter 2019), as {@code torch.optim.AdamW}: {@code w ← w − lr·wd·w}, then
     * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²} and {@code w ← w − lr·m̂/(√v̂ + ε)} with the
     * bias-corrected moments {@code m̂ = m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}, t the number of updates applied.
     *
     * @param beta1 the first moment's decay, in [0, 1)
     * @param beta2 the second moment's decay, in [0, 1)
     * @param epsilon added to √v̂, &gt; 0
     */
    record AdamW(double beta1, double beta2, double epsilon) implements UpdateRule {
        /** β = (0.9, 0.999), ε = 1e-8. */
        public static final AdamW DEFAULT = new AdamW(0.9, 0.999, 1e-8);

        public AdamW {
            requireUnit("beta1", beta1);
            requireUnit("beta2", beta2);
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("AdamW's epsilon must be positive, got " + epsilon);
            }
        }

        @Override
        public String type() {
            return "adamw";
        }
    }

    /**
     * SGD with momentum, as {@code torch.optim.SGD} (no dampening): {@code d = g + wd·w} (L2 on weights),
     * {@code b ← μ·b + d}, then {@code w ← w − lr·(d + μ·b)} with Nesterov momentum, {@code w ← w − lr·b} without.
     *
     * @param momentum μ in [0, 1) (0: plain SGD)
     * @param nesterov Nesterov's look-ahead form
     */
    record Sgd(double momentum, boolean nesterov) implements UpdateRule {
        /** μ = 0.9, no Nesterov. */
        public static final Sgd DEFAULT = new Sgd(0.9, false);

        public Sgd {
            requireUnit("momentum", momentum);
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0");
            }
        }

        @Override
        public String type() {
            return "sgd";
        }
    }

    /**
     * LARS (You et al. 2017) as SimCLR and BYOL use it: for a weight, {@code d = g + wd·w} and the trust ratio
     * {@code r = η·‖w‖/‖d‖} (1 when either norm is 0); for a bias or normalization parameter {@code d = g},
     * {@code r = 1}. Then {@code b ← μ·b + lr·r·d} and {@code w ← w − b}.
     *
     * @param momentum μ in [0, 1)
     * @param trustCoefficient η &gt; 0 (SimCLR: 0.001)
     */
    record Lars(double momentum, double trustCoefficient) implements UpdateRule {
        /** μ = 0.9, η = 0.001. */
        public static final Lars DEFAULT = new Lars(0.9, 0.001);

        public Lars {
            requireUnit("momentum", momentum);
            if (!(trustCoefficient > 0) || Double.isInfinite(trustCoefficient)) {
                throw new IllegalArgumentException("LARS's trust coefficient must be positive, got " + trustCoefficient);
            }
        }

        @Override
        public String type() {
            return "lars";
        }
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1), got " + value);
        }
    }
}
