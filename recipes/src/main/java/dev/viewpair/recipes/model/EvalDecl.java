package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Optional;

/**
 * What to evaluate after training:
 * {@code eval: {linear_probe: {label: label}, retrieval: [[img_a, sound]], knn: {k: 20}, sync: {pair: p, shifted: v}}}.
 *
 * @param linearProbe the linear probe, when asked for
 * @param retrieval the retrieval evaluations, in recipe order (empty when none)
 * @param knn the k-NN classification, when asked for
 * @param sync the in-sync vs shifted evaluation of a pair, when asked for
 */
public record EvalDecl(Optional<LinearProbeDecl> linearProbe, List<RetrievalDecl> retrieval, Optional<KnnDecl> knn,
        Optional<SyncDecl> sync) {
    /** The evaluation of a recipe without an {@code eval} section: none. */
    public static final EvalDecl NONE = new EvalDecl(Optional.empty(), List.of(), Optional.empty());

    public EvalDecl {
        retrieval = List.copyOf(retrieval);
    }

    /** An evaluation without a sync check. */
    public EvalDecl(Optional<LinearProbeDecl> linearProbe, List<RetrievalDecl> retrieval, Optional<KnnDecl> knn) {
        this(linearProbe, retrieval, knn, Optional.empty());
    }
}
