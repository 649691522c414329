package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An encoder: a backbone from a view batch to the embedding used for evaluation ({@code B×dim}),
 * followed by a head to the projection that the MI loss sees ({@code B×projectionDim}), as in
 * SimCLR. As a block, {@code forward([x])} returns {@code [embedding, projection]}.
 *
 * <p>Initialize it with the shape of a first batch ({@link #initialize(NDManager, DataType,
 * Shape...)}); the parameters live in that manager. Views that share weights use one instance.
 *
 * <p>A stochastic encoder ({@link #stochastic}) carries a Gaussian posterior p(z|x) whose mean is the head's output:
 * its projection is a sample in training and the mean in inference (evaluation, {@code embed}, export); its layer
 * {@link EncoderLayer#POSTERIOR} gives the mean and standard deviation, which the exact-posterior bounds read.
 *
 * <p>Its {@link #layers()} are what a recipe can read as views ({@code VIEW@LAYER}): the backbone's stages when it
 * declares them ({@link StagedBackbone}), the embedding and the projection; {@link #forwardLayers} gives any of them
 * from one forward pass.
 */
public final class Encoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block backbone;
    private final Block head;
    private final int dim;
    private final int projectionDim;
    private final boolean pooledOverSpace;
    private final StagedBackbone stages;
    /** The posterior of a stochastic encoder; {@code null} for a deterministic one. */
    private final GaussianPosterior posterior;

    /**
     * An encoder whose input size is fixed by its first batch (an MLP's flat input).
     *
     * @param backbone input batch → {@code B×dim} embedding
     * @param dim the embedding dimension
     * @param head embedding → {@code B×projectionDim} projection (an identity block for none)
     * @param projectionDim the projection dimension
     */
    public Encoder(Block backbone, int dim, Block head, int projectionDim) {
        this(backbone, dim, head, projectionDim, false);
    }

    /**
     * @param backbone input batch → {@code B×dim} embedding
     * @param dim the embedding dimension
     * @param head embedding → {@code B×projectionDim} projection (an identity block for none)
     * @param projectionDim the projection dimension
     * @param pooledOverSpace whether the backbone pools globally over the dimensions after the channels (a conv
     *     net ending in global average pooling), so batches of any spatial size with the same channels fit it
     */
    public Encoder(Block backbone, int dim, Block head, int projectionDim, boolean pooledOverSpace) {
        this(backbone, null, dim, head, projectionDim, pooledOverSpace);
    }

    /**
     * An encoder whose backbone's stages a recipe can read.
     *
     * @param stages the backbone's stages and the pass that hands them out (the backbone itself, or its stages'
     *     view of a sequential backbone), or {@code null} when it declares none
     */
    public Encoder(Block backbone, StagedBackbone stages, int dim, Block head, int projectionDim, boolean pooledOverSpace) {
        this(backbone, stages, dim, head, projectionDim, pooledOverSpace, null);
    }

    private Encoder(Block backbone, StagedBackbone stages, int dim, Block head, int projectionDim, boolean pooledOverSpace,
            GaussianPosterior posterior) {
        super(VERSION);
        this.stages = stages;
        this.pooledOverSpace = pooledOverSpace;
        if (dim <= 0 || projectionDim <= 0) {
            throw new IllegalArgumentException(
                    "encoder dimensions must be positive, got dim=" + dim + ", projection=" + projectionDim);
        }
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
        this.dim = dim;
        this.projectionDim = projectionDim;
        if (posterior != null && posterior.width() != projectionDim) {
            throw new IllegalArgumentException("the posterior is " + posterior.width() + " wide but the projection "
                    + projectionDim);
        }
        // a child only when stochastic: a deterministic encoder's parameters keep their names (old checkpoints load)
        this.posterior = posterior == null ? null : addChildBlock("posterior", posterior);
    }

    /**
     * This encoder made stochastic ({@code stochastic: {type: gaussian}}): the same backbone, stages and head, whose
     * output becomes the mean of a Gaussian posterior; the projection is a sample of it in training, its mean in
     * inference. Call before initializing.
     *
     * @param posterior the posterior, as wide as the projection
     * @return a new encoder holding the same blocks (this one is not to be used after)
     */
    public Encoder stochastic(GaussianPosterior posterior) {
        if (isInitialized()) {
            throw new IllegalStateException("make an encoder stochastic before initializing it");
        }
        if (this.posterior != null) {
            throw new IllegalStateException("the encoder is stochastic already");
        }
        return new Encoder(backbone, stages, dim, head, projectionDim, pooledOverSpace, posterior);
    }

    /** The posterior of a stochastic encoder, empty for a deterministic one. */
    public Optional<GaussianPosterior> posterior() {
        return Optional.ofNullable(posterior);
    }

    /** The backbone: view batch → embedding. */
    public Block backbone() {
        return backbone;
    }

    /**
     * Every layer a recipe can read: the stages in order ({@code stage1} first; none when the backbone declares
     * none), then {@link EncoderLayer#EMBEDDING} and {@link EncoderLayer#PROJECTION}.
     */
    public List<EncoderLayer> layers() {
        var layers = new ArrayList<EncoderLayer>(stages == null ? List.of() : stages.stages());
        layers.add(new EncoderLayer(EncoderLayer.EMBEDDING, false, dim, "the backbone's output, " + dim + " wide"));
        String projection = head instanceof ParameterFree.Identity ? "the embedding (no projection head)"
                : "the projection head's output, " + projectionDim + " wide";
        layers.add(new EncoderLayer(EncoderLayer.PROJECTION, false, projectionDim, projection
                + (posterior == null ? "" : "; stochastic: a sample of the posterior in training, its mean otherwise")));
        if (posterior != null) {
            layers.add(new EncoderLayer(EncoderLayer.POSTERIOR, false, 2 * projectionDim, "the Gaussian posterior p(z|x):"
                    + " its mean and standard deviation side by side, " + 2 * projectionDim + " wide"));
        }
        return List.copyOf(layers);
    }

    /** The layer of this name, if the encoder has it. */
    public Optional<EncoderLayer> layer(String name) {
        return layers().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The wanted layers from one forward pass: what {@code forward} computes, with the stages asked for handed out
     * on the way (their gradients reach the backbone like the embedding's).
     *
     * @param wanted names of {@link #layers()}, or {@link EncoderLayer#INPUT}: the view itself, flattened
     * @return each wanted layer's output by name
     * @throws IllegalArgumentException naming a layer the encoder does not have
     */
    public Map<String, LayerOutput> forwardLayers(ParameterStore store, NDArray x, boolean training, Set<String> wanted) {
        var out = new LinkedHashMap<String, LayerOutput>();
        if (wanted.contains(EncoderLayer.INPUT)) {
            out.put(EncoderLayer.INPUT, LayerOutput.global(x.reshape(x.getShape().get(0), -1)));
            if (wanted.size() == 1) {
                return out; // the view alone: nothing to encode
            }
        }
        for (String name : wanted) {
            if (!name.equals(EncoderLayer.INPUT) && layer(name).isEmpty()) {
                throw new IllegalArgumentException("the encoder has no layer '" + name + "'; it has "
                        + String.join(", ", layers().stream().map(EncoderLayer::name).toList()));
            }
        }
        boolean wantsStage = stages != null && stages.stages().stream().anyMatch(s -> wanted.contains(s.name()));
        NDArray embedding = wantsStage ? stages.forward(store, x, training, wanted, out)
                : backbone.forward(store, new NDList(x), training).singletonOrThrow();
        if (wanted.contains(EncoderLayer.EMBEDDING)) {
            out.put(EncoderLayer.EMBEDDING, LayerOutput.global(embedding));
        }
        if (wanted.contains(EncoderLayer.PROJECTION) || wanted.contains(EncoderLayer.POSTERIOR)) {
            NDArray mean = head.forward(store, new NDList(embedding), training).singletonOrThrow();
            NDArray std = posterior == null ? null : posterior.std(store, embedding, training);
            if (wanted.contains(EncoderLayer.PROJECTION)) {
                out.put(EncoderLayer.PROJECTION,
                        LayerOutput.global(std == null ? mean : GaussianPosterior.sample(mean, std, training)));
            }
            if (wanted.contains(EncoderLayer.POSTERIOR)) {
                out.put(EncoderLayer.POSTERIOR, LayerOutput.global(mean.concat(std, 1)));
            }
        }
        return out;
    }

    /** {@link #forwardLayers} in inference mode (BatchNorm uses its running statistics). */
    public Map<String, LayerOutput> layers(NDArray x, Set<String> wanted) {
        return forwardLayers(inferenceStore(x), x, false, wanted);
    }

    /** The projection head: embedding → projection. */
    public Block head() {
        return head;
    }

    /** The embedding dimension (backbone output). */
    public int dim() {
        return dim;
    }

    /**
     * Whether batches of different spatial sizes (same rank and channels) fit it, as 224-px global and 96-px local
     * crops of multi-crop training do a conv net that ends in global pooling.
     */
    public boolean pooledOverSpace() {
        return pooledOverSpace;
    }

    /** The projection dimension (head output, what critics score). */
    public int projectionDim() {
        return projectionDim;
    }

    /**
     * The backbone embedding in inference mode (BatchNorm uses its running statistics).
     *
     * @param x a view batch
     * @return {@code B×dim}, attached to the manager of {@code x}
     */
    public NDArray embed(NDArray x) {
        return backbone.forward(inferenceStore(x), new NDList(x), false).singletonOrThrow();
    }

    /**
     * The projection in inference mode.
     *
     * @param x a view batch
     * @return {@code B×projectionDim}, attached to the manager of {@code x}
     */
    public NDArray project(NDArray x) {
        return forward(inferenceStore(x), new NDList(x), false).get(1);
    }

    private ParameterStore inferenceStore(NDArray x) {
        if (!isInitialized()) {
            // forward would otherwise initialize the parameters in the caller's (short-lived) manager
            throw new IllegalStateException("initialize the encoder before calling embed or project");
        }
        return new ParameterStore(x.getManager(), false);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList embedding = backbone.forward(parameterStore, inputs, training, params);
        NDArray projection = head.forward(parameterStore, embedding, training, params).singletonOrThrow();
        if (posterior != null) {
            NDArray std = posterior.std(parameterStore, embedding.singletonOrThrow(), training);
            projection = GaussianPosterior.sample(projection, std, training);
        }
        return new NDList(embedding.singletonOrThrow(), projection);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] embedding = backbone.getOutputShapes(inputShapes);
        return new Shape[] {embedding[0], head.getOutputShapes(embedding)[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] embedding = backbone.getOutputShapes(inputShapes);
        head.initialize(manager, dataType, embedding);
        if (posterior != null) {
            posterior.initialize(manager, dataType, embedding);
        }
    }
}
