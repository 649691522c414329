package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import dev.viewpair.encoders.mi.Critic;
import dev.viewpair.encoders.nn.LayerOutput;

/**
 * A pair's scores from its two layers' outputs, as its bound takes them: one {@code K×K} matrix for two global sides;
 * a {@code P×K×K} stack for a local side against a global one (the critic's first argument is the local side, rows
 * are its samples, so the global vectors pick among the local ones); a {@code Q×P×K×K} stack for two local sides.
 */
final class PairScores {
    private PairScores() {}

    /** The scores of the pair's critic on the two sides. */
    static NDArray of(Critic critic, LayerOutput a, LayerOutput b) {
        if (a.local() && b.local()) {
            return critic.localLocalScores(a.values(), b.values());
        }
        if (a.local()) {
            return critic.localScores(a.values(), b.values());
        }
        if (b.local()) {
            return critic.localScores(b.values(), a.values());
        }
        return critic.scores(a.values(), b.values());
    }

    /**
     * The local vectors each global vector (or each of view B's positions) picks among per sample: the local side's
     * positions, view A's for two local sides, 1 for two global sides.
     */
    static long candidatePositions(LayerOutput a, LayerOutput b) {
        return a.local() ? a.positions() : b.positions();
    }
}
