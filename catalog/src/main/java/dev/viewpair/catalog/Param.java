package dev.viewpair.catalog;

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
 */
public record Param(String name, ParamType type, Object defaultValue, Double min, Double max, String doc) {
    public static Param required(String name, ParamType type, Double min, Double max, String doc) {
        return new Param(name, type, null, min, max, doc);
    }

    public static Param optional(String name, ParamType type, Object defaultValue, Double min, Double max, String doc) {
        return new Param(name, type, defaultValue, min, max, doc);
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
        return new Param(name, type, Unset.NONE, min, max, doc);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }
}
