package dev.viewpair.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A time a recipe writes: an absolute time ({@code 1.5}, {@code 1.5s}, {@code 250ms}) or one relative
 * to the sample's anchor ({@code anchor}, {@code anchor + 0.5s}, {@code anchor - 250ms}).
 *
 * @param anchored true when relative to the anchor
 * @param seconds the absolute time, or the offset from the anchor
 */
public record TimeExpr(boolean anchored, double seconds) {
    private static final Pattern DURATION = Pattern.compile("([+-]?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)\\s*(ms|s)?");

    /** The anchor itself. */
    public static final TimeExpr ANCHOR = new TimeExpr(true, 0);

    /** The time this expression names, given the anchor. */
    public double resolve(double anchorSeconds) {
        return anchored ? anchorSeconds + seconds : seconds;
    }

    /** Parses a number or a string; throws {@link IllegalArgumentException} with what was expected. */
    public static TimeExpr parse(Object value) {
        if (value instanceof Number n) {
            return new TimeExpr(false, n.doubleValue());
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("expected " + ParamType.TIME.description());
        }
        String text = s.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("anchor")) {
            String rest = text.substring("anchor".length()).trim();
            if (rest.isEmpty()) {
                return ANCHOR;
            }
            char sign = rest.charAt(0);
            if (sign != '+' && sign != '-') {
                throw new IllegalArgumentException("expected 'anchor + 0.5s' or 'anchor - 0.5s', got '" + s + "'");
            }
            double d = duration(rest.substring(1).trim(), s);
            return new TimeExpr(true, sign == '+' ? d : -d);
        }
        return new TimeExpr(false, duration(text, s));
    }

    private static double duration(String text, String original) {
        var m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + ParamType.TIME.description() + ", got '" + original + "'");
        }
        double v = Double.parseDouble(m.group(1));
        return "ms".equals(m.group(2)) ? v / 1000.0 : v;
    }

    @Override
    public String toString() {
        if (!anchored) {
            return seconds + "s";
        }
        return seconds == 0 ? "anchor" : "anchor " + (seconds > 0 ? "+ " : "- ") + Math.abs(seconds) + "s";
    }
}
