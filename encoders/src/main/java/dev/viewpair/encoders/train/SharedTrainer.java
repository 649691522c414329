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
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import dev.viewpair.encoders.nn.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains several view pairs at once: every step forwards each view of the batch once through its
 * encoder (views that share an encoder share its weights), scores each pair with its critic,
 * and takes one AdamW step on {@code loss = −Σ weight·bound} (upper bounds: {@code +weight·bound})
 * over all encoders' and critics' parameters; a variational critic adds its own fit loss ({@link
 * dev.viewpair.encoders.mi.Critic#fitLoss}), which trains only its parameters.
 *
 * <p>Not thread-safe: call it from one thread, which creates every NDArray; batches may be
 * produced on other threads as plain arrays ({@link BatchData}). Each step's arrays live in a
 * sub-manager closed at the end of the step, so native memory stays flat. Parameters are
 * initialized from the first batch's shapes (seeded) and live until {@link #close()}; one trainer
 * trains at a time per JVM (PyTorch's gradient recording is process-wide).
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
    private static final String CHECKPOINT_FORMAT = "viewpair-checkpoint-1";

    private final Map<String, Encoder> encoders;
    private final Map<String, String> viewEncoders;
    private final List<PairSpec> pairs;
    private final List<String> trainedViews;
    private final OptimizerConfig optimizerConfig;
    private final Tracker learningRate;
    private final List<Consumer<StepMetrics>> listeners;
    private final NDManager manager;
    private final Map<String, long[]> encoderSampleShapes = new HashMap<>();
    private ParameterStore trainingStore;
    private long step;

    private SharedTrainer(Builder builder) {
        this.encoders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.encoders));
        this.viewEncoders = Map.copyOf(builder.viewEncoders);
        this.pairs = List.copyOf(builder.pairs);
        var views = new LinkedHashSet<String>();
        pairs.forEach(pair -> {
            views.add(pair.viewA());
            views.add(pair.viewB());
        });
        this.trainedViews = List.copyOf(views);
        this.optimizerConfig = builder.optimizer;
        this.learningRate = optimizerConfig.learningRateTracker();
        this.listeners = List.copyOf(builder.listeners);
        this.manager = NDManager.newBaseManager(builder.device);
        manager.setName("shared-trainer");
        if (builder.seed != null) {
            Engine.getInstance().setRandomSeed(builder.seed.intValue());
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of steps taken so far (restored by {@link #load}). */
    public long step() {
        return step;
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
     * @return means over the epoch's steps
     * @throws NonFiniteLossException when a pair's estimate is NaN or infinite (before that update)
     */
    public EpochSummary trainEpoch(int epoch, Iterator<BatchData> batches) {
        long steps = 0;
        double lossSum = 0;
        double waitSum = 0;
        double stepSum = 0;
        var natsSum = new LinkedHashMap<String, Double>();
        while (true) {
            long waitStart = System.nanoTime();
            if (!batches.hasNext()) {
                break;
            }
            BatchData batch = batches.next();
            double wait = (System.nanoTime() - waitStart) / 1e9;
            StepMetrics metrics = trainStep(epoch, batch, wait);
            steps++;
            lossSum += metrics.loss();
            waitSum += wait;
            stepSum += metrics.stepSeconds();
            metrics.pairNats().forEach((pair, nats) -> natsSum.merge(pair, nats, Double::sum));
        }
        long n = Math.max(steps, 1);
        var meanNats = new LinkedHashMap<String, Double>();
        natsSum.forEach((pair, sum) -> meanNats.put(pair, sum / n));
        return new EpochSummary(epoch, steps, lossSum / n, meanNats, waitSum, stepSum);
    }

    /**
     * Takes one optimization step on one batch and reports it to the listeners.
     *
     * @param epoch the epoch number reported in the metrics
     * @param batch holds every view of every pair
     * @param dataWaitSeconds how long the caller waited for the batch (reported as is)
     * @return the step's metrics
     * @throws NonFiniteLossException when a pair's estimate is NaN or infinite (before the update)
     */
    public StepMetrics trainStep(int epoch, BatchData batch, double dataWaitSeconds) {
        long start = System.nanoTime();
        var nats = new LinkedHashMap<String, Double>();
        var logK = new LinkedHashMap<String, Double>();
        var alignment = new LinkedHashMap<String, Double>();
        var uniformity = new LinkedHashMap<String, Double>();
        var spread = new LinkedHashMap<String, Double>();
        double lossValue;
        double rate = learningRate.getNewValue((int) step + 1); // what AdamW uses for update number step+1
        try (NDManager stepManager = manager.newSubManager()) {
            var inputs = new HashMap<String, NDArray>();
            for (String view : trainedViews) {
                inputs.put(view, toArray(batch, view, stepManager));
            }
            prepareTraining(inputs);
            var projections = new HashMap<String, NDArray>();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                for (String view : trainedViews) {
                    Encoder encoder = encoders.get(viewEncoders.get(view));
                    projections.put(view, encoder.forward(trainingStore, new NDList(inputs.get(view)), true).get(1));
                }
                NDArray loss = null;
                for (PairSpec pair : pairs) {
                    NDArray za = projections.get(pair.viewA());
                    NDArray zb = projections.get(pair.viewB());
                    NDArray estimate = pair.bound().estimate(pair.critic().scores(za, zb));
                    double value = estimate.getFloat();
                    if (!Double.isFinite(value)) {
                        throw new NonFiniteLossException(pair.name(), step, value);
                    }
                    nats.put(pair.name(), value);
                    logK.put(pair.name(), pair.bound().logK(batch.size()));
                    // a float scalar: a double would promote the loss to float64
                    NDArray term = estimate.mul((float) (pair.bound().isUpper() ? pair.weight() : -pair.weight()));
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
            checkGradients();
            trainingStore.updateAllParameters();
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
        var metrics = new StepMetrics(epoch, step, lossValue, rate, nats, logK, alignment, uniformity, spread,
                dataWaitSeconds, (System.nanoTime() - start) / 1e9);
        step++;
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
     * Writes every encoder's and critic's parameters (BatchNorm statistics included, optimizer
     * state not) and the step count into a folder, creating it if needed.
     *
     * @throws IllegalStateException before the first step or load
     */
    public void save(Path folder) throws IOException {
        if (trainingStore == null) {
            throw new IllegalStateException("nothing to save yet: train at least one step or load a checkpoint first");
        }
        Files.createDirectories(folder);
        var properties = new Properties();
        properties.setProperty("format", CHECKPOINT_FORMAT);
        properties.setProperty("step", Long.toString(step));
        for (var entry : encoders.entrySet()) {
            ParameterFiles.write(entry.getValue(), encoderFile(folder, entry.getKey()));
            properties.setProperty(shapeKey(entry.getKey()), Arrays.stream(encoderSampleShapes.get(entry.getKey()))
                    .mapToObj(Long::toString)
                    .collect(Collectors.joining(",")));
        }
        for (PairSpec pair : pairs) {
            ParameterFiles.write(pair.critic(), criticFile(folder, pair.name()));
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(CHECKPOINT_FILE))) {
            properties.store(out, "viewpair checkpoint: encoder-<name>.params, critic-<pair>.params");
        }
    }

    /**
     * Restores parameters and the step count from a folder {@link #save} wrote for the same
     * encoders and pairs. The optimizer starts afresh (its state is not saved); the learning-rate
     * schedule resumes at the saved step.
     *
     * @throws IOException if the folder is not such a checkpoint, naming what is missing or differs
     */
    public void load(Path folder) throws IOException {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(CHECKPOINT_FILE))) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(folder + " is not a viewpair checkpoint: it has no " + CHECKPOINT_FILE, e);
        }
        if (!CHECKPOINT_FORMAT.equals(properties.getProperty("format"))) {
            throw new IOException(folder + " holds an unknown checkpoint format: " + properties.getProperty("format"));
        }
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
        step = Long.parseLong(properties.getProperty("step", "0"));
        trainingStore = newTrainingStore();
    }

    /** Frees every parameter; the encoders and critics are unusable afterwards. */
    @Override
    public void close() {
        manager.close();
    }

    private void prepareTraining(Map<String, NDArray> inputs) {
        if (trainingStore != null) {
            return;
        }
        for (String view : trainedViews) {
            initializeEncoder(viewEncoders.get(view), view, inputs.get(view).getShape());
        }
        initializeCritics(Math.toIntExact(inputs.get(trainedViews.get(0)).getShape().get(0)));
        trainingStore = newTrainingStore();
    }

    /** Initializes the encoder on the first shape it sees; later views must give the same sample shape. */
    private void initializeEncoder(String name, String source, Shape batchShape) {
        long[] sample = Arrays.copyOfRange(batchShape.getShape(), 1, batchShape.dimension());
        long[] known = encoderSampleShapes.get(name);
        if (known == null) {
            Encoder encoder = encoders.get(name);
            if (!encoder.isInitialized()) {
                encoder.initialize(manager, DataType.FLOAT32, batchShape);
            }
            encoderSampleShapes.put(name, sample);
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
     * A finite loss can still give a non-finite gradient (a 0/0 inside an op's backward); applied, it would
     * turn the parameters into NaN without a word. One scalar per parameter is checked before the update.
     */
    private void checkGradients() {
        for (Parameter parameter : trainedParameters()) {
            NDArray value = parameter.getArray();
            if (!value.hasGradient()) {
                continue;
            }
            try (NDArray sum = value.getGradient().sum()) {
                float total = sum.getFloat();
                if (!Float.isFinite(total)) {
                    throw NonFiniteLossException.gradient(parameter.getName(), step, total);
                }
            }
        }
    }

    /** Every parameter of every encoder and critic, once. */
    private Set<Parameter> trainedParameters() {
        var blocks = new ArrayList<Block>(encoders.values());
        pairs.forEach(pair -> blocks.add(pair.critic()));
        var parameters = Collections.newSetFromMap(new IdentityHashMap<Parameter, Boolean>());
        blocks.forEach(block -> block.getParameters().values().forEach(parameters::add));
        return parameters;
    }

    /** A parameter store whose server runs AdamW over every parameter, decaying only weights. */
    private ParameterStore newTrainingStore() {
        var parameters = trainedParameters();
        Set<String> decayed = parameters.stream()
                .filter(p -> p.getType() == Parameter.Type.WEIGHT)
                .map(Parameter::getId)
                .collect(Collectors.toSet());
        var optimizer = new DecayMaskedOptimizer(optimizerConfig, decayed, Math.toIntExact(step));
        var store = new ParameterStore(manager, false);
        Device device = manager.getDevice();
        store.setParameterServer(new LocalParameterServer(optimizer), new Device[] {device});
        // only parameters the store has seen are updated by updateAllParameters
        parameters.forEach(parameter -> store.getValue(parameter, device, true));
        return store;
    }

    private static NDArray toArray(BatchData batch, String view, NDManager target) {
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
        return target.create(values, new Shape(shape));
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
        private Long seed;
        private Device device = Engine.getInstance().defaultDevice();

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

        /** The device for parameters and computation (default: the engine's default device). */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
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
