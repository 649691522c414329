package dev.viewpair.views;

import java.util.Map;

/**
 * What an op may draw on while making one view of one sample.
 *
 * @param rng the view's own random stream (seed, epoch, sample id, view name)
 * @param anchorSeconds the anchor time shared by all views of this sample in this epoch; views
 *     declared {@code at: anchor + 0.5s} are cut relative to it. Zero for samples without time.
 * @param windows the windows of other views of this sample that a window op keeps apart from
 *     ({@link Apart}), by view name; drawn by {@link dev.viewpair.views.chain.ViewSet} before the views that need them
 */
public record ViewContext(Rng rng, double anchorSeconds, Map<String, Window> windows) {
    public ViewContext {
        windows = Map.copyOf(windows);
    }

    /** A context without other views' windows. */
    public ViewContext(Rng rng, double anchorSeconds) {
        this(rng, anchorSeconds, Map.of());
    }

    /** The window of another view of this sample. */
    public Window window(String view) {
        var w = windows.get(view);
        if (w == null) {
            throw new IllegalStateException("the window of view '" + view + "' was not drawn before this view's: make the"
                    + " views with ViewSet, which draws them first");
        }
        return w;
    }
}
