package dev.viewpair.views.chain;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Rng;
import dev.viewpair.views.Timed;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All views of a recipe, applied together to one sample: draws the sample's anchor once so that
 * time-offset views agree, then the windows that other views keep apart from ({@link dev.viewpair.views.Apart}), each from its
 * own view's stream and before the views that need it, then runs every chain with its own random stream. So a
 * view comes out the same whatever order the views are declared or made in. A family view
 * ({@link ViewChain#isFamily()}) gives one tensor per member view, {@code name.member}, each member with
 * the random stream of its own name after the family op.
 */
public final class ViewSet {
    private final List<ViewChain> chains;
    /** Every view of the recipe, made or not: the anchor and the windows kept apart from depend on all of them. */
    private final Map<String, ViewChain> all;
    private final long seed;
    /** The view names to make; {@code null} for all of them. */
    private final Set<String> wanted;
    /** How the views of each modality find onsets, for the modalities with a view at {@code at: onset}. */
    private final Map<Modality, Onsets> onsets;
    private final OnsetAnchors onsetAnchors = new OnsetAnchors();

    /**
     * @throws IllegalArgumentException when a window keeps apart from a view that is not among {@code chains},
     *     has no window, reads another modality, or keeps apart from it in turn
     */
    public ViewSet(List<ViewChain> chains, long seed) {
        this(chains, chains, seed, null, true);
    }

    /** @param onOnsets whether the views at {@code at: onset} place the anchor on an onset (else it stays uniform) */
    private ViewSet(List<ViewChain> chains, List<ViewChain> all, long seed, Set<String> wanted, boolean onOnsets) {
        this.chains = List.copyOf(chains);
        var byName = new LinkedHashMap<String, ViewChain>();
        all.forEach(c -> byName.put(c.name(), c));
        this.all = Map.copyOf(byName);
        this.seed = seed;
        this.wanted = wanted == null ? null : Set.copyOf(wanted);
        all.forEach(c -> checkApart(c, new LinkedHashSet<>()));
        this.onsets = onOnsets ? onsets(all) : Map.of();
    }

    /**
     * The same views, each anchor drawn uniformly over the times at which every anchored window fits, as for views
     * without {@code at: onset}: an {@code onset} time is then read as {@code anchor} (an evaluation that must not
     * depend on where training placed its anchors). The uniform draw is the one this set makes before it moves the
     * anchor onto an onset, so the same seed, epoch and sample give the same anchor.
     */
    public ViewSet withUniformAnchors() {
        return new ViewSet(chains, List.copyOf(all.values()), seed, wanted, false);
    }

    /**
     * The onset settings of each modality's views at {@code at: onset}: one anchor per modality, so one way to find it.
     *
     * @throws IllegalArgumentException when two views of one modality find onsets differently
     */
    private static Map<Modality, Onsets> onsets(List<ViewChain> chains) {
        var out = new EnumMap<Modality, Onsets>(Modality.class);
        var by = new EnumMap<Modality, String>(Modality.class);
        for (var chain : chains) {
            for (var a : chain.anchoredOps()) {
                var o = a.onsets();
                if (o.isEmpty()) {
                    continue;
                }
                var before = out.putIfAbsent(chain.from(), o.get());
                if (before != null && !before.equals(o.get())) {
                    throw new IllegalArgumentException("views '" + by.get(chain.from()) + "' and '" + chain.name() + "' find the"
                            + " onsets of one " + chain.from().recipeName() + " differently (" + before + " and " + o.get()
                            + "): the views of a sample share one anchor — give them the same onset settings");
                }
                by.putIfAbsent(chain.from(), chain.name());
            }
        }
        return out;
    }

    /** How many anchors were placed on an onset so far, and how many samples had none and kept a uniform anchor. */
    public OnsetTally onsetTally() {
        var t = onsetAnchors.tally();
        return new OnsetTally(t.placed(), t.fellBack());
    }

    /**
     * Anchors placed on onsets ({@code at: onset}) by this set of views.
     *
     * @param placed anchors placed on an onset
     * @param fellBack samples whose sound held no onset, whose anchor was drawn uniformly instead
     */
    public record OnsetTally(long placed, long fellBack) {}

    /** Builds every view of a recipe from its specs. */
    public static ViewSet build(List<ViewSpec> specs, OpCatalog catalog, long seed) {
        var chains = new ArrayList<ViewChain>();
        for (var s : specs) {
            chains.add(ViewChain.build(s, catalog));
        }
        return new ViewSet(chains, seed);
    }

    /**
     * Builds the views of a recipe that make any of {@code names} (view names or member view names such as
     * {@code crops.global0}) and makes only those; each comes out as it does from the whole set.
     *
     * @throws IllegalArgumentException when a name is made by no spec
     */
    public static ViewSet build(List<ViewSpec> specs, OpCatalog catalog, long seed, Collection<String> names) {
        var chains = new ArrayList<ViewChain>();
        var all = new ArrayList<ViewChain>();
        var unknown = new LinkedHashSet<>(names);
        for (var s : specs) {
            var chain = ViewChain.build(s, catalog);
            all.add(chain);
            if (chain.members().stream().anyMatch(names::contains)) {
                chains.add(chain);
                chain.members().forEach(unknown::remove);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no view makes " + unknown + " — views make " + chains.stream()
                    .flatMap(c -> c.members().stream()).toList());
        }
        return new ViewSet(chains, all, seed, new LinkedHashSet<>(names), true);
    }

    /** Checks the chain of windows that {@code chain}'s window keeps apart from; {@code path} holds the views on the way. */
    private void checkApart(ViewChain chain, Set<String> path) {
        var rule = chain.window().flatMap(AnchoredOp::apart);
        if (rule.isEmpty()) {
            return;
        }
        if (!path.add(chain.name())) {
            throw new IllegalArgumentException("views " + path + " keep apart from each other in a circle: one of them must"
                    + " be drawn first — remove apart_from from one");
        }
        var other = all.get(rule.get().view());
        if (other == null) {
            throw new IllegalArgumentException("view '" + chain.name() + "' keeps apart from view '" + rule.get().view()
                    + "', which is not a view of the recipe — views are " + all.keySet());
        }
        if (other.window().isEmpty() || other.from() != chain.from()) {
            throw new IllegalArgumentException("view '" + chain.name() + "' keeps apart from view '" + other.name() + "', which "
                    + (other.window().isEmpty() ? "cuts no window first" : "reads " + other.from().recipeName())
                    + ": apart_from names a view of the same modality whose first op is clip or audio_window");
        }
        checkApart(other, path);
    }

    public List<ViewChain> chains() {
        return chains;
    }

    /** The modalities some view reads: the ones a sample must be decoded for. */
    public Set<Modality> modalities() {
        var set = EnumSet.noneOf(Modality.class);
        chains.forEach(c -> set.add(c.from()));
        return set;
    }

    /**
     * Makes every view of one sample.
     *
     * @param media decoded media per modality (a {@code Mat} for images, {@code Audio} for audio)
     * @param epoch the epoch, part of every random stream
     * @param sampleId the sample's stable id
     * @return view name (member view name for a family) → tensor, in declaration order
     */
    public Map<String, ViewTensor> apply(Map<Modality, ?> media, int epoch, String sampleId) {
        var out = new LinkedHashMap<String, ViewTensor>();
        var windows = new HashMap<String, Window>();
        var anchors = new EnumMap<Modality, Double>(Modality.class);
        for (var chain : chains) {
            Object m = media(media, chain, sampleId);
            double anchor = anchors.computeIfAbsent(chain.from(), from -> anchorSeconds(from, m, epoch, sampleId));
            var rule = chain.window().flatMap(AnchoredOp::apart);
            if (rule.isPresent()) {
                window(rule.get().view(), media, epoch, sampleId, windows, anchors);
            }
            var ctx = new ViewContext(Rng.forView(seed, epoch, sampleId, chain.name()), anchor, windows);
            if (!chain.isFamily()) {
                out.put(chain.name(), chain.apply(m, ctx));
                continue;
            }
            var members = new LinkedHashMap<String, ViewContext>();
            for (var member : chain.members()) {
                if (wanted == null || wanted.contains(member)) {
                    members.put(member, new ViewContext(Rng.forView(seed, epoch, sampleId, member), anchor, windows));
                }
            }
            out.putAll(chain.applyMembers(m, ctx, members));
        }
        return out;
    }

    private static Object media(Map<Modality, ?> media, ViewChain chain, String sampleId) {
        Object m = media.get(chain.from());
        if (m == null) {
            throw new MediaException("sample '" + sampleId + "' has no " + chain.from().recipeName()
                    + " for view '" + chain.name() + "'");
        }
        return m;
    }

    /**
     * Where {@code view}'s window lies in one sample, as {@link #apply} cuts it (same anchor, same jitter draw): for
     * telling which trials of an evaluation carry an event, from the event times a dataset lists.
     *
     * @param media the sample's media per modality; only the length of timed media is read
     * @throws IllegalArgumentException when the view is not in this set or its first op cuts no window
     */
    public Window window(String view, Map<Modality, ?> media, int epoch, String sampleId) {
        var chain = all.get(view);
        if (chain == null || chain.window().isEmpty()) {
            throw new IllegalArgumentException("view '" + view + "' " + (chain == null ? "is not a view of this set — views are "
                    + all.keySet() : "cuts no window first: its first op is not clip, audio_window or frames"));
        }
        return window(view, media, epoch, sampleId, new HashMap<>(), new HashMap<>());
    }

    /**
     * The window of {@code view} in this sample, drawn (after the windows it keeps apart from) with a fresh copy of
     * the view's own stream: its window op is its first op, so that is the draw its chain makes too.
     */
    private Window window(String view, Map<Modality, ?> media, int epoch, String sampleId, Map<String, Window> windows,
            Map<Modality, Double> anchors) {
        var done = windows.get(view);
        if (done != null) {
            return done;
        }
        var chain = all.get(view);
        var op = chain.window().orElseThrow();
        op.apart().ifPresent(rule -> window(rule.view(), media, epoch, sampleId, windows, anchors));
        var m = media(media, chain, sampleId);
        double anchor = anchors.computeIfAbsent(chain.from(), from -> anchorSeconds(from, m, epoch, sampleId));
        double start = op.start(new ViewContext(Rng.forView(seed, epoch, sampleId, view), anchor, windows));
        var w = new Window(start, op.seconds());
        windows.put(view, w);
        return w;
    }

    /**
     * The anchor of a sample for one modality: uniform over the times at which every anchored window of
     * every view of that modality fits inside the media; the middle of the media if none fits. When a view of the
     * modality is cut at an onset ({@code at: onset}), the anchor is then placed on an onset of the sound
     * ({@link OnsetAnchors}); the same seed, epoch and sample give the same anchor.
     */
    double anchorSeconds(Modality modality, Object media, int epoch, String sampleId) {
        if (!(media instanceof Timed timed)) {
            return 0;
        }
        double lo = 0;
        double hi = timed.durationSeconds();
        boolean any = false;
        for (var chain : all.values()) {
            if (chain.from() != modality) {
                continue;
            }
            for (var a : chain.anchoredOps()) {
                if (!a.at().anchored()) {
                    continue;
                }
                any = true;
                double offset = a.at().seconds();
                lo = Math.max(lo, -(offset - a.jitterSeconds()));
                hi = Math.min(hi, timed.durationSeconds() - (offset + a.jitterSeconds() + a.seconds()));
            }
        }
        if (!any) {
            return 0;
        }
        var rng = Rng.forAnchor(seed, epoch, sampleId + "/" + modality.recipeName());
        double u = rng.uniform();
        double uniform = hi >= lo ? lo + u * (hi - lo) : Math.max(0, (lo + hi) / 2);
        var o = onsets.get(modality);
        return o == null ? uniform : onsetAnchors.anchor(o, media, lo, hi, uniform, rng, sampleId);
    }
}
