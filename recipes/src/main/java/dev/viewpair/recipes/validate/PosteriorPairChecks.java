package dev.viewpair.recipes.validate;

import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.LayerRef;
import java.util.stream.Collectors;

/**
 * The pairs that read a stochastic encoder's exact posterior ({@code {views: [img@posterior, img], bound: loo, critic:
 * posterior, direction: minimize}}): the {@code posterior} critic scores a view's posterior against that same view's
 * sampled representation and nothing else, only the bounds that take it (loo, club, vib) read it, and a view's
 * posterior layer is read by that critic only. Whether the encoder is stochastic at all is checked where the layer is
 * named ({@link ViewRefs#layer}); each problem is reported at the key to change, with the fix.
 */
final class PosteriorPairChecks {
    private final Families families;
    private final Problems problems;

    PosteriorPairChecks(Families families, Problems problems) {
        this.families = families;
        this.problems = problems;
    }

    /** Whether the pair has anything to do with the exact posterior. */
    static boolean applies(LayerRef a, LayerRef b, ChoiceDecl critic) {
        return Critics.POSTERIOR.equals(critic.type()) || a.layer().equals(EncoderLayer.POSTERIOR)
                || b.layer().equals(EncoderLayer.POSTERIOR);
    }

    /** @param group whether the sides name a group of member views (a group pairs different views only) */
    void check(PosNode viewsNode, LayerRef a, LayerRef b, boolean group, ChoiceDecl bound, PosNode criticNode,
            ChoiceDecl critic) {
        boolean posteriorCritic = Critics.POSTERIOR.equals(critic.type());
        var own = a.view() + LayerRef.AT + EncoderLayer.POSTERIOR + ", " + a.view();
        if (posteriorCritic && !families.bounds().get(bound.type()).create(bound.params()).takesPosterior()) {
            var takers = families.bounds().entries().stream().filter(d -> d.create(java.util.Map.of()).takesPosterior())
                    .map(d -> d.name()).collect(Collectors.joining(", "));
            problems.add(criticNode, "critic 'posterior' scores a stochastic encoder's exact posterior, which only the"
                    + " upper bounds " + takers + " read, not '" + bound.type() + "'",
                    "use bound: loo (or vib) with direction: minimize, or another critic for " + bound.type());
            return;
        }
        if (posteriorCritic && !(a.layer().equals(EncoderLayer.POSTERIOR) && b.layer().equals(EncoderLayer.PROJECTION)
                && a.view().equals(b.view()) && !group)) {
            problems.add(viewsNode, "critic 'posterior' scores a view's posterior against that view's own sampled"
                    + " representation, not '" + a.asPairSide() + "' against '" + b.asPairSide() + "'",
                    "write views: [" + own + "]: I(X; Z) between the view and what its stochastic encoder keeps of it");
            return;
        }
        if (!posteriorCritic) {
            problems.add(criticNode, "'" + (a.layer().equals(EncoderLayer.POSTERIOR) ? a : b).asPairSide() + "' is a"
                    + " stochastic encoder's posterior [mean ; std], which only the exact critic reads",
                    "write critic: posterior (with bound: loo, club or vib), or pair the view itself");
        }
    }
}
