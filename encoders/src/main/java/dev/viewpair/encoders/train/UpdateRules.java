package dev.viewpair.encoders.train;

import static dev.viewpair.catalog.ParamType.BOOLEAN;
import static dev.viewpair.catalog.ParamType.NUMBER;
import static dev.viewpair.catalog.ParamType.NUMBERS;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Param;
import java.util.List;

/**
 * The optimizer catalogue: every update rule a recipe may name, declared once with its settings and factory.
 * Validation, the resolved recipe, the trainer, {@code viewpair list optimizers} and the tables in docs/ read it.
 */
public final class UpdateRules {
    private static final Param MOMENTUM = Param.optional("momentum", NUMBER, UpdateRule.Sgd.DEFAULT.momentum(), 0.0, 1.0,
            "μ, in [0, 1)").belowMax();

    private static final Catalog<OptimizerDescriptor> STANDARD = new Catalog<>("optimizer", List.of(
            new OptimizerDescriptor("adamw", List.of(
                    Param.optional("betas", NUMBERS, List.of(UpdateRule.AdamW.DEFAULT.beta1(), UpdateRule.AdamW.DEFAULT.beta2()),
                            0.0, 1.0, "the moments' decays β1, β2, each in [0, 1)").belowMax(),
                    Param.optional("eps", NUMBER, UpdateRule.AdamW.DEFAULT.epsilon(), 0.0, null, "ε added to √v̂, > 0").aboveMin()),
                    "AdamW as torch.optim.AdamW: decoupled decay w ← w − lr·wd·w, bias-corrected moments",
                    v -> new UpdateRule.AdamW(v.numbers("betas")[0], v.numbers("betas")[1], v.number("eps")),
                    List.of(Constraint.require("betas", v -> v.numbers("betas").length == 2,
                            v -> "needs two numbers (β1, β2), got " + v.numbers("betas").length, "write betas: [0.9, 0.999]"))),
            new OptimizerDescriptor("sgd", List.of(MOMENTUM,
                    Param.optional("nesterov", BOOLEAN, UpdateRule.Sgd.DEFAULT.nesterov(), null, null, "Nesterov momentum")),
                    "as torch.optim.SGD: d = g + wd·w, b ← μb + d, w ← w − lr·b (Nesterov: w ← w − lr·(d + μb))",
                    v -> new UpdateRule.Sgd(v.number("momentum"), v.bool("nesterov")),
                    List.of(Constraint.require("nesterov", v -> !v.bool("nesterov") || v.number("momentum") > 0,
                            v -> "needs a momentum above 0", "set momentum: 0.9"))),
            new OptimizerDescriptor("lars", List.of(MOMENTUM,
                    Param.optional("trust_coefficient", NUMBER, UpdateRule.Lars.DEFAULT.trustCoefficient(), 0.0, null,
                            "η of the trust ratio, > 0").aboveMin()),
                    "LARS (You et al. 2017) as SimCLR/BYOL use it: d = g + wd·w, trust ratio η‖w‖/‖d‖, b ← μb + lr·ratio·d,"
                            + " w ← w − b",
                    v -> new UpdateRule.Lars(v.number("momentum"), v.number("trust_coefficient")))));

    private UpdateRules() {}

    /** Every optimizer viewpair ships. */
    public static Catalog<OptimizerDescriptor> standard() {
        return STANDARD;
    }
}
