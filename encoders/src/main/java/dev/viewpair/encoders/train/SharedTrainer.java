package dev.viewpair.encoders.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.viewpair.encoders.nn.Encoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains several view pairs at once: every step forwards each view of the batch once through its
 * encoder (views that share an encoder share its weights), scores each pair with its critic,
 * and takes one optimizer step (AdamW, SGD with momentum or LARS; {@link UpdateRule}) on {@code loss = −Σ
 * weight·bound} (upper bounds: {@code +weight·bound}) over all encoders' and critics' parameters, after
 * clipping the gradients by their global norm if asked; a variational critic adds its own fit loss ({@link
 * dev.viewpair.encoders.mi.Critic#fitLoss}), which trains only its parameters. A non-finite estimate or
 * gradient stops training or skips the batch ({@link NonFinitePolicy}). The step itself is {@link TrainingStep}.
 *
 * <p>{@link #save} writes a checkpoint ({@link Checkpoint}, swapped in by {@link CheckpointSwap}) that {@link #load}
 * continues exactly: parameters, the optimizer's state, the step (the schedule's position), the epoch and batch
 * within it with the epoch's running means, the skip counters and the stateful bounds' moving averages. Save
 * between steps: {@link #steps} hands back control after each one.
 *
 * <p>Not thread-safe: call it from one thread, which creates every NDArray; batches may be
 * produced on other threads as plain arrays ({@link BatchData}). Each step's arrays live in a
 * sub-manager closed at the end of the step, so native memory stays flat. Parameters are
 * initialized from the first batch's shapes (seeded; {@link ShapeSetup}) and live until {@link #close()}; one
 * trainer trains at a time per JVM (PyTorch's gradient recording is process-wide).
 *
 * <p>With several devices ({@link Builder#devices}) it trains data-parallel ({@link DataParallel}): each device
 * holds a replica of the encoders and encodes an equal shard of the batch, the projections are gathered on the
 * first device, and the critics and bounds see the whole batch (all K negatives, not K/N); one backward, the
 * gradients summed on the first device, one update there, copied to the other replicas.
 *
 * <pre>{@code
 * try (var trainer = SharedTrainer.builder()
 *         .encoder("image", imageEncoder, "img_a", "img_b")
 *         .pair(new PairSpec("img", "img_a", "img_b", new Cosine(0.1, false), new InfoNce(false), 1))
 *         .optimizer(new OptimizerConfig(1e-3, 1e-4, 100, 10_000, 1e-5))
 *         .seed(7)
 *         .listener(metricsWriter)
 *         .build()) {
 *     for (int epoch = 0; epoch < epochs; epoch++) trainer.trainEpoch(epoch, loader.epoch(epoch));
 *     trainer.save(runFolder.resolve("checkpoint"));
 * }
 * }</pre>
 */
public final class SharedTrainer implements Inference, AutoCloseable {
    /** Under {@link NonFinitePolicy#SKIP}, more consecutive skipped batches than this stop the run. */
    public static final int MAX_CONSECUTIVE_SKIPS = 5;

    private final Model model;
    private final List<Consumer<StepMetrics>> listeners;
    private final NDManager manager;
    private final DataParallel parallel;
    private final ShapeSetup setup;
    private final TrainingPosition position = new TrainingPosition();
    private final TrainingStep step;
    private final Inference inference;

    private SharedTrainer(Builder builder) {
        this.model = new Model(builder.encoders, builder.viewEncoders, builder.pairs);
        this.listeners = List.copyOf(builder.listeners);
        this.manager = NDManager.newBaseManager(builder.devices.get(0));
        manager.setName("shared-trainer");
        this.parallel = new DataParallel(manager, builder.devices);
        this.setup = new ShapeSetup(model, manager);
        this.step = new TrainingStep(model, parallel, setup, manager, builder.optimizer, builder.clipGradNorm,
                builder.onNonFinite, position);
        this.inference = new ModelInference(model, setup, manager);
        if (builder.seed != null) {
            Engine.getInstance().setRandomSeed(builder.seed.intValue());
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of steps taken so far, skipped ones included (restored by {@link #load}). */
    public long step() {
        return position.step();
    }

    /** The epoch of the last step taken or loaded, or −1 before any. */
    public int epoch() {
        return position.epoch();
    }

    /** Steps (skipped ones included) taken in {@link #epoch()} so far. */
    public long batchesInEpoch() {
        return position.batchesInEpoch();
    }

    /** Batches skipped under {@link NonFinitePolicy#SKIP} over the whole run. */
    public long skippedBatches() {
        return position.skippedBatches();
    }

    /** The devices the replicas run on, the first holding the parameters, critics and loss. */
    public List<Device> devices() {
        return parallel.devices();
    }

    /** The encoder registered under this name. */
    public Encoder encoder(String name) {
        return model.encoder(name);
    }

    /**
     * The shape of one view (batch dimension left out) this encoder was set up for: its first training view's, or the
     * shape a loaded checkpoint recorded; {@code null} before the first step or load.
     *
     * @throws IllegalArgumentException naming the encoders there are, when there is no encoder of this name
     */
    public long[] sampleShape(String encoder) {
        model.encoder(encoder);
        var shape = setup.sampleShape(encoder);
        return shape == null ? null : shape.clone();
    }

    /**
     * An epoch to train a step at a time: the caller drives the steps and acts between them. After {@link #load}
     * of a checkpoint taken inside this epoch, the epoch continues (its means count the steps before the
     * checkpoint).
     *
     * @param epoch the epoch number reported in the metrics
     * @param batches this epoch's batches; each must hold every view of every pair
     */
    public EpochSteps steps(int epoch, Iterator<BatchData> batches) {
        position.beginEpoch(epoch);
        return new EpochSteps(this, epoch, batches);
    }

    /**
     * Trains on every batch the iterator yields ({@link #steps} without stopping between steps).
     *
     * @param epoch the epoch number reported in the metrics
     * @param batches this epoch's batches; each must hold every view of every pair
     * @return means over the epoch's steps; after {@link #load} of a checkpoint taken inside this epoch, the
     *     epoch's steps before the checkpoint count too
     * @throws NonFiniteLossException when a pair's estimate is NaN or infinite (before that update) and the
     *     policy is {@link NonFinitePolicy#STOP}, or too many batches in a row were skipped
     */
    public EpochSummary trainEpoch(int epoch, Iterator<BatchData> batches) {
        var steps = steps(epoch, batches);
        while (steps.hasNext()) {
            steps.next();
        }
        return steps.summary();
    }

    /**
     * Takes one optimization step on one batch ({@link TrainingStep}) and reports it to the listeners.
     *
     * @param epoch the epoch number reported in the metrics
     * @param batch holds every view of every pair
     * @param dataWaitSeconds how long the caller waited for the batch (reported as is)
     * @return the step's metrics ({@link StepMetrics#skipped()} when the batch was skipped)
     * @throws NonFiniteLossException when a pair's estimate, the loss or a gradient is NaN or infinite (before
     *     the update) and the policy is {@link NonFinitePolicy#STOP}, or too many batches in a row were skipped
     */
    public StepMetrics trainStep(int epoch, BatchData batch, double dataWaitSeconds) {
        var metrics = step.take(epoch, batch, dataWaitSeconds);
        listeners.forEach(listener -> listener.accept(metrics));
        return metrics;
    }

    /** Means over the epoch in progress. */
    EpochSummary epochSummary() {
        return position.epochSummary();
    }

    @Override
    public float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName, String layer) {
        return inference.embed(encoderName, batches, viewName, layer);
    }

    @Override
    public float[][] pairScores(String pairName, Iterator<BatchData> batches) {
        return inference.pairScores(pairName, batches);
    }

    @Override
    public LocalScores localScores(String pairName, BatchData batch) {
        return inference.localScores(pairName, batch);
    }

    @Override
    public float[] alignedScores(String pairName, String first, String second, Iterator<BatchData> batches) {
        return inference.alignedScores(pairName, first, second, batches);
    }

    /**
     * Writes a checkpoint folder, replacing any earlier one so that a complete checkpoint is on disk at every
     * instant ({@link CheckpointSwap}; {@link CheckpointSwap#find} finds it after a crash). Call between steps.
     *
     * @param folder the checkpoint folder, e.g. {@code run/checkpoint}
     * @param extra the caller's own values to keep with it (read back by {@link Checkpoint#read})
     * @throws IllegalStateException before the first step or load
     */
    public void save(Path folder, Map<String, String> extra) throws IOException {
        if (!parallel.started()) {
            throw new IllegalStateException("nothing to save yet: train at least one step or load a checkpoint first");
        }
        CheckpointSwap.replace(folder, fresh -> writeCheckpoint(fresh, extra));
    }

    /** {@link #save(Path, Map)} without extra values. */
    public void save(Path folder) throws IOException {
        save(folder, Map.of());
    }

    /** Writes the checkpoint's files into an empty folder (what {@link #save} swaps in). */
    void writeCheckpoint(Path folder, Map<String, String> extra) throws IOException {
        Checkpoint.write(folder, model, setup, step.optimizer(), position, extra);
    }

    /**
     * Restores a checkpoint {@link #save} wrote for the same encoders and pairs: parameters, the optimizer's
     * state, the step (and with it the schedule), the epoch in progress, skip counters and bound states, so that
     * training continues as if never interrupted. A parameters-only checkpoint of format 1 restores parameters
     * and step; the optimizer then starts afresh.
     *
     * @throws IOException if the folder is not such a checkpoint, naming what is missing or differs
     */
    public void load(Path folder) throws IOException {
        var checkpoint = Checkpoint.open(folder);
        setup.fromSampleShapes(checkpoint.sampleShapes(model));
        checkpoint.readParameters(model, manager);
        if (!parallel.started()) {
            step.start();
        } else {
            // loaded into the arrays the store and the optimizer already hold: only the replicas need the values
            parallel.syncReplicas(model);
        }
        checkpoint.readState(model, step.optimizer(), position);
    }

    /** Frees every parameter; the encoders and critics are unusable afterwards. */
    @Override
    public void close() {
        manager.close();
    }

    /** Every parameter of every encoder and critic by its stable name ({@link Model#namedParameters}; for tests). */
    Map<String, Parameter> namedParameters() {
        return model.namedParameters();
    }

    /** The optimizer, once training has started or a checkpoint was loaded (for tests). */
    StatefulOptimizer optimizer() {
        return step.optimizer();
    }

    /** The encoders' copies on the second and later devices (for tests). */
    List<Replica> replicas() {
        return parallel.replicas();
    }

    /** The number of NDArrays alive on the trainer's manager and its sub-managers (for tests). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** Builder of a {@link SharedTrainer}. */
    public static final class Builder {
        private final Map<String, Encoder> encoders = new LinkedHashMap<>();
        private final Map<String, String> viewEncoders = new LinkedHashMap<>();
        private final List<PairSpec> pairs = new ArrayList<>();
        private final List<Consumer<StepMetrics>> listeners = new ArrayList<>();
        private OptimizerConfig optimizer;
        private double clipGradNorm;
        private NonFinitePolicy onNonFinite = NonFinitePolicy.STOP;
        private Long seed;
        private List<Device> devices = List.of(Device.cpu());

        private Builder() {}

        /**
         * Registers an encoder and the views it embeds; views listed together share its weights.
         *
         * @param name unique encoder name (letters, digits, {@code _ . -}; names a checkpoint file)
         * @param encoder an uninitialized encoder (or one initialized by this trainer's load)
         * @param views the views it embeds, each registered once over all encoders
         */
        public Builder encoder(String name, Encoder encoder, String... views) {
            Names.check("encoder", name);
            Objects.requireNonNull(encoder, "encoder");
            if (encoders.containsKey(name) || encoders.containsValue(encoder)) {
                throw new IllegalArgumentException("encoder '" + name
                        + "' is registered twice; list all views that share it in one call");
            }
            if (views.length == 0) {
                throw new IllegalArgumentException("encoder '" + name + "' needs at least one view");
            }
            for (String view : views) {
                String previous = viewEncoders.putIfAbsent(view, name);
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "view '" + view + "' is given to encoders '" + previous + "' and '" + name + "'");
                }
            }
            encoders.put(name, encoder);
            return this;
        }

        /** Adds a pair (at least one is required). */
        public Builder pair(PairSpec pair) {
            pairs.add(Objects.requireNonNull(pair, "pair"));
            return this;
        }

        /** The optimizer and schedule (required). */
        public Builder optimizer(OptimizerConfig optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Scales all gradients together so that their global L2 norm is at most this (as
         * {@code torch.nn.utils.clip_grad_norm_}); 0 (the default) for no clipping.
         */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("the gradient norm limit must be 0 (off) or positive, got " + maxNorm);
            }
            this.clipGradNorm = maxNorm;
            return this;
        }

        /** What a non-finite estimate or gradient does (default {@link NonFinitePolicy#STOP}). */
        public Builder onNonFinite(NonFinitePolicy policy) {
            this.onNonFinite = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Seeds the engine's random generator, so parameter initialization is reproducible. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds a listener called after every step, on the training thread. */
        public Builder listener(Consumer<StepMetrics> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** One device for parameters and computation (default: the CPU, even where the engine sees a GPU). */
        public Builder device(Device device) {
            return devices(List.of(Objects.requireNonNull(device, "device")));
        }

        /**
         * Data parallelism over these devices, one replica of the encoders each (a device may be listed twice: two
         * replicas on it). Each step splits the batch into equal shards, one per replica in this order; the
         * projections of all shards are gathered on the first device, where the critics score them, so every bound
         * sees the whole batch's negatives; the replicas' gradients are summed there, the optimizer updates the
         * first device's parameters (one optimizer state) and the others copy them. BatchNorm normalizes each
         * shard by its own statistics, and the running statistics are the first replica's (as in PyTorch's
         * DistributedDataParallel without SyncBatchNorm). The batch size must be a multiple of the device count.
         */
        public Builder devices(List<Device> devices) {
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("the trainer needs at least one device");
            }
            this.devices = List.copyOf(devices);
            return this;
        }

        /**
         * Checks the wiring ({@link Model}) and builds the trainer.
         *
         * @throws IllegalArgumentException naming the unknown view, duplicate pair, unused encoder
         *     or mismatched dimensions
         */
        public SharedTrainer build() {
            if (optimizer == null) {
                throw new IllegalArgumentException("the trainer needs an optimizer config");
            }
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("the trainer needs at least one pair");
            }
            return new SharedTrainer(this); // the model checks the wiring first
        }
    }
}
