package dev.viewpair.views;

import dev.viewpair.views.catalog.OpCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All views of a recipe, applied together to one sample: draws the sample's anchor once so that
 * time-offset views agree, then runs every chain with its own random stream. A family view
 * ({@link ViewChain#isFamily()}) gives one tensor per member view, {@code name.member}, each member with
 * the random stream of its own name after the family op.
 */
public final class ViewSet {
    private final List<ViewChain> chains;
    private final long seed;
    /** The view names to make; {@code null} for all of them. */
    private final Set<String> wanted;

    public ViewSet(List<ViewChain> chains, long seed) {
        this(chains, seed, null);
    }

    private ViewSet(List<ViewChain> chains, long seed, Set<String> wanted) {
        this.chains = List.copyOf(chains);
        this.seed = seed;
        this.wanted = wanted == null ? null : Set.copyOf(wanted);
    }

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
        var unknown = new LinkedHashSet<>(names);
        for (var s : specs) {
            var chain = ViewChain.build(s, catalog);
            if (chain.members().stream().anyMatch(names::contains)) {
                chains.add(chain);
                chain.members().forEach(unknown::remove);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no view makes " + unknown + " — views make " + chains.stream()
                    .flatMap(c -> c.members().stream()).toList());
        }
        return new ViewSet(chains, seed, new LinkedHashSet<>(names));
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
        for (var chain : chains) {
            Object m = media.get(chain.from());
            if (m == null) {
                throw new MediaException("sample '" + sampleId + "' has no " + chain.from().recipeName()
                        + " for view '" + chain.name() + "'");
            }
            double anchor = anchorSeconds(chain.from(), m, epoch, sampleId);
            var ctx = new ViewContext(Rng.forView(seed, epoch, sampleId, chain.name()), anchor);
            if (!chain.isFamily()) {
                out.put(chain.name(), chain.apply(m, ctx));
                continue;
            }
            var members = new LinkedHashMap<String, ViewContext>();
            for (var member : chain.members()) {
                if (wanted == null || wanted.contains(member)) {
                    members.put(member, new ViewContext(Rng.forView(seed, epoch, sampleId, member), anchor));
                }
            }
            out.putAll(chain.applyMembers(m, ctx, members));
        }
        return out;
    }

    /**
     * The anchor of a sample for one modality: uniform over the times at which every anchored window of
     * every view of that modality fits inside the media; the middle of the media if none fits.
     */
    double anchorSeconds(Modality modality, Object media, int epoch, String sampleId) {
        if (!(media instanceof Timed timed)) {
            return 0;
        }
        double lo = 0;
        double hi = timed.durationSeconds();
        boolean any = false;
        for (var chain : chains) {
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
        double u = Rng.forAnchor(seed, epoch, sampleId + "/" + modality.recipeName()).uniform();
        return hi >= lo ? lo + u * (hi - lo) : Math.max(0, (lo + hi) / 2);
    }
}
