package dev.viewpair.views;

import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A rule between two windows of one sample, as in COLA/CLAR-style audio pretraining ("two segments at least
 * 0.2 s apart", "overlapping at most half"): the window of the op that holds it keeps apart from the window
 * of another view, {@code view}. Either a gap of at least {@code amount} seconds lies between them
 * ({@code min_gap}), or they share at most {@code amount} of the shorter window ({@code max_overlap}).
 *
 * <p>The op's start is drawn from its own jitter range with the other view's actual start known: uniform over
 * the starts allowed (one or two intervals), with one draw from the op's own random stream. So the rule always
 * holds, every allowed start can come out, and a view's window depends on nothing but its own stream, the
 * anchor and the window it keeps apart from.
 *
 * @param view the other view's name
 * @param gap true for a minimum gap, false for a maximum overlap
 * @param amount the gap in seconds (≥ 0), or the overlap as a fraction of the shorter window, in [0, 1)
 */
public record Apart(String view, boolean gap, double amount) {
    public Apart {
        if (gap ? !(amount >= 0) : !(amount >= 0 && amount < 1)) {
            throw new IllegalArgumentException(gap ? "min_gap must be ≥ 0 seconds, got " + amount
                    : "max_overlap must be a fraction in [0, 1), got " + amount);
        }
    }

    /** Keeps at least {@code seconds} between the windows. */
    public static Apart minGap(String view, double seconds) {
        return new Apart(view, true, seconds);
    }

    /** Lets the windows share at most {@code fraction} of the shorter one. */
    public static Apart maxOverlap(String view, double fraction) {
        return new Apart(view, false, fraction);
    }

    /**
     * The recipe keys of a window op ({@code clip}, {@code audio_window}): its {@code own}, then those that keep it
     * apart from another view's window.
     */
    public static List<Param> params(Param... own) {
        return Stream.concat(Stream.of(own), Stream.of(
                Param.optionalUnset("apart_from", ParamType.STRING, null, null,
                        "another view of the sample whose window this one keeps apart from (min_gap 0 unless given)"),
                Param.optionalUnset("min_gap", ParamType.NUMBER, 0.0, null,
                        "with apart_from: at least this many seconds between the two windows"),
                Param.optionalUnset("max_overlap", ParamType.NUMBER, 0.0, 1.0,
                        "with apart_from: the windows share at most this fraction of the shorter one, below 1"))).toList();
    }

    /** The rules between those keys. */
    public static Constraint[] constraints() {
        return new Constraint[] {
            Constraint.require("max_overlap", p -> !(p.has("min_gap") && p.has("max_overlap")),
                    p -> "min_gap and max_overlap are both given",
                    "keep one: min_gap (seconds between the windows) or max_overlap (fraction of the shorter window they share)"),
            Constraint.require("max_overlap", p -> !p.has("max_overlap") || p.number("max_overlap") < 1,
                    p -> "max_overlap 1 lets the windows overlap entirely", "give a fraction below 1, or remove apart_from"),
            Constraint.require(null, p -> p.has("apart_from") || !(p.has("min_gap") || p.has("max_overlap")),
                    p -> (p.has("min_gap") ? "min_gap" : "max_overlap") + " is given without apart_from",
                    "add apart_from: <view> — the view whose window this one keeps apart from"),
            Constraint.require("apart_from", p -> !p.has("apart_from") || !p.string("apart_from").isBlank(),
                    p -> "apart_from is empty", "give the name of another view of the sample"),
        };
    }

    /** The rule the keys give, if any. */
    public static Optional<Apart> of(Params p) {
        if (!p.has("apart_from")) {
            return Optional.empty();
        }
        var view = p.string("apart_from");
        return Optional.of(p.has("max_overlap") ? maxOverlap(view, p.number("max_overlap"))
                : minGap(view, p.has("min_gap") ? p.number("min_gap") : 0));
    }

    /** The most the windows may share, in seconds; negative for a gap. */
    private double overlapSeconds(double seconds, double otherSeconds) {
        return gap ? -amount : amount * Math.min(seconds, otherSeconds);
    }

    /**
     * The starts (open interval, low then high) a window of {@code seconds} may not take next to {@code other}:
     * starting at the low end it ends exactly the allowed overlap after the other's start (or the gap before
     * it); at the high end it starts the allowed overlap before the other's end (or the gap after it).
     */
    double[] forbidden(double seconds, Window other) {
        double overlap = overlapSeconds(seconds, other.seconds());
        return new double[] {other.start() - seconds + overlap, other.end() - overlap};
    }

    /**
     * A start for a window of {@code seconds} drawn uniformly over the starts in [lo, hi] that keep this rule
     * next to {@code other}, with one draw from {@code rng}.
     *
     * @throws MediaException when no start in [lo, hi] does (recipe validation refuses such recipes)
     */
    public double draw(double lo, double hi, double seconds, Window other, Rng rng) {
        double[] f = forbidden(seconds, other);
        double left = Math.max(0, Math.min(hi, f[0]) - lo);
        double rightFrom = Math.max(lo, f[1]);
        double right = Math.max(0, hi - rightFrom);
        if (left + right == 0) {
            if (lo <= f[0] || lo >= f[1]) {
                return lo; // no jitter, and the one start there is allowed
            }
            throw new MediaException(String.format(Locale.ROOT, "no start in [%.3f, %.3f] s keeps %s from view '%s'"
                    + " at [%.3f, %.3f] s", lo, hi, this, view, other.start(), other.end()));
        }
        double u = rng.uniform() * (left + right);
        // the clamps keep rounding from moving a start across the forbidden edge
        return u < left ? Math.min(lo + u, f[0]) : Math.max(rightFrom + (u - left), f[1]);
    }

    /**
     * Why this rule, held by {@code self}'s window, can fail for some sample next to {@code other}'s window, or empty
     * when every start the other can draw leaves this one an allowed start.
     */
    public Optional<String> whyUnsatisfiable(AnchoredOp self, AnchoredOp other) {
        if (self.at().anchored() != other.at().anchored()) {
            return Optional.of("one window's 'at' is relative to the anchor and the other's is not, so how far apart they"
                    + " start changes from sample to sample — write both as anchor ± offset, or both as absolute times");
        }
        double at = self.at().seconds();
        double jitter = self.jitterSeconds();
        double seconds = self.seconds();
        double otherAt = other.at().seconds();
        double otherJitter = other.jitterSeconds();
        double otherSeconds = other.seconds();
        double overlap = overlapSeconds(seconds, otherSeconds);
        double width = seconds + otherSeconds - 2 * overlap; // the forbidden interval's width
        // the other starts at which the forbidden interval covers all of [at - jitter, at + jitter]
        double badLo = at + jitter - otherSeconds + overlap;
        double badHi = at - jitter + seconds - overlap;
        boolean canFail = 2 * jitter < width && badLo < otherAt + otherJitter && badHi > otherAt - otherJitter;
        if (!canFail) {
            return Optional.empty();
        }
        boolean anchored = self.at().anchored();
        double worst = Math.max(otherAt - otherJitter, Math.min(otherAt + otherJitter, (badLo + badHi) / 2));
        return Optional.of(String.format(Locale.ROOT, "when view '%s' starts at %s, every start within ±%s s of %s"
                + " %s — a jitter of %s s or more always leaves room", view, time(anchored, worst), num(jitter),
                time(anchored, at), gap ? "is closer than min_gap " + num(amount) + " s to it"
                        : "overlaps it by more than max_overlap " + num(amount), num(width / 2)));
    }

    private static String time(boolean anchored, double seconds) {
        if (!anchored) {
            return num(seconds) + " s";
        }
        return seconds == 0 ? "the anchor" : "anchor " + (seconds > 0 ? "+ " : "- ") + num(Math.abs(seconds)) + " s";
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+$", "");
    }

    @Override
    public String toString() {
        return gap ? "min_gap " + num(amount) + " s" : "max_overlap " + num(amount);
    }
}
