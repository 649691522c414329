package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.EvalDecl;
import dev.viewpair.recipes.model.KnnDecl;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.RetrievalDecl;
import dev.viewpair.recipes.model.SyncDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code eval} section: the linear probe, k-NN, retrieval between views, and the sync evaluation of a
 * declared pair against a shifted view.
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

    /** {@code eval.sync: {pair: NAME, shifted: VIEW}}: a declared pair, and a view fed to its second view's encoder. */
    private SyncDecl sync(PosNode node) {
        var s = Section.of(node, "eval.sync", List.of("pair", "shifted"), problems);
        if (s == null) {
            return null;
        }
        var pairNode = s.required("pair", "frame-sound");
        var shiftedNode = s.required("shifted", "sound_shifted");
        var pairName = pairNode == null ? null : problems.text(pairNode, s.path("pair"));
        var shifted = shiftedNode == null ? null : refs.usedView(shiftedNode, s.path("shifted"), "sync evaluation");
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
        if (shifted == null || !refs.encodersKnown()) {
            return null;
        }
        var second = pair.get().viewB();
        return refs.isOtherCut(shiftedNode, s.path("shifted"), shifted, List.of(second), second)
                && refs.sameEncoder(shiftedNode, s.path("shifted"), shifted, second)
                && refs.cutElsewhere(shiftedNode, s.path("shifted"), shifted, second, "the shifted view") ? new SyncDecl(pairName, shifted) : null;
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
