package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.Critic;
import dev.viewpair.encoders.nn.EncoderLayer;
import java.util.Objects;

/**
 * One MI term of the loss: the views whose layers are scored, the critic that scores them
 * (row i = viewA sample i, column j = viewB sample j), the bound, and its weight in the sum.
 *
 * <p>Each side is a layer of the view's encoder ({@link dev.viewpair.encoders.nn.Encoder#layers()}): the projection by
 * default, as a plain {@code VIEW} in a recipe; an intermediate stage or the embedding as {@code VIEW@LAYER}. A side
 * whose layer is local (a stage's positions) makes the pair local–global or local–local ({@link PairScores}); the
 * critic is then built for the local side's width first.
 *
 * @param name a unique name (metrics key and checkpoint file name: letters, digits, {@code _ . -})
 * @param viewA the view whose embeddings form the score matrix's rows
 * @param viewB the view whose embeddings form its columns
 * @param critic this pair's critic (give each pair its own instance unless sharing is meant)
 * @param bound the bound
 * @param weight positive weight in {@code loss = −Σ weight·bound} (lower bounds; upper bounds add)
 * @param negatives a view of viewB's kind, fed to viewB's encoder, whose samples are hard negatives beside the
 *     in-batch ones (viewB's samples cut at another time; {@link Bound#estimate(NDArray, NDArray)}), or null for none
 * @param layerA the layer of viewA's encoder scored ({@link EncoderLayer#PROJECTION} for today's pairs)
 * @param layerB the layer of viewB's encoder scored (the hard negatives' too)
 * @param warmupSteps the steps over which the weight ramps up linearly from {@code weight/warmupSteps} to {@code
 *     weight} ({@link #weightAt}); 0 for the full weight from the first step. The information bottleneck's β on an
 *     upper bound starts this way, so that the lower bound shapes the representation before the penalty bites
 */
public record PairSpec(String name, String viewA, String viewB, Critic critic, Bound bound, double weight,
        String negatives, String layerA, String layerB, long warmupSteps) {
    /** A pair of these layers at its full weight from the first step. */
    public PairSpec(String name, String viewA, String viewB, Critic critic, Bound bound, double weight,
            String negatives, String layerA, String layerB) {
        this(name, viewA, viewB, critic, bound, weight, negatives, layerA, layerB, 0);
    }

    /** A pair with the in-batch negatives only. */
    public PairSpec(String name, String viewA, String viewB, Critic critic, Bound bound, double weight) {
        this(name, viewA, viewB, critic, bound, weight, null);
    }

    /** A pair of the two views' projections. */
    public PairSpec(String name, String viewA, String viewB, Critic critic, Bound bound, double weight,
            String negatives) {
        this(name, viewA, viewB, critic, bound, weight, negatives, EncoderLayer.PROJECTION, EncoderLayer.PROJECTION);
    }

    public PairSpec {
        Objects.requireNonNull(critic, "pair critic");
        Objects.requireNonNull(bound, "pair bound");
        Names.check("pair", name);
        Objects.requireNonNull(viewA, "pair viewA");
        Objects.requireNonNull(viewB, "pair viewB");
        Objects.requireNonNull(layerA, "pair layerA");
        Objects.requireNonNull(layerB, "pair layerB");
        if (critic.exactPosterior() && !bound.takesPosterior()) {
            throw new IllegalArgumentException("pair '" + name + "': the posterior critic scores a stochastic encoder's"
                    + " exact posterior, which only the upper bounds loo, club and vib read, not " + bound);
        }
        if (bound.needsPosterior() && !critic.exactPosterior()) {
            throw new IllegalArgumentException("pair '" + name + "': bound " + bound + " reads a stochastic encoder's"
                    + " own posterior (critic 'posterior' on views [VIEW@posterior, VIEW]), got "
                    + critic.getClass().getSimpleName());
        }
        if (bound.needsLogDensity() && !critic.scoresLogDensity() && !critic.exactPosterior()) {
            throw new IllegalArgumentException("pair '" + name + "': bound " + bound
                    + " needs a critic that scores conditional log-densities (critic 'gaussian'), got "
                    + critic.getClass().getSimpleName());
        }
        if (negatives != null && bound.hardNegativesRefusal().isPresent()) {
            throw new IllegalArgumentException("pair '" + name + "': bound " + bound + " takes no hard negatives ('"
                    + negatives + "'): " + bound.hardNegativesRefusal().get());
        }
        if (negatives != null && (negatives.equals(viewA) || negatives.equals(viewB))) {
            throw new IllegalArgumentException("pair '" + name + "': the hard negatives '" + negatives
                    + "' must be a view other than the pair's own");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("pair '" + name + "' needs a positive finite weight, got " + weight);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("pair '" + name + "' needs warm-up steps ≥ 0, got " + warmupSteps);
        }
    }

    /** The weight at update {@code step} (from 0): {@code weight·min(1, (step + 1)/warmupSteps)}. */
    public double weightAt(long step) {
        return warmupSteps == 0 ? weight : weight * Math.min(1.0, (step + 1) / (double) warmupSteps);
    }

    /**
     * The widths to build a pair's critic for, in the order it scores them: the local side first when one side is
     * local and the other global ({@link PairScores}), else A then B.
     */
    public static int[] criticWidths(boolean localA, int widthA, boolean localB, int widthB) {
        return !localA && localB ? new int[] {widthB, widthA} : new int[] {widthA, widthB};
    }

    /** How a side is written in a recipe: {@code view} for the projection, {@code view@layer} otherwise. */
    public static String side(String view, String layer) {
        return EncoderLayer.PROJECTION.equals(layer) ? view : view + "@" + layer;
    }
}
