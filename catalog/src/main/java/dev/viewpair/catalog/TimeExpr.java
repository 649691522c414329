package dev.viewpair.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A time a recipe writes: an absolute time ({@code 1.5}, {@code 1.5s}, {@code 250ms}), one relative
 * to the sample's anchor ({@code anchor}, {@code anchor + 0.5s}, {@code anchor - 250ms}), or one relative to an
 * onset of the sample's sound ({@code onset}, {@code onset + 0.25s}): the anchor placed on an onset, so an onset
 * time is anchored too.
 *
 * @param anchored true when relative to the anchor
 * @param seconds the absolute time, or the offset from the anchor
 * @param onset true when the anchor is to be placed on an onset (then {@code anchored} is true)
 */
public record TimeExpr(boolean anchored, double seconds, boolean onset) {
    public TimeExpr {
        if (onset && !anchored) {
            throw new IllegalArgumentException("an onset time is relative to the anchor");
        }
    }

    /** An absolute time or one relative to the anchor, not to an onset. */
    public TimeExpr(boolean anchored, double seconds) {
        this(anchored, seconds, false);
    }

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
        for (var origin : new String[] {"anchor", "onset"}) {
            if (!text.startsWith(origin)) {
                continue;
            }
            boolean onset = origin.equals("onset");
            String rest = text.substring(origin.length()).trim();
            if (rest.isEmpty()) {
                return new TimeExpr(true, 0, onset);
            }
            char sign = rest.charAt(0);
            if (sign != '+' && sign != '-') {
                throw new IllegalArgumentException("expected '" + origin + " + 0.5s' or '" + origin + " - 0.5s', got '" + s + "'");
            }
            double d = duration(rest.substring(1).trim(), s);
            return new TimeExpr(true, sign == '+' ? d : -d, onset);
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
        String origin = onset ? "onset" : "anchor";
        return seconds == 0 ? origin : origin + " " + (seconds > 0 ? "+ " : "- ") + Math.abs(seconds) + "s";
    }
}
