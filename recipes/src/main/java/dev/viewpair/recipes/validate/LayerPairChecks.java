package dev.viewpair.recipes.validate;

import dev.viewpair.encoders.mi.Critic;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.LayerRef;
import java.util.Optional;

/**
 * Whether a pair's critic and bound can score the layers its two sides read ({@code views: [img@stage2, img_b]}): a
 * local layer (a stage: one vector per position) takes only the bounds and critics that score local pairs, a critic
 * built for two widths must fit the layers' widths, and hard negatives take two global layers. Each problem is
 * reported at the key to change, with the fix.
 */
final class LayerPairChecks {
    private final ViewRefs refs;
    private final Families families;
    private final Problems problems;

    LayerPairChecks(ViewRefs refs, Families families, Problems problems) {
        this.refs = refs;
        this.families = families;
        this.problems = problems;
    }

    void check(PosNode nodeA, PosNode nodeB, LayerRef a, LayerRef b, PosNode boundNode, ChoiceDecl bound,
            PosNode criticNode, ChoiceDecl critic, PosNode negativesNode) {
        // a group side: its members share one encoder type in practice; the first one's layer stands for them
        var firstA = new LayerRef(refs.members(a.view()).get(0), a.layer());
        var firstB = new LayerRef(refs.members(b.view()).get(0), b.layer());
        if (!refs.layerKnown(firstA.view()) || !refs.layerKnown(firstB.view())) {
            return;
        }
        EncoderLayer layerA = refs.layer(nodeA, "views[0]", firstA);
        EncoderLayer layerB = refs.layer(nodeB, "views[1]", firstB);
        if (layerA == null || layerB == null) {
            return;
        }
        var sides = describe(a, layerA) + " against " + describe(b, layerB);
        boolean local = layerA.local() || layerB.local();
        if (local && negativesNode != null) {
            problems.add(negativesNode, "hard negatives take a pair of two global layers, not " + sides,
                    "remove negatives, or pair the views' embeddings or projections");
        }
        if (local) {
            var refusal = families.bounds().get(bound.type()).create(bound.params()).localGlobalRefusal();
            if (refusal.isPresent()) {
                problems.add(boundNode, "bound '" + bound.type() + "' cannot score " + sides + ": " + refusal.get(),
                        "use bound: js (Deep InfoMax's choice), infonce or nwj");
                return;
            }
        }
        int[] widths = PairSpec.criticWidths(layerA.local(), layerA.width(), layerB.local(), layerB.width());
        var descriptor = families.critics().get(critic.type());
        String twoWidths = "use critic: bilinear or separable_mlp, whose learned maps take two widths (on a local side they"
                + " act on each position alone: Deep InfoMax's 1×1 convolutions), or read layers of one width";
        if (descriptor.equalWidths() && widths[0] != widths[1]) {
            problems.add(criticNode, "critic '" + critic.type() + "' scores vectors of equal width, but it would score "
                    + sides, twoWidths);
            return;
        }
        Critic built;
        try {
            built = descriptor.create(critic.params(), widths[0], widths[1]);
        } catch (IllegalArgumentException e) {
            problems.add(criticNode, "critic '" + critic.type() + "' cannot score " + sides + ": " + e.getMessage(), twoWidths);
            return;
        }
        var refusal = !local ? Optional.<String>empty()
                : layerA.local() && layerB.local() ? built.localLocalRefusal() : built.localGlobalRefusal();
        refusal.ifPresent(reason -> problems.add(criticNode, "critic '" + critic.type() + "' cannot score " + sides + ": "
                + reason, "use critic: separable_mlp or bilinear"));
    }

    private static String describe(LayerRef side, EncoderLayer layer) {
        return "'" + side.asPairSide() + "' (" + (layer.local() ? "local: " + layer.width() + " channels per position"
                : layer.name() + ", " + layer.width() + " wide") + ")";
    }
}
