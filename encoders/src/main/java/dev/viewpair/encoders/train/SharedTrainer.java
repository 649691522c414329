package dev.viewpair.encoders.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import dev.viewpair.encoders.mi.Constant;
import dev.viewpair.encoders.nn.Encoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains several view pairs at once: every step forwards each view of the batch once through its
 * encoder (views that share an encoder share its weights), scores each pair with its critic,
 * and takes one optimizer step (AdamW, SGD with momentum or LARS; {@link UpdateRule}) on {@code loss = −Σ
 * weight·bound} (upper bounds: {@code +weight·bound}) over all encoders' and critics' parameters, after
 * clipping the gradients by their global norm if asked; a variational critic adds its own fit loss ({@link
 * dev.viewpair.encoders.mi.Critic#fitLoss}), which trains only its parameters. A non-finite estimate or
 * gradient stops training or skips the batch ({@link NonFinitePolicy}).
 *
 * <p>{@link #save} writes a checkpoint that {@link #load} continues exactly: parameters, the optimizer's state,
 * the step (the schedule's position), the epoch and batch within it with the epoch's running means, the skip
 * counters and the stateful bounds' moving averages.
 *
 * <p>Not thread-safe: call it from one thread, which creates every NDArray; batches may be
 * produced on other threads as plain arrays ({@link BatchData}). Each step's arrays live in a
 * sub-manager closed at the end of the step, so native memory stays flat. Parameters are
 * initialized from the first batch's shapes (seeded) and live until {@link #close()}; one trainer
 * trains at a time per JVM (PyTorch's gradient recording is process-wide).
 *
 * <p>With several devices ({@link Builder#devices}) it trains data-parallel: each device holds a replica of the
 * encoders and encodes an equal shard of the batch, the projections are gathered on the first device, and the
 * critics and bounds see the whole batch (all K negatives, not K/N); one backward, the gradients summed on the
 * first device, one update there, copied to the other replicas.
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
public final class SharedTrainer implements AutoCloseable {
    private static final String CHECKPOINT_FILE = "checkpoint.properties";
    private static final String CHECKPOINT_FORMAT = "viewpair-checkpoint-2";
    /** The parameters-only checkpoints of earlier versions, still loadable (the optimizer then starts afresh). */
    private static final String CHECKPOINT_FORMAT_1 = "viewpair-checkpoint-1";
    private static final String OPTIMIZER_FILE = "optimizer.state";
    private static final String EXTRA_PREFIX = "extra.";
    private static final String ENCODER_PREFIX = "encoder-";
    /** Under {@link NonFinitePolicy#SKIP}, more consecutive skipped batches than this stop the run. */
    public static final int MAX_CONSECUTIVE_SKIPS = 5;

    private final Map<String, Encoder> encoders;
    private final Map<String, String> viewEncoders;
    private final List<PairSpec> pairs;
    private final List<String> trainedViews;
    private final OptimizerConfig optimizerConfig;
    private final Tracker learningRate;
    private final List<Consumer<StepMetrics>> listeners;
    private final double clipGradNorm;
    private final NonFinitePolicy onNonFinite;
    private final NDManager manager;
    /** Where the replicas run: the first holds the trainer's own parameters, the critics and the loss. */
    private final List<Device> devices;
    /** The encoders' copies on the second and later devices (empty on one device). */
    private List<Replica> replicas = List.of();
    private final Map<String, long[]> encoderSampleShapes = new HashMap<>();
    private ParameterStore trainingStore;
    private StatefulOptimizer optimizer;
    private Map<String, Parameter> named;
    private long step;
    private EpochProgress progress;
    /** Set by {@link #load} when the checkpoint was taken inside an epoch that {@link #trainEpoch} continues. */
    private boolean continueEpoch;
    private long skippedTotal;
    private int consecutiveSkips;

    private SharedTrainer(Builder builder) {
        this.encoders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.encoders));
        this.viewEncoders = Map.copyOf(builder.viewEncoders);
        this.pairs = List.copyOf(builder.pairs);
        var views = new LinkedHashSet<String>();
        pairs.forEach(pair -> {
            views.add(pair.viewA());
            views.add(pair.viewB());
            if (pair.negatives() != null) {
                views.add(pair.negatives());
            }
        });
        this.trainedViews = List.copyOf(views);
        this.optimizerConfig = builder.optimizer;
        this.learningRate = optimizerConfig.learningRateTracker();
        this.listeners = List.copyOf(builder.listeners);
        this.clipGradNorm = builder.clipGradNorm;
        this.onNonFinite = builder.onNonFinite;
        this.devices = builder.devices;
        this.manager = NDManager.newBaseManager(devices.get(0));
        manager.setName("shared-trainer");
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
        return step;
    }

    /** The epoch of the last step taken or loaded, or −1 before any. */
    public int epoch() {
        return progress == null ? -1 : progress.epoch;
    }

    /** Steps (skipped ones included) taken in {@link #epoch()} so far. */
    public long batchesInEpoch() {
        return progress == null ? 0 : progress.batches;
    }

    /** Batches skipped under {@link NonFinitePolicy#SKIP} over the whole run. */
    public long skippedBatches() {
        return skippedTotal;
    }

    /** The devices the replicas run on, the first holding the parameters, critics and loss. */
    public List<Device> devices() {
        return devices;
    }

    /** The encoder registered under this name. */
    public Encoder encoder(String name) {
        Encoder encoder = encoders.get(name);
        if (encoder == null) {
            throw new IllegalArgumentException("no encoder '" + name + "'; known: " + String.join(", ", encoders.keySet()));
        }
        return encoder;
    }

    /**
     * Trains on every batch the iterator yields.
     *
     * @param epoch the epoch number reported in the metrics
     * @param batches this epoch's batches; each must hold every view of every pair
     * @return means over the epoch's steps; after {@link #load} of a checkpoint taken inside this epoch, the
     *     epoch's steps before the checkpoint count too
     * @throws NonFiniteLossException when a pair's estimate is NaN or infinite (before that update) and the
     *     policy is {@link NonFinitePolicy#STOP}, or too many batches in a row were skipped
     */
    public EpochSummary trainEpoch(int epoch, Iterator<BatchData> batches) {
        if (!(continueEpoch && progress != null && progress.epoch == epoch)) {
            progress = new EpochProgress(epoch);
        }
        continueEpoch = false;
        while (true) {
            long waitStart = System.nanoTime();
            if (!batches.hasNext()) {
                break;
            }
            BatchData batch = batches.next();
            trainStep(epoch, batch, (System.nanoTime() - waitStart) / 1e9);
        }
        return progress.summary();
    }

    /**
     * Takes one optimization step on one batch and reports it to the listeners.
     *
     * @param epoch the epoch number reported in the metrics
     * @param batch holds every view of every pair
     * @param dataWaitSeconds how long the caller waited for the batch (reported as is)
     * @return the step's metrics ({@link StepMetrics#skipped()} when the batch was skipped)
     * @throws NonFiniteLossException when a pair's estimate, the loss or a gradient is NaN or infinite (before
     *     the update) and the policy is {@link NonFinitePolicy#STOP}, or too many batches in a row were skipped
     */
    public StepMetrics trainStep(int epoch, BatchData batch, double dataWaitSeconds) {
        long start = System.nanoTime();
        if (progress == null || progress.epoch != epoch) {
            progress = new EpochProgress(epoch);
        }
        var nats = new LinkedHashMap<String, Double>();
        var logK = new LinkedHashMap<String, Double>();
        var alignment = new LinkedHashMap<String, Double>();
        var uniformity = new LinkedHashMap<String, Double>();
        var spread = new LinkedHashMap<String, Double>();
        double lossValue = Double.NaN;
        double gradNorm = Double.NaN;
        String skipped = null;
        double rate = learningRate.getNewValue((int) step + 1); // the schedule's value for update number step+1
        var boundStates = pairs.stream().map(pair -> pair.bound().state()).toList();
        if (batch.size() % devices.size() != 0) {
            throw new IllegalArgumentException("a batch of " + batch.size() + " samples cannot be split evenly over "
                    + devices.size() + " devices " + devices + ": make the batch size a multiple of " + devices.size());
        }
        try (NDManager stepManager = manager.newSubManager()) {
            var shards = shards(batch, stepManager);
            prepareTraining(shards.get(0), batch.size());
            var statistics = onNonFinite == NonFinitePolicy.SKIP ? snapshotStatistics(stepManager) : null;
            var projections = new HashMap<String, NDArray>();
            try {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    for (String view : trainedViews) {
                        projections.put(view, project(view, shards));
                    }
                    NDArray loss = null;
                    for (PairSpec pair : pairs) {
                        NDArray za = projections.get(pair.viewA());
                        NDArray zb = projections.get(pair.viewB());
                        NDArray scores = pair.critic().scores(za, zb);
                        boolean hard = pair.negatives() != null;
                        NDArray estimate = hard
                                ? pair.bound().estimate(scores, pair.critic().scores(za, projections.get(pair.negatives())))
                                : pair.bound().estimate(scores);
                        double value = estimate.getFloat();
                        if (!Double.isFinite(value)) {
                            throw new NonFiniteLossException(pair.name(), step, value);
                        }
                        nats.put(pair.name(), value);
                        logK.put(pair.name(), pair.bound().logK(batch.size(), hard));
                        // a float scalar: a double would promote the loss to float64
                        NDArray term = estimate.mul(Constant.like(estimate,
                                (float) (pair.bound().isUpper() ? pair.weight() : -pair.weight())));
                        loss = loss == null ? term : loss.add(term);
                        // a variational critic (q of CLUB, Barber-Agakov) fits itself by its own loss
                        Optional<NDArray> fit = pair.critic().fitLoss(za, zb);
                        if (fit.isPresent()) {
                            double fitValue = fit.get().getFloat();
                            if (!Double.isFinite(fitValue)) {
                                throw new NonFiniteLossException(pair.name(), step, fitValue);
                            }
                            loss = loss.add(fit.get());
                        }
                    }
                    lossValue = loss.getFloat();
                    collector.backward(loss);
                }
                var gradients = gradients(stepManager);
                addReplicaGradients(gradients, stepManager);
                gradNorm = globalNorm(gradients.values());
                if (!Double.isFinite(lossValue) || !Double.isFinite(gradNorm)) {
                    throw NonFiniteLossException.gradient(nonFiniteGradient(gradients), step, gradNorm);
                }
                if (clipGradNorm > 0 && gradNorm > clipGradNorm) {
                    float scale = (float) (clipGradNorm / (gradNorm + 1e-6)); // as torch.nn.utils.clip_grad_norm_
                    gradients.values().forEach(g -> g.muli(scale));
                }
                var updates = new ArrayList<StatefulOptimizer.Update>();
                namedParameters().forEach((name, parameter) -> {
                    NDArray g = gradients.get(name);
                    if (g != null) {
                        updates.add(new StatefulOptimizer.Update(name, parameter.getArray(), g,
                                parameter.getType() == Parameter.Type.WEIGHT));
                    }
                });
                optimizer.step(updates, (float) rate);
                consecutiveSkips = 0;
            } catch (NonFiniteLossException e) {
                if (onNonFinite == NonFinitePolicy.STOP) {
                    throw e;
                }
                // leave no trace of the batch: running statistics and moving averages as before it
                statistics.forEach(InPlace::copy);
                for (int i = 0; i < pairs.size(); i++) {
                    pairs.get(i).bound().restoreState(boundStates.get(i));
                }
                skipped = e.getMessage();
                nats.clear();
                logK.clear();
                lossValue = Double.NaN;
                if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                    throw NonFiniteLossException.tooManySkipped(consecutiveSkips, step, skipped);
                }
            } finally {
                zeroGradients(stepManager);
                // updated or restored: every replica takes the first one's weights and statistics again
                replicas.forEach(replica -> replica.copyFrom(encoderParameters()));
            }
            if (skipped == null) {
                // read-outs of this step's projections, outside the recorded graph (the collector is closed)
                for (PairSpec pair : pairs) {
                    NDArray za = projections.get(pair.viewA());
                    alignment.put(pair.name(), EmbeddingGeometry.alignment(za, projections.get(pair.viewB())));
                    if (batch.size() > 1) { // one sample has no pairs to spread
                        uniformity.put(pair.name(), EmbeddingGeometry.uniformity(za));
                    }
                }
                for (String view : trainedViews) {
                    spread.put(view, EmbeddingGeometry.spread(projections.get(view)));
                }
            }
        }
        var metrics = new StepMetrics(epoch, step, lossValue, rate, nats, logK, alignment, uniformity, spread,
                dataWaitSeconds, (System.nanoTime() - start) / 1e9, gradNorm, skipped);
        step++;
        if (skipped != null) {
            skippedTotal++;
        }
        progress.add(metrics);
        listeners.forEach(listener -> listener.accept(metrics));
        return metrics;
    }

    /**
     * Backbone embeddings of one view in inference mode (no gradients, BatchNorm on its running
     * statistics), for evaluation. An encoder not yet trained or loaded is initialized from the
     * first batch, which gives the random-encoder baseline.
     *
     * @param encoderName the encoder to use
     * @param batches the batches to embed, in order
     * @param viewName the view of each batch to feed it
     * @return one row of {@code encoder.dim()} values per sample, in batch order
     */
    public float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName) {
        Encoder encoder = encoder(encoderName);
        var rows = new ArrayList<float[]>();
        while (batches.hasNext()) {
            BatchData batch = batches.next();
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray x = toArray(batch, viewName, batchManager);
                initializeEncoder(encoderName, viewName, x.getShape());
                float[] flat = encoder.embed(x).toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(Arrays.copyOfRange(flat, i * encoder.dim(), (i + 1) * encoder.dim()));
                }
            }
        }
        return rows.toArray(float[][]::new);
    }

    /**
     * A pair's critic scores over a whole evaluation set, in inference mode, for retrieval: row i is
     * sample i's first view, column j sample j's second view, so the diagonal holds the true pairs.
     * Call after training or loading (the critic must be initialized).
     *
     * @param pairName the pair whose encoders and critic score
     * @param batches the evaluation batches, in order; each holds both views of the pair
     * @return an N×N matrix for N samples
     */
    public float[][] pairScores(String pairName, Iterator<BatchData> batches) {
        PairSpec pair = pairs.stream().filter(p -> p.name().equals(pairName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pair '" + pairName + "'"));
        Encoder encoderA = encoders.get(viewEncoders.get(pair.viewA()));
        Encoder encoderB = encoders.get(viewEncoders.get(pair.viewB()));
        try (NDManager evalManager = manager.newSubManager()) {
            var projectionsA = new NDList();
            var projectionsB = new NDList();
            while (batches.hasNext()) {
                BatchData batch = batches.next();
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray a = encoderA.project(toArray(batch, pair.viewA(), batchManager));
                    NDArray b = encoderB.project(toArray(batch, pair.viewB(), batchManager));
                    // keep the projections, free the inputs with the batch
                    a.attach(evalManager);
                    b.attach(evalManager);
                    projectionsA.add(a);
                    projectionsB.add(b);
                }
            }
            NDArray scores = pair.critic().scores(NDArrays.concat(projectionsA), NDArrays.concat(projectionsB));
            int n = (int) scores.getShape().get(0);
            int m = (int) scores.getShape().get(1);
            float[] flat = scores.toFloatArray();
            var out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
            }
            return out;
        }
    }

    /**
     * A pair's critic on aligned rows only, for synchronization checks: element i scores sample i's view
     * {@code first} against the same sample's view {@code second}, each fed to the encoder of the pair's view in
     * that position (so {@code second} may be another view of the second encoder, cut at another time, say).
     * Equals the diagonal of {@link #pairScores} when the views are the pair's own. Call after training or loading.
     *
     * @param pairName the pair whose encoders and critic score
     * @param first the view fed as the critic's first argument, embedded by the pair's first encoder
     * @param second the view fed as its second argument, embedded by the pair's second encoder
     * @param batches the evaluation batches, in order; each holds both views
     * @return one score per sample, in batch order
     */
    public float[] alignedScores(String pairName, String first, String second, Iterator<BatchData> batches) {
        PairSpec pair = pairs.stream().filter(p -> p.name().equals(pairName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pair '" + pairName + "'"));
        Encoder encoderA = encoders.get(viewEncoders.get(pair.viewA()));
        Encoder encoderB = encoders.get(viewEncoders.get(pair.viewB()));
        var out = new ArrayList<Float>();
        while (batches.hasNext()) {
            BatchData batch = batches.next();
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray a = encoderA.project(toArray(batch, first, batchManager));
                NDArray b = encoderB.project(toArray(batch, second, batchManager));
                // the critic scores every pairing within the batch; the aligned ones are its diagonal
                float[] flat = pair.critic().scores(a, b).toFloatArray();
                int n = batch.size();
                for (int i = 0; i < n; i++) {
                    out.add(flat[i * n + i]);
                }
            }
        }
        var scores = new float[out.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = out.get(i);
        }
        return scores;
    }

    /**
     * Writes a checkpoint folder, replacing any earlier one atomically: everything is written and synced into
     * {@code <folder>.tmp}, the old folder is moved to {@code <folder>.old}, the new one moved in, and the old one
     * deleted. A crash at any point leaves a complete checkpoint in {@code folder} or {@code <folder>.old}
     * ({@link #checkpointIn} finds it).
     *
     * @param folder the checkpoint folder, e.g. {@code run/checkpoint}
     * @param extra the caller's own values to keep with it (read back by {@link #readCheckpoint})
     * @throws IllegalStateException before the first step or load
     */
    public void save(Path folder, Map<String, String> extra) throws IOException {
        if (trainingStore == null) {
            throw new IllegalStateException("nothing to save yet: train at least one step or load a checkpoint first");
        }
        Path fresh = sibling(folder, ".tmp");
        Path old = sibling(folder, ".old");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        writeState(fresh, extra);
        syncFolder(fresh);
        if (Files.exists(folder)) {
            deleteTree(old);
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        syncFolder(folder.toAbsolutePath().getParent());
        deleteTree(old);
    }

    /** {@link #save(Path, Map)} without extra values. */
    public void save(Path folder) throws IOException {
        save(folder, Map.of());
    }

    /**
     * The complete checkpoint {@link #save} left at {@code folder}: the folder itself, or {@code <folder>.old}
     * when a crash came between its two moves; empty when there is none.
     */
    public static Optional<Path> checkpointIn(Path folder) {
        for (Path candidate : List.of(folder, sibling(folder, ".old"))) {
            if (Files.isRegularFile(candidate.resolve(CHECKPOINT_FILE))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What a checkpoint says about itself, without loading it.
     *
     * @param step the steps taken before it (the schedule's position)
     * @param epoch the epoch of its last step (−1 if none)
     * @param batchesInEpoch the steps of that epoch before it
     * @param extra the values the caller saved with it
     */
    public record CheckpointInfo(long step, int epoch, long batchesInEpoch, Map<String, String> extra) {
        public CheckpointInfo {
            extra = Map.copyOf(extra);
        }
    }

    /**
     * Reads a checkpoint's description.
     *
     * @throws IOException naming the file when it is missing, unreadable or of an unknown format
     */
    public static CheckpointInfo readCheckpoint(Path folder) throws IOException {
        var properties = readProperties(folder);
        try {
            var extra = new LinkedHashMap<String, String>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(EXTRA_PREFIX)) {
                    extra.put(key.substring(EXTRA_PREFIX.length()), properties.getProperty(key));
                }
            }
            return new CheckpointInfo(Long.parseLong(properties.getProperty("step", "0")),
                    Integer.parseInt(properties.getProperty("epoch", "-1")),
                    Long.parseLong(properties.getProperty("epoch.batches", "0")), extra);
        } catch (NumberFormatException e) {
            throw new IOException(folder.resolve(CHECKPOINT_FILE) + " is damaged: " + e.getMessage(), e);
        }
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
        var properties = readProperties(folder);
        boolean full = CHECKPOINT_FORMAT.equals(properties.getProperty("format"));
        for (String name : encoders.keySet()) {
            String shape = properties.getProperty(shapeKey(name));
            if (shape == null) {
                throw new IOException("checkpoint " + folder + " has no encoder '" + name + "'");
            }
            long[] sample = Arrays.stream(shape.split(",")).mapToLong(Long::parseLong).toArray();
            initializeEncoder(name, name, batchShape(1, sample));
        }
        initializeCritics(1);
        for (String name : encoders.keySet()) {
            ParameterFiles.read(encoders.get(name), encoderFile(folder, name), manager);
        }
        for (PairSpec pair : pairs) {
            ParameterFiles.read(pair.critic(), criticFile(folder, pair.name()), manager);
        }
        if (trainingStore == null) {
            trainingStore = newTrainingStore();
        } else {
            // loaded into the arrays the store and the optimizer already hold: only the replicas need the values
            replicas.forEach(replica -> replica.copyFrom(encoderParameters()));
        }
        step = Long.parseLong(properties.getProperty("step", "0"));
        if (!full) {
            return;
        }
        Path optimizerFile = folder.resolve(OPTIMIZER_FILE);
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(optimizerFile)))) {
            optimizer.read(in, optimizerFile.toString(), namedParameters().keySet());
        } catch (NoSuchFileException e) {
            throw new IOException("checkpoint " + folder + " has no " + OPTIMIZER_FILE, e);
        } catch (java.io.EOFException e) {
            throw new IOException(optimizerFile + " is cut short", e);
        }
        try {
            skippedTotal = Long.parseLong(properties.getProperty("skipped.total", "0"));
            consecutiveSkips = Integer.parseInt(properties.getProperty("skipped.consecutive", "0"));
            for (PairSpec pair : pairs) {
                String state = properties.getProperty("bound." + pair.name() + ".state", "");
                pair.bound().restoreState(state.isEmpty() ? new double[0]
                        : Arrays.stream(state.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            progress = EpochProgress.read(properties);
        } catch (IllegalArgumentException e) {
            throw new IOException(folder.resolve(CHECKPOINT_FILE) + " is damaged: " + e.getMessage(), e);
        }
        continueEpoch = progress != null;
    }

    private void writeState(Path folder, Map<String, String> extra) throws IOException {
        var properties = new Properties();
        properties.setProperty("format", CHECKPOINT_FORMAT);
        properties.setProperty("step", Long.toString(step));
        properties.setProperty("optimizer", optimizer.type());
        properties.setProperty("optimizer.updates", Long.toString(optimizer.updates()));
        properties.setProperty("skipped.total", Long.toString(skippedTotal));
        properties.setProperty("skipped.consecutive", Integer.toString(consecutiveSkips));
        for (var entry : encoders.entrySet()) {
            ParameterFiles.write(entry.getValue(), encoderFile(folder, entry.getKey()));
            properties.setProperty(shapeKey(entry.getKey()), Arrays.stream(encoderSampleShapes.get(entry.getKey()))
                    .mapToObj(Long::toString)
                    .collect(Collectors.joining(",")));
        }
        for (PairSpec pair : pairs) {
            ParameterFiles.write(pair.critic(), criticFile(folder, pair.name()));
            // Double.toString reads back to the same double
            properties.setProperty("bound." + pair.name() + ".state", Arrays.stream(pair.bound().state())
                    .mapToObj(Double::toString)
                    .collect(Collectors.joining(",")));
        }
        if (progress != null) {
            progress.write(properties);
        }
        extra.forEach((key, value) -> properties.setProperty(EXTRA_PREFIX + key, value));
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(folder.resolve(OPTIMIZER_FILE))))) {
            optimizer.write(out);
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(CHECKPOINT_FILE))) {
            properties.store(out, "viewpair checkpoint: encoder-<name>.params, critic-<pair>.params, " + OPTIMIZER_FILE);
        }
    }

    private static Properties readProperties(Path folder) throws IOException {
        var properties = new Properties();
        Path file = folder.resolve(CHECKPOINT_FILE);
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(folder + " is not a viewpair checkpoint: it has no " + CHECKPOINT_FILE, e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
        String format = properties.getProperty("format");
        if (!CHECKPOINT_FORMAT.equals(format) && !CHECKPOINT_FORMAT_1.equals(format)) {
            throw new IOException(file + " holds an unknown checkpoint format: " + format);
        }
        return properties;
    }

    private static Path sibling(Path folder, String suffix) {
        return folder.resolveSibling(folder.getFileName() + suffix);
    }

    /** Forces every file of the folder, then the folder's entries, to disk (where the file system allows). */
    private static void syncFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
        try (var channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Frees every parameter; the encoders and critics are unusable afterwards. */
    @Override
    public void close() {
        manager.close();
    }

    private void prepareTraining(Map<String, NDArray> inputs, int batchSize) {
        if (trainingStore != null) {
            return;
        }
        for (String view : trainedViews) {
            initializeEncoder(viewEncoders.get(view), view, inputs.get(view).getShape());
        }
        initializeCritics(batchSize);
        trainingStore = newTrainingStore();
    }

    /**
     * The batch's views cut into one equal shard per device, in device order, each made on its device (one
     * device: the whole batch).
     */
    private List<Map<String, NDArray>> shards(BatchData batch, NDManager stepManager) {
        int n = devices.size();
        var shards = new ArrayList<Map<String, NDArray>>();
        for (int r = 0; r < n; r++) {
            NDManager target = r == 0 ? stepManager : stepManager.newSubManager(devices.get(r));
            var inputs = new HashMap<String, NDArray>();
            for (String view : trainedViews) {
                inputs.put(view, toArray(batch, view, r, n, target));
            }
            shards.add(inputs);
        }
        return shards;
    }

    /**
     * A view's projections for the whole batch on the first device: each replica projects its shard, and the
     * shards are gathered by copies that gradients flow back through, so the critic and the bound see every
     * sample of the batch as a negative, not only those of one shard.
     */
    private NDArray project(String view, List<Map<String, NDArray>> shards) {
        Encoder encoder = encoders.get(viewEncoders.get(view));
        NDArray first = encoder.forward(trainingStore, new NDList(shards.get(0).get(view)), true).get(1);
        if (replicas.isEmpty()) {
            return first;
        }
        var parts = new NDList(first);
        for (int r = 0; r < replicas.size(); r++) {
            NDArray part = encoder.forward(replicas.get(r), new NDList(shards.get(r + 1).get(view)), true).get(1);
            parts.add(part.toDevice(devices.get(0), false));
        }
        return NDArrays.concat(parts);
    }

    /**
     * Adds each replica's gradients to the first device's, so that they are those of the whole batch's loss (the
     * replicas' copies are replaced after the step, gradients and all).
     */
    private void addReplicaGradients(Map<String, NDArray> gradients, NDManager stepManager) {
        Device first = devices.get(0);
        namedParameters().forEach((name, parameter) -> {
            NDArray gradient = gradients.get(name);
            if (gradient == null || !name.startsWith(ENCODER_PREFIX)) {
                return;
            }
            for (Replica replica : replicas) {
                NDArray copy = replica.copyOf(parameter);
                if (copy.hasGradient()) {
                    NDArray own = copy.getGradient();
                    own.attach(stepManager);
                    gradient.addi(own.toDevice(first, false));
                }
            }
        });
    }

    /** Every encoder parameter once (shared encoders' too), as the replicas copy them. */
    private List<Parameter> encoderParameters() {
        return namedParameters().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ENCODER_PREFIX))
                .map(Map.Entry::getValue)
                .toList();
    }

    /**
     * Initializes the encoder on the first shape it sees; later views must give the same sample shape, or for an
     * encoder pooled over space ({@link Encoder#pooledOverSpace()}) the same rank and channels.
     */
    private void initializeEncoder(String name, String source, Shape batchShape) {
        long[] sample = Arrays.copyOfRange(batchShape.getShape(), 1, batchShape.dimension());
        long[] known = encoderSampleShapes.get(name);
        Encoder encoder = encoders.get(name);
        if (known == null) {
            if (!encoder.isInitialized()) {
                encoder.initialize(manager, DataType.FLOAT32, batchShape);
            }
            encoderSampleShapes.put(name, sample); // the first view's: a checkpoint initializes from it
        } else if (encoder.pooledOverSpace()) {
            if (known.length != sample.length || known[0] != sample[0]) {
                throw new IllegalArgumentException("'" + source + "' gives samples of shape " + Arrays.toString(sample)
                        + " but encoder '" + name + "' was set up for " + Arrays.toString(known)
                        + ": views that share a conv encoder may differ in size but need the same channels");
            }
        } else if (!Arrays.equals(known, sample)) {
            throw new IllegalArgumentException("'" + source + "' gives samples of shape " + Arrays.toString(sample)
                    + " but encoder '" + name + "' was set up for " + Arrays.toString(known)
                    + ": views that share an encoder must have the same shape");
        }
    }

    private void initializeCritics(int batch) {
        for (PairSpec pair : pairs) {
            if (!pair.critic().isInitialized()) {
                Shape shape = new Shape(batch, encoders.get(viewEncoders.get(pair.viewA())).projectionDim());
                pair.critic().initialize(manager, DataType.FLOAT32, shape, shape);
            }
        }
    }

    /**
     * Every trained parameter's gradient by stable name, as handles on the step's manager (a finite loss can
     * still give a non-finite gradient, a 0/0 inside an op's backward, so they are checked before the update).
     */
    private Map<String, NDArray> gradients(NDManager stepManager) {
        var gradients = new LinkedHashMap<String, NDArray>();
        namedParameters().forEach((name, parameter) -> {
            NDArray value = parameter.getArray();
            if (parameter.requiresGradient() && value.hasGradient()) {
                NDArray gradient = value.getGradient();
                gradient.attach(stepManager);
                gradients.put(name, gradient);
            }
        });
        return gradients;
    }

    /**
     * The global L2 norm over all gradients, read with one host sync. Squares are summed in double precision: in
     * float, gradients above about 1e19 (large but finite, as an NWJ or DV critic can give) would overflow to an
     * infinite norm and pass for a non-finite gradient.
     */
    private static double globalNorm(Collection<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return 0;
        }
        var squares = new NDList();
        gradients.forEach(g -> squares.add(g.toType(DataType.FLOAT64, false).square().sum()));
        return Math.sqrt(NDArrays.stack(squares).sum().getDouble());
    }

    /** Which gradient is not finite (only looked for once the global norm was not). */
    private static String nonFiniteGradient(Map<String, NDArray> gradients) {
        for (var entry : gradients.entrySet()) {
            if (!Double.isFinite(entry.getValue().toType(DataType.FLOAT64, false).sum().getDouble())) {
                return entry.getKey();
            }
        }
        return "(none alone: their squared norms overflowed together)";
    }

    /**
     * Sets every gradient to 0 for the next step (they accumulate), in the gradient's own memory: the handle made
     * here closes with the step, the gradient lives on with its parameter.
     */
    private void zeroGradients(NDManager stepManager) {
        for (Parameter parameter : namedParameters().values()) {
            NDArray value = parameter.getArray();
            if (!parameter.requiresGradient() || !value.hasGradient()) {
                continue;
            }
            NDArray gradient = value.getGradient();
            gradient.attach(stepManager);
            InPlace.zero(gradient);
        }
    }

    /** Copies of the running statistics (BatchNorm), to put back when a batch is skipped: copy → original. */
    private Map<NDArray, NDArray> snapshotStatistics(NDManager stepManager) {
        var copies = new IdentityHashMap<NDArray, NDArray>();
        for (Parameter parameter : namedParameters().values()) {
            if (!parameter.requiresGradient()) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(stepManager);
                copies.put(copy, parameter.getArray());
            }
        }
        return copies;
    }

    /**
     * Every parameter of every encoder and critic, once, by a name that is the same in every process (DJL's
     * parameter ids are random): {@code encoder-<name>/<path>} and {@code critic-<pair>/<path>}.
     */
    Map<String, Parameter> namedParameters() {
        if (named == null) {
            var seen = Collections.newSetFromMap(new IdentityHashMap<Parameter, Boolean>());
            var byName = new LinkedHashMap<String, Parameter>();
            encoders.forEach((name, encoder) -> encoder.getParameters().forEach(p -> {
                if (seen.add(p.getValue())) {
                    byName.put(ENCODER_PREFIX + name + "/" + p.getKey(), p.getValue());
                }
            }));
            for (PairSpec pair : pairs) {
                pair.critic().getParameters().forEach(p -> {
                    if (seen.add(p.getValue())) {
                        byName.put("critic-" + pair.name() + "/" + p.getKey(), p.getValue());
                    }
                });
            }
            named = Collections.unmodifiableMap(byName);
        }
        return named;
    }

    /** A parameter store for the forward passes (the optimizer applies the updates itself) and the optimizer. */
    private ParameterStore newTrainingStore() {
        if (optimizer == null) {
            optimizer = StatefulOptimizer.of(optimizerConfig, manager);
        }
        var store = new ParameterStore(manager, false);
        Device device = manager.getDevice();
        namedParameters().values().forEach(parameter -> store.getValue(parameter, device, true));
        var copies = new ArrayList<Replica>();
        for (Device other : devices.subList(1, devices.size())) {
            var replica = new Replica(manager, other);
            replica.copyFrom(encoderParameters());
            copies.add(replica);
        }
        replicas = List.copyOf(copies);
        return store;
    }

    /** The optimizer, once training has started or a checkpoint was loaded (for tests). */
    StatefulOptimizer optimizer() {
        return optimizer;
    }

    /** The encoders' copies on the second and later devices (for tests). */
    List<Replica> replicas() {
        return replicas;
    }

    /** The number of NDArrays alive on the trainer's manager and its sub-managers (for tests). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** The whole batch's view. */
    private static NDArray toArray(BatchData batch, String view, NDManager target) {
        return toArray(batch, view, 0, 1, target);
    }

    /** Shard {@code shard} of {@code shards} equal ones of the batch's view (the whole view for one shard). */
    private static NDArray toArray(BatchData batch, String view, int shard, int shards, NDManager target) {
        long[] shape = batch.shape(view);
        float[] values = batch.view(view);
        Objects.requireNonNull(shape, () -> "batch has no shape for view '" + view + "'");
        Objects.requireNonNull(values, () -> "batch has no values for view '" + view + "'");
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (shape.length < 2 || shape[0] != batch.size() || count != values.length) {
            throw new IllegalArgumentException("view '" + view + "' of a batch of " + batch.size() + " has shape "
                    + Arrays.toString(shape) + " and " + values.length
                    + " values; expected [batch, ...] with one value per element");
        }
        if (shards == 1) {
            return target.create(values, new Shape(shape));
        }
        int length = values.length / shards;
        long[] shardShape = shape.clone();
        shardShape[0] = shape[0] / shards;
        return target.create(Arrays.copyOfRange(values, shard * length, (shard + 1) * length), new Shape(shardShape));
    }

    private static Shape batchShape(long batch, long[] sample) {
        long[] shape = new long[sample.length + 1];
        shape[0] = batch;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return new Shape(shape);
    }

    private static Path encoderFile(Path folder, String name) {
        return folder.resolve("encoder-" + name + ".params");
    }

    private static Path criticFile(Path folder, String pair) {
        return folder.resolve("critic-" + pair + ".params");
    }

    private static String shapeKey(String encoder) {
        return "encoder." + encoder + ".input";
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
         * Checks the wiring and builds the trainer.
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
            var pairNames = new LinkedHashSet<String>();
            var usedEncoders = new LinkedHashSet<String>();
            for (PairSpec pair : pairs) {
                if (!pairNames.add(pair.name())) {
                    throw new IllegalArgumentException("pair name '" + pair.name() + "' is used twice");
                }
                Encoder a = encoderOf(pair, pair.viewA());
                Encoder b = encoderOf(pair, pair.viewB());
                if (pair.negatives() != null && encoderOf(pair, pair.negatives()) != b) {
                    throw new IllegalArgumentException("pair '" + pair.name() + "': the hard negatives '"
                            + pair.negatives() + "' go to encoder '" + viewEncoders.get(pair.negatives())
                            + "' but the pair's second view '" + pair.viewB() + "' to '"
                            + viewEncoders.get(pair.viewB()) + "': they must share one encoder");
                }
                usedEncoders.add(viewEncoders.get(pair.viewA()));
                usedEncoders.add(viewEncoders.get(pair.viewB()));
                try {
                    pair.critic().checkWidths(a.projectionDim(), b.projectionDim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pair '" + pair.name() + "' scores projections of width "
                            + a.projectionDim() + " ('" + pair.viewA() + "') against " + b.projectionDim() + " ('"
                            + pair.viewB() + "'): " + e.getMessage(), e);
                }
            }
            for (String name : encoders.keySet()) {
                if (!usedEncoders.contains(name)) {
                    throw new IllegalArgumentException("encoder '" + name + "' is used by no pair, so nothing trains it");
                }
            }
            return new SharedTrainer(this);
        }

        private Encoder encoderOf(PairSpec pair, String view) {
            String name = viewEncoders.get(view);
            if (name == null) {
                throw new IllegalArgumentException("pair '" + pair.name() + "' uses view '" + view
                        + "' that no encoder embeds; known views: " + String.join(", ", viewEncoders.keySet()));
            }
            return encoders.get(name);
        }
    }
}
