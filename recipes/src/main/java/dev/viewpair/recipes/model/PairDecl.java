package dev.viewpair.recipes.model;

import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.PairSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Two views whose mutual information the training maximizes (lower bound) or minimizes (upper bound):
 * {@code {name: img-img, views: [img_a, img_b], bound: infonce, critic: cosine, weight: 1.0}}.
 *
 * @param name unique among the pairs; defaults to {@code viewA-viewB}
 * @param viewA the first view (the critic's first argument)
 * @param viewB the second view, different from the first
 * @param bound the MI bound
 * @param critic the critic scoring every pairing of the two embedding batches
 * @param weight the pair's weight in the summed loss, &gt; 0 (default 1)
 * @param direction {@link #MAXIMIZE} for a lower bound (the default), {@link #MINIMIZE} for an upper bound
 * @param negatives {@code negatives: {view: sound_shifted}}: a view of the second view's kind, fed to its encoder and
 *     cut at another time of the same sample, whose embeddings are hard negatives beside the in-batch ones (AVTS);
 *     empty for none
 * @param layerA the layer of the first view's encoder the pair reads ({@code views: [img@stage2, …]}; {@code
 *     projection} for a plain view)
 * @param layerB the layer of the second view's encoder
 * @param warmup {@code warmup: STEPS}: the weight ramps up linearly over the first STEPS updates (the information
 *     bottleneck's β); 0 for the full weight from the start
 */
public record PairDecl(String name, String viewA, String viewB, ChoiceDecl bound, ChoiceDecl critic, double weight,
        String direction, Optional<String> negatives, String layerA, String layerB, long warmup) {
    public static final String MAXIMIZE = "maximize";
    public static final String MINIMIZE = "minimize";

    public PairDecl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(viewA, "viewA");
        Objects.requireNonNull(viewB, "viewB");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(critic, "critic");
        Objects.requireNonNull(negatives, "negatives");
        Objects.requireNonNull(layerA, "layerA");
        Objects.requireNonNull(layerB, "layerB");
    }

    /** A pair of these layers at its full weight from the start. */
    public PairDecl(String name, String viewA, String viewB, ChoiceDecl bound, ChoiceDecl critic, double weight,
            String direction, Optional<String> negatives, String layerA, String layerB) {
        this(name, viewA, viewB, bound, critic, weight, direction, negatives, layerA, layerB, 0);
    }

    /** A pair of the two views' projections. */
    public PairDecl(String name, String viewA, String viewB, ChoiceDecl bound, ChoiceDecl critic, double weight,
            String direction, Optional<String> negatives) {
        this(name, viewA, viewB, bound, critic, weight, direction, negatives, EncoderLayer.PROJECTION,
                EncoderLayer.PROJECTION);
    }

    /** A pair with the in-batch negatives only. */
    public PairDecl(String name, String viewA, String viewB, ChoiceDecl bound, ChoiceDecl critic, double weight,
            String direction) {
        this(name, viewA, viewB, bound, critic, weight, direction, Optional.empty());
    }

    /** The name a pair gets when the recipe gives none. */
    public static String defaultName(String viewA, String viewB) {
        return viewA + "-" + viewB;
    }

    /** Both sides as the recipe writes them: {@code img_a} for a projection, {@code img_a@stage2} otherwise. */
    public List<String> sides() {
        return List.of(PairSpec.side(viewA, layerA), PairSpec.side(viewB, layerB));
    }

    /** Both views, first then second. */
    public List<String> views() {
        return List.of(viewA, viewB);
    }

    /** The views training makes for this pair: both views and the hard negatives' view if any. */
    public List<String> trainedViews() {
        return Stream.concat(views().stream(), negatives.stream()).toList();
    }
}
