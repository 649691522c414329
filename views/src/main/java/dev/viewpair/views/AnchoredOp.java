package dev.viewpair.views;

import dev.viewpair.catalog.TimeExpr;
import java.util.Optional;

/**
 * An op that cuts a window of time, possibly relative to the sample's anchor. The {@link dev.viewpair.views.chain.ViewSet}
 * reads these from every view before drawing the anchor, so that every view's window fits the media.
 */
public interface AnchoredOp {
    /** Where the window starts. */
    TimeExpr at();

    /** How long it lasts, in seconds. */
    double seconds();

    /** The widest random jitter added to the start, in seconds on either side (0 for none). */
    default double jitterSeconds() {
        return 0;
    }

    /**
     * How onsets are found when {@code at} is relative to an onset ({@code at: onset + 0.25s}): the sample's anchor is
     * then placed on one of them. Empty for any other {@code at}.
     */
    default Optional<Onsets> onsets() {
        return Optional.empty();
    }

    /** The other view's window this one keeps apart from, if any. */
    default Optional<Apart> apart() {
        return Optional.empty();
    }

    /**
     * The window's start for one view of one sample: {@code at} against the anchor, moved by a uniform jitter
     * drawn from the view's stream — uniform over the allowed starts only, when {@link #apart()} holds a rule.
     */
    default double start(ViewContext ctx) {
        double base = at().resolve(ctx.anchorSeconds());
        double jitter = jitterSeconds();
        var rule = apart();
        if (rule.isPresent()) {
            return rule.get().draw(base - jitter, base + jitter, seconds(), ctx.window(rule.get().view()), ctx.rng());
        }
        return jitter > 0 ? base + ctx.rng().uniform(-jitter, jitter) : base;
    }
}
