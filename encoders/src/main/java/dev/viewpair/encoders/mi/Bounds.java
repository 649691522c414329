package dev.viewpair.encoders.mi;

import java.util.Map;

/** Builds bounds by the names and parameters of {@link MiVocabulary#bounds()}. */
public final class Bounds {
    private Bounds() {}

    /**
     * @param name {@code infonce} (symmetric: boolean, default false)
     * @param params the bound's parameters (null or empty for defaults)
     * @return the bound
     * @throws IllegalArgumentException naming the unknown bound or parameter, or the bad value
     */
    public static Bound create(String name, Map<String, Object> params) {
        var values = MiParams.check("bound", MiVocabulary.bounds(), name, params);
        return switch (name) {
            case "infonce" -> new InfoNce(values.flag("symmetric", false));
            default -> throw new IllegalStateException("MiVocabulary lists bound '" + name + "' that Bounds cannot build");
        };
    }
}
