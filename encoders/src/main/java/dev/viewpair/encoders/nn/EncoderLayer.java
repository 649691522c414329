package dev.viewpair.encoders.nn;

import java.util.Objects;

/**
 * A layer of an encoder that a recipe can read as a view ({@code VIEW@LAYER}, Deep InfoMax and AMDIM): an
 * intermediate stage ({@code stage1} … {@code stageN}), the embedding, or the projection.
 *
 * @param name {@code stage1} … {@code stageN}, {@link #EMBEDDING}, {@link #PROJECTION}, or a stochastic encoder's
 *     {@link #POSTERIOR}
 * @param local whether it is a set of feature vectors per sample (the positions of a feature map, of a sequence or a
 *     transformer's patch tokens) rather than one vector
 * @param width the width of each vector: a stage's channels, the embedding's or the projection's size
 * @param doc what it is, for listings and errors ({@code "after the second conv block, B×32×H/4×W/4"})
 */
public record EncoderLayer(String name, boolean local, int width, String doc) {
    /** The backbone's output, what evaluation reads. */
    public static final String EMBEDDING = "embedding";
    /** The projection head's output (the embedding when there is no head): what a pair's plain {@code VIEW} scores. */
    public static final String PROJECTION = "projection";
    /**
     * The view itself, flattened to one vector per sample, before the encoder: the signal side of a pair between a view
     * and its own representation (InfoMax), which the pair's critic scores with a network of its own. Every encoder
     * hands it out ({@link Encoder#forwardLayers}); its width is the view's size, known from the view's shape
     * ({@link #input}).
     */
    public static final String INPUT = "input";
    /**
     * A stochastic encoder's Gaussian posterior p(z|x) ({@link GaussianPosterior}): {@code B×2P}, the mean (the first P
     * columns) and the standard deviation, what the exact-posterior bounds score ({@code views: [img@posterior, img]}).
     */
    public static final String POSTERIOR = "posterior";
    /** The prefix of the intermediate stages: {@code stage1} is the first. */
    public static final String STAGE = "stage";

    public EncoderLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (width <= 0) {
            throw new IllegalArgumentException("layer '" + name + "' needs a positive width, got " + width);
        }
    }

    /** The {@link #INPUT} layer of views of {@code size} values each. */
    public static EncoderLayer input(long size) {
        return new EncoderLayer(INPUT, false, Math.toIntExact(size), "the view itself, " + size + " values flattened");
    }

    /** The intermediate stage {@code stage<number>}, local or not. */
    public static EncoderLayer stage(int number, boolean local, int width, String doc) {
        return new EncoderLayer(STAGE + number, local, width, doc);
    }
}
