package dev.viewpair.encoders.mi;

import java.util.Map;

/** Builds bounds by the names and parameters of {@link MiVocabulary#bounds()}. */
public final class Bounds {
    /** MINE's and TUBA's moving-average weight when a recipe gives none (Belghazi et al.). */
    public static final double DEFAULT_EMA = 0.01;
    /** I_α's α when a recipe gives none. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** SMILE's clip when a recipe gives none (Song and Ermon). */
    public static final double DEFAULT_TAU = 5;

    private Bounds() {}

    /**
     * @param name one of {@link MiVocabulary#bounds()}: {@code infonce} (symmetric: boolean,
     *     default false), {@code nwj}, {@code dv}, {@code mine} (ema in (0, 1], default 0.01),
     *     {@code js}, {@code tuba} (ema, default 0.01), {@code interpolated} (alpha in [0, 1],
     *     default 0.5), {@code smile} (tau &gt; 0, default 5), {@code ba} (entropy: H(Y) in nats,
     *     default 0), {@code loo}, {@code club}
     * @param params the bound's parameters (null or empty for defaults)
     * @return a new bound (MINE and TUBA carry state: one per pair)
     * @throws IllegalArgumentException naming the unknown bound or parameter, or the bad value
     */
    public static Bound create(String name, Map<String, Object> params) {
        var values = MiParams.check("bound", MiVocabulary.bounds(), name, params);
        return switch (name) {
            case "infonce" -> new InfoNce(values.flag("symmetric", false));
            case "nwj" -> new Nwj();
            case "dv" -> new DonskerVaradhan();
            case "mine" -> new Mine(values.number("ema", DEFAULT_EMA, 0, false, 1));
            case "js" -> new JensenShannon();
            case "tuba" -> new Tuba(values.number("ema", DEFAULT_EMA, 0, false, 1));
            case "interpolated" -> new Interpolated(values.number("alpha", DEFAULT_ALPHA, 0, true, 1));
            case "smile" -> new Smile(values.positiveNumber("tau", DEFAULT_TAU));
            case "ba" -> new BarberAgakov(values.number("entropy", 0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY));
            case "loo" -> new LeaveOneOut();
            case "club" -> new Club();
            default -> throw new IllegalStateException("MiVocabulary lists bound '" + name + "' that Bounds cannot build");
        };
    }
}
