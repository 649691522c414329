package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.EvalDecl;
import dev.viewpair.recipes.model.KnnDecl;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.RetrievalDecl;
import dev.viewpair.recipes.model.SyncDecl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code eval} section: the linear probe, k-NN, retrieval between views, and the sync evaluation of a
 * declared pair at several offsets.
 */
final class EvalReader {
    static final List<String> KEYS = List.of("linear_probe", "retrieval", "knn", "sync");

    private final ViewRefs refs;
    /** The pairs as read; {@code null} when the pairs section could not be read. */
    private final List<PairDecl> pairs;
    /** Every name written in the pairs section, including pairs refused for a problem already reported. */
    private final Set<String> writtenPairNames;
    private final Problems problems;

    EvalReader(ViewRefs refs, List<PairDecl> pairs, Set<String> writtenPairNames, Problems problems) {
        this.refs = refs;
        this.pairs = pairs;
        this.writtenPairNames = writtenPairNames;
        this.problems = problems;
    }

    /** The evaluations, or {@code null} when they have problems (they are reported). */
    EvalDecl read(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "eval", KEYS, problems);
        if (s == null) {
            return null;
        }
        // "linear_probe:" or "knn:" without a value asks for the defaults
        Optional<LinearProbeDecl> probe = Optional.empty();
        if (s.has("linear_probe")) {
            var probeNode = s.get("linear_probe");
            var probeSection = probeNode == null ? null : Section.of(probeNode, "eval.linear_probe", List.of("label", "views"), problems);
            var label = probeSection == null ? LinearProbeDecl.DEFAULT_LABEL : probeSection.text("label", LinearProbeDecl.DEFAULT_LABEL);
            if (label != null && !label.equals(LinearProbeDecl.DEFAULT_LABEL)) {
                // the sources put a sample's class in its label; other fields are not read as classes yet
                problems.add(probeSection.get("label"), "eval.linear_probe.label: only the dataset's 'label' field can be probed, got '"
                        + label + "'", "rename the column to label, or remove the key");
            }
            var probeViews = probeSection == null ? List.<String>of() : probeViews(probeSection);
            probe = Optional.ofNullable(label).map(l -> new LinearProbeDecl(l, probeViews));
        }
        Optional<KnnDecl> knn = Optional.empty();
        if (s.has("knn")) {
            var knnNode = s.get("knn");
            var knnSection = knnNode == null ? null : Section.of(knnNode, "eval.knn", List.of("k"), problems);
            var k = knnSection == null ? Integer.valueOf(KnnDecl.DEFAULT_K) : knnSection.integer("k", KnnDecl.DEFAULT_K, 1);
            knn = Optional.ofNullable(k).map(KnnDecl::new);
        }
        var retrieval = new ArrayList<RetrievalDecl>();
        var retrievalNode = s.get("retrieval");
        var items = retrievalNode == null ? List.<PosNode>of() : problems.list(retrievalNode, "eval.retrieval", "[[img_a, sound]]");
        for (int i = 0; items != null && i < items.size(); i++) {
            var path = "eval.retrieval[" + i + "]";
            var pair = problems.list(items.get(i), path, "[img_a, sound]");
            if (pair != null && pair.size() != 2) {
                problems.add(items.get(i), path + " must name two views, got " + pair.size(), "write [query_view, gallery_view]");
            } else if (pair != null) {
                var query = refs.usedView(pair.get(0), path, "retrieval evaluation");
                var gallery = refs.usedView(pair.get(1), path, "retrieval evaluation");
                if (query != null && query.equals(gallery)) {
                    problems.add(pair.get(1), path + " retrieves view '" + query + "' from itself", "name two different views");
                } else if (query != null && gallery != null) {
                    retrieval.add(new RetrievalDecl(query, gallery));
                }
            }
        }
        var syncNode = s.get("sync");
        var sync = syncNode == null ? Optional.<SyncDecl>empty() : Optional.ofNullable(sync(syncNode));
        return problems.count() > before ? null : new EvalDecl(probe, retrieval, knn, sync);
    }

    /**
     * {@code eval.sync: {pair: NAME, windows: N, offsets: [SECONDS, ...], anchors: uniform | views}}: a declared pair
     * whose second view is cut at the anchor, so that the evaluation can cut it later and earlier. The old
     * {@code shifted: VIEW} is refused with how to write it now.
     */
    private SyncDecl sync(PosNode node) {
        var s = Section.of(node, "eval.sync", List.of("pair", "windows", "offsets", "anchors", "shifted"), problems);
        if (s == null) {
            return null;
        }
        int before = problems.count();
        if (s.has("shifted")) {
            problems.add(s.node().entries().get("shifted"), "eval.sync.shifted is no longer read: the sync evaluation now"
                    + " cuts the pair's second view itself at several offsets, later and earlier, at many anchors per sample",
                    "replace shifted: VIEW by offsets: [0.25, 0.5, 1.0] (seconds; windows: 16 anchors per sample by default),"
                            + " and remove the shifted view if nothing else uses it");
        }
        var pairNode = s.required("pair", "frame-sound");
        var pairName = pairNode == null ? null : problems.text(pairNode, s.path("pair"));
        var windows = s.integer("windows", SyncDecl.DEFAULT_WINDOWS, 1);
        if (windows != null && windows > SyncDecl.MAX_WINDOWS) {
            problems.add(s.get("windows"), s.path("windows") + ": at most " + SyncDecl.MAX_WINDOWS + " anchors per sample, got "
                    + windows, "write a smaller number: each anchor is one more pass over the test split");
        }
        var offsets = offsets(s);
        var anchorsName = s.choice("anchors", SyncDecl.Anchors.UNIFORM.recipeName(),
                Arrays.stream(SyncDecl.Anchors.values()).map(SyncDecl.Anchors::recipeName).toList(), "anchor placement");
        if (pairName == null || pairs == null) {
            return null;
        }
        var pair = pairs.stream().filter(p -> p.name().equals(pairName)).findFirst();
        if (pair.isEmpty() && writtenPairNames.contains(pairName)) {
            return null; // the pair is declared, and refused for a problem reported at the pair itself
        }
        if (pair.isEmpty()) {
            var names = pairs.stream().map(PairDecl::name).toList();
            problems.add(pairNode, s.path("pair") + ": unknown pair '" + pairName + "'", Problems.suggest(pairName, names, "declared pairs"));
            return null;
        }
        if (!pair.get().sides().equals(pair.get().views())) {
            problems.add(pairNode, s.path("pair") + ": pair '" + pairName + "' reads " + String.join(" and ",
                    pair.get().sides()) + ", not the two views' projections: the sync evaluation scores one pair of"
                    + " views per trial", "name a pair of two plain views");
            return null;
        }
        boolean shiftable = refs.shiftable(pairNode, s.path("pair"), pair.get().viewB());
        return shiftable && offsets != null && anchorsName != null && problems.count() == before
                ? new SyncDecl(pairName, windows, offsets, SyncDecl.Anchors.valueOf(anchorsName.toUpperCase(Locale.ROOT))) : null;
    }

    /** {@code eval.sync.offsets}: distinct positive seconds, the defaults when not given; {@code null} and a problem. */
    private List<Double> offsets(Section s) {
        var node = s.get("offsets");
        if (node == null) {
            return SyncDecl.DEFAULT_OFFSETS;
        }
        var items = problems.list(node, s.path("offsets"), "[0.25, 0.5, 1.0]");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node, s.path("offsets") + " is empty", "write at least one offset in seconds, e.g. [1.0]");
            return null;
        }
        var out = new ArrayList<Double>();
        for (int i = 0; i < items.size(); i++) {
            var path = s.path("offsets") + "[" + i + "]";
            var offset = problems.number(items.get(i), path, 0, true);
            if (offset != null && out.contains(offset)) {
                problems.add(items.get(i), path + ": offset " + offset + " is written twice", "remove one");
                return null;
            }
            if (offset == null) {
                return null;
            }
            out.add(offset);
        }
        return out;
    }

    /**
     * {@code eval.linear_probe.views}: views fed to encoders, each read at its embedding or at a layer ({@code
     * img_eval@stage2}, averaged over positions), at most one view per encoder and layer.
     */
    private List<String> probeViews(Section s) {
        var node = s.get("views");
        var items = node == null ? List.<PosNode>of() : problems.list(node, s.path("views"), "[img_eval, sound_eval]");
        var out = new ArrayList<String>();
        var probed = new HashMap<String, String>();
        for (int i = 0; items != null && i < items.size(); i++) {
            var path = s.path("views") + "[" + i + "]";
            var written = problems.text(items.get(i), path);
            var ref = written == null ? null : LayerRef.probed(written);
            var view = ref == null ? null : refs.usedView(items.get(i), path, "linear probe", ref.view());
            if (view == null || !refs.encodersKnown()) {
                continue;
            }
            if (refs.layerKnown(view) && refs.layer(items.get(i), path, ref) == null) {
                continue;
            }
            var encoder = refs.encoderOf(view);
            var other = probed.putIfAbsent(encoder + LayerRef.AT + ref.layer(), written);
            if (other != null) {
                problems.add(items.get(i), "views '" + other + "' and '" + written + "' both probe layer " + ref.layer()
                        + " of encoder '" + encoder + "'", "give one view per encoder and layer");
                continue;
            }
            out.add(written);
        }
        return out;
    }
}
