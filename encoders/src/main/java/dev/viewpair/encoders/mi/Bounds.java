package dev.viewpair.encoders.mi;

import static dev.viewpair.catalog.ParamType.BOOLEAN;
import static dev.viewpair.catalog.ParamType.NUMBER;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bound catalogue: every bound a recipe may name, declared once with its parameters, the critic it requires and
 * its factory. Validation, the resolved recipe, the trainer, {@code viewpair list bounds} and the tables in docs/ read it.
 */
public final class Bounds {
    /** MINE's and TUBA's moving-average weight when a recipe gives none (Belghazi et al.). */
    public static final double DEFAULT_EMA = 0.01;
    /** I_α's α when a recipe gives none. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** SMILE's clip when a recipe gives none (Song and Ermon). */
    public static final double DEFAULT_TAU = 5;

    private static final Param EMA = Param.optional("ema", NUMBER, DEFAULT_EMA, 0.0, 1.0,
            "moving-average weight of the newest batch, in (0, 1]");

    private static final Catalog<BoundDescriptor> STANDARD = new Catalog<>("bound", List.of(
            new BoundDescriptor("infonce", List.of(Param.optional("symmetric", BOOLEAN, false, null, null,
                    "average the A→B and B→A classifications")),
                    "≤ log K; representation learning: lowest variance", v -> new InfoNce(v.flag("symmetric"))),
            new BoundDescriptor("interpolated", List.of(Param.optional("alpha", NUMBER, DEFAULT_ALPHA, 0.0, 1.0,
                    "weight of the NWJ term, in [0, 1]")),
                    "I_α, ≤ 1 + log((K−1)/α): a higher cap than InfoNCE for a little variance",
                    v -> new Interpolated(v.number("alpha", 0, true, 1))),
            new BoundDescriptor("nwj", List.of(), "f-GAN KL, MINE-f: unbiased; variance grows like e^I", v -> new Nwj()),
            new BoundDescriptor("dv", List.of(), "Donsker–Varadhan", v -> new DonskerVaradhan()),
            new BoundDescriptor("mine", List.of(EMA), "DV with MINE's moving-average gradient correction",
                    v -> new Mine(v.number("ema", 0, false, 1))),
            new BoundDescriptor("js", List.of(), "Deep InfoMax: JS-trained critic, read out at f + 1",
                    v -> new JensenShannon()),
            new BoundDescriptor("tuba", List.of(EMA), "NWJ with a learned (moving-average) baseline",
                    v -> new Tuba(v.number("ema", 0, false, 1))),
            new BoundDescriptor("smile", List.of(Param.optional("tau", NUMBER, DEFAULT_TAU, 0.0, null,
                    "clip of the partition term's scores, > 0")),
                    "measuring large MI: most accurate on the staircase", v -> new Smile(v.positiveNumber("tau"))),
            new BoundDescriptor("ba", List.of(Param.optional("entropy", NUMBER, 0.0, null, null, "H(Y) in nats")),
                    "Barber–Agakov", "gaussian",
                    v -> new BarberAgakov(v.number("entropy", Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY))),
            new BoundDescriptor("loo", List.of(), "leave-one-out, \"tractable NCE\"; exact on a stochastic encoder's"
                    + " posterior", "gaussian", v -> new LeaveOneOut()),
            new BoundDescriptor("club", List.of(), "minimizing MI", "gaussian",
                    v -> new Club()),
            new BoundDescriptor("vib", List.of(), "KL to a standard normal prior (VIB): I(X; Z) of a stochastic encoder",
                    Critics.POSTERIOR, v -> new VariationalPrior())));

    private Bounds() {}

    /** Every bound viewpair ships. */
    public static Catalog<BoundDescriptor> standard() {
        return STANDARD;
    }

    /**
     * A bound of the standard catalogue.
     *
     * @param name one of {@link #standard()}'s names
     * @param params the bound's parameters (null or empty for defaults)
     * @return a new bound (MINE and TUBA carry state: one per pair)
     * @throws IllegalArgumentException naming the unknown bound or parameter, or the bad value
     */
    public static Bound create(String name, Map<String, Object> params) {
        return STANDARD.find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown bound '" + name + "'; known: " + String.join(", ", new TreeSet<>(STANDARD.names()))))
                .create(params);
    }
}
