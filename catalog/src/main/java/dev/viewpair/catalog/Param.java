package dev.viewpair.catalog;

import java.util.List;

/**
 * One declared parameter of a catalogue entry (an op, a bound, an encoder type …).
 *
 * @param name the key a recipe uses
 * @param type its value kind
 * @param defaultValue the value when omitted; {@code null} makes it required, {@link Unset#NONE} leaves it
 *     unset ({@link Params#has} is then false)
 * @param min smallest allowed value (every number in it, for ranges and lists), or {@code null}
 * @param max largest allowed value, or {@code null}
 * @param doc one line for the catalogue table
 * @param minExcluded true when the value must be above {@code min}, not equal to it ({@link #aboveMin})
 * @param maxExcluded true when the value must be below {@code max}, not equal to it ({@link #belowMax})
 * @param choices for a {@link ParamType#STRING} that names one of a few things ({@code pool} or {@code stride}), or an
 *     {@link ParamType#INTEGER} that is one of a few numbers ({@code 18}, {@code 34} or {@code 50}): those, as text; empty
 *     for any value ({@link #choice})
 */
public record Param(String name, ParamType type, Object defaultValue, Double min, Double max, String doc,
        boolean minExcluded, boolean maxExcluded, List<String> choices) {
    public Param {
        choices = List.copyOf(choices);
    }

    public static Param required(String name, ParamType type, Double min, Double max, String doc) {
        return new Param(name, type, null, min, max, doc, false, false, List.of());
    }

    public static Param optional(String name, ParamType type, Object defaultValue, Double min, Double max, String doc) {
        return new Param(name, type, defaultValue, min, max, doc, false, false, List.of());
    }

    /**
     * A {@link ParamType#STRING} parameter that names one of {@code choices}; any other text is refused with the
     * closest choice ("did you mean").
     */
    public static Param choice(String name, String defaultValue, List<String> choices, String doc) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("the default '" + defaultValue + "' of '" + name + "' is not one of " + choices);
        }
        return new Param(name, ParamType.STRING, defaultValue, null, null, doc, false, false, choices);
    }

    /**
     * An {@link ParamType#INTEGER} parameter that is one of {@code choices} (a ResNet's depth); any other number is
     * refused with the closest choice ("did you mean").
     */
    public static Param choice(String name, int defaultValue, List<Integer> choices, String doc) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("the default " + defaultValue + " of '" + name + "' is not one of " + choices);
        }
        return new Param(name, ParamType.INTEGER, defaultValue, null, null, doc, false, false,
                choices.stream().map(String::valueOf).toList());
    }

    /** This parameter with its {@code min} excluded: a value must be above it ({@code eps > 0}). */
    public Param aboveMin() {
        return new Param(name, type, defaultValue, min, max, doc, true, maxExcluded, choices);
    }

    /** This parameter with its {@code max} excluded: a value must be below it ({@code momentum < 1}). */
    public Param belowMax() {
        return new Param(name, type, defaultValue, min, max, doc, minExcluded, true, choices);
    }

    /** The default of a parameter that may be left out and then has no value. */
    public enum Unset {
        NONE;

        @Override
        public String toString() {
            return "none";
        }
    }

    /** A parameter that may be left out, and then has no value. */
    public static Param optionalUnset(String name, ParamType type, Double min, Double max, String doc) {
        return new Param(name, type, Unset.NONE, min, max, doc, false, false, List.of());
    }

    public boolean isRequired() {
        return defaultValue == null;
    }
}
