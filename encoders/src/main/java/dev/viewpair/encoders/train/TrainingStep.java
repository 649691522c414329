package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import dev.viewpair.encoders.mi.Constant;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.nn.LayerOutput;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One optimization step, top to bottom: every view of the batch forwarded once through its encoder (on the
 * devices {@link DataParallel} spreads the batch over), handing out the layers the pairs read, each pair scored by its
 * critic ({@link PairScores}) and bound, {@code loss =
 * −Σ weight·bound} (upper bounds: {@code +weight·bound}) plus the fit losses of variational critics, one backward
 * pass, the non-finite guards, clipping by the global norm, one optimizer update. A non-finite estimate or
 * gradient stops training or skips the batch ({@link NonFinitePolicy}); a skipped batch leaves no trace.
 *
 * <p>Everything else sits beside it: the parameters are set up from the first batch's shapes ({@link ShapeSetup}),
 * the gradients are read, clipped and cleared by {@link Gradients}, a skip is undone by {@link SkipUndo}, the
 * counters and the epoch's means are kept by {@link TrainingPosition}.
 */
final class TrainingStep {
    private final Model model;
    private final DataParallel parallel;
    private final ShapeSetup setup;
    private final NDManager manager;
    private final OptimizerConfig optimizerConfig;
    private final Tracker learningRate;
    private final double clipGradNorm;
    private final NonFinitePolicy onNonFinite;
    private final TrainingPosition position;
    private StatefulOptimizer optimizer;

    TrainingStep(Model model, DataParallel parallel, ShapeSetup setup, NDManager manager, OptimizerConfig optimizerConfig,
            double clipGradNorm, NonFinitePolicy onNonFinite, TrainingPosition position) {
        this.model = model;
        this.parallel = parallel;
        this.setup = setup;
        this.manager = manager;
        this.optimizerConfig = optimizerConfig;
        this.learningRate = optimizerConfig.learningRateTracker();
        this.clipGradNorm = clipGradNorm;
        this.onNonFinite = onNonFinite;
        this.position = position;
    }

    /**
     * Takes the step.
     *
     * @throws NonFiniteLossException when a pair's estimate, the loss or a gradient is NaN or infinite (before the
     *     update) and the policy is {@link NonFinitePolicy#STOP}, or too many batches in a row were skipped
     */
    StepMetrics take(int epoch, BatchData batch, double dataWaitSeconds) {
        long start = System.nanoTime();
        long step = position.step();
        position.stepIn(epoch);
        double rate = learningRate.getNewValue((int) step + 1); // the schedule's value for update number step+1
        parallel.checkSplits(batch);
        var estimates = new Estimates();
        var geometry = new Geometry();
        double lossValue = Double.NaN;
        double gradNorm = Double.NaN;
        String skipped = null;
        try (NDManager stepManager = manager.newSubManager()) {
            var shards = parallel.shards(batch, model.trainedViews(), stepManager);
            if (!parallel.started()) {
                setup.fromBatch(shards.get(0), batch.size());
                start();
            }
            var undo = onNonFinite == NonFinitePolicy.SKIP ? SkipUndo.snapshot(model, stepManager) : null;
            var outputs = new HashMap<String, Map<String, LayerOutput>>();
            try {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    for (String view : model.trainedViews()) {
                        outputs.put(view, parallel.layers(model.encoderOf(view), view, model.layersOf(view), shards));
                    }
                    NDArray loss = loss(outputs, batch.size(), step, estimates);
                    lossValue = scalar(loss);
                    collector.backward(loss);
                }
                var gradients = Gradients.of(model, stepManager);
                parallel.addReplicaGradients(model, gradients.byName(), stepManager);
                gradNorm = gradients.globalNorm();
                if (!Double.isFinite(lossValue) || !Double.isFinite(gradNorm)) {
                    throw NonFiniteLossException.gradient(gradients.nonFinite(), step, gradNorm);
                }
                gradients.clip(clipGradNorm, gradNorm);
                optimizer.step(gradients.updates(), (float) rate);
                position.applied();
            } catch (NonFiniteLossException e) {
                if (onNonFinite == NonFinitePolicy.STOP) {
                    throw e;
                }
                undo.restore(); // running statistics and moving averages as before the batch
                skipped = e.getMessage();
                estimates.clear();
                lossValue = Double.NaN;
                position.skipped(skipped);
            } finally {
                Gradients.zero(model, stepManager);
                // updated or restored: every replica takes the first one's weights and statistics again
                parallel.syncReplicas(model);
            }
            if (skipped == null) {
                geometry.read(model, outputs, batch.size());
            }
        }
        var metrics = new StepMetrics(epoch, step, lossValue, rate, estimates.nats, estimates.logK, geometry.alignment,
                geometry.uniformity, geometry.spread, geometry.kl, geometry.variance, dataWaitSeconds, (System.nanoTime() - start) / 1e9, gradNorm,
                skipped);
        position.record(metrics);
        return metrics;
    }

    /**
     * {@code −Σ weight·estimate} over the pairs (upper bounds add), plus the variational critics' fit losses, each
     * estimate checked finite and recorded.
     */
    private NDArray loss(Map<String, Map<String, LayerOutput>> outputs, int batchSize, long step, Estimates estimates) {
        NDArray loss = null;
        for (PairSpec pair : model.pairs()) {
            LayerOutput a = outputs.get(pair.viewA()).get(pair.layerA());
            LayerOutput b = outputs.get(pair.viewB()).get(pair.layerB());
            NDArray za = a.values();
            NDArray zb = b.values();
            NDArray scores = PairScores.of(pair.critic(), a, b);
            boolean hard = pair.negatives() != null;
            boolean local = a.local() || b.local();
            NDArray estimate = hard
                    ? pair.bound().estimate(scores,
                            pair.critic().scores(za, outputs.get(pair.negatives()).get(pair.layerB()).values()))
                    : pair.bound().estimate(scores);
            double value = scalar(estimate);
            if (!Double.isFinite(value)) {
                throw new NonFiniteLossException(pair.name(), step, value);
            }
            estimates.nats.put(pair.name(), value);
            estimates.logK.put(pair.name(), local ? pair.bound().logK(batchSize, PairScores.candidatePositions(a, b))
                    : pair.bound().logK(batchSize, hard));
            // a float scalar: a double would promote the loss to float64 (as the exact posterior's double estimates do)
            NDArray term = estimate.mul(Constant.like(estimate,
                    (float) (pair.bound().isUpper() ? pair.weightAt(step) : -pair.weightAt(step))));
            loss = loss == null ? term : loss.add(term);
            // a variational critic (q of CLUB, Barber-Agakov) fits itself by its own loss (it takes no local pairs)
            Optional<NDArray> fit = local ? Optional.empty() : pair.critic().fitLoss(za, zb);
            if (fit.isPresent()) {
                double fitValue = fit.get().getFloat();
                if (!Double.isFinite(fitValue)) {
                    throw new NonFiniteLossException(pair.name(), step, fitValue);
                }
                loss = loss.add(fit.get());
            }
        }
        return loss;
    }

    /** A scalar's value: float, or double where an exact posterior's bound made it so. */
    private static double scalar(NDArray value) {
        return value.getDataType() == DataType.FLOAT64 ? value.getDouble() : value.getFloat();
    }

    /** Creates the optimizer and puts the initialized parameters on the devices (first step or load). */
    void start() {
        if (optimizer == null) {
            optimizer = StatefulOptimizer.of(optimizerConfig, manager);
        }
        parallel.start(model);
    }

    /** The optimizer, once training has started or a checkpoint was loaded. */
    StatefulOptimizer optimizer() {
        return optimizer;
    }

    /** Each pair's estimate and ceiling, by pair name. */
    private static final class Estimates {
        final Map<String, Double> nats = new LinkedHashMap<>();
        final Map<String, Double> logK = new LinkedHashMap<>();

        void clear() {
            nats.clear();
            logK.clear();
        }
    }

    /** Read-outs of the step's projections ({@link EmbeddingGeometry}), outside the recorded graph. */
    private static final class Geometry {

        final Map<String, Double> alignment = new LinkedHashMap<>();
        final Map<String, Double> uniformity = new LinkedHashMap<>();
        final Map<String, Double> spread = new LinkedHashMap<>();
        final Map<String, Double> kl = new LinkedHashMap<>();
        final Map<String, List<Double>> variance = new LinkedHashMap<>();

        /** Alignment and uniformity of the pairs of two global layers of one width; the spread of each projection. */
        void read(Model model, Map<String, Map<String, LayerOutput>> outputs, int batchSize) {
            for (PairSpec pair : model.pairs()) {
                LayerOutput a = outputs.get(pair.viewA()).get(pair.layerA());
                LayerOutput b = outputs.get(pair.viewB()).get(pair.layerB());
                if (a.local() || b.local() || !a.values().getShape().equals(b.values().getShape())) {
                    continue;
                }
                alignment.put(pair.name(), EmbeddingGeometry.alignment(a.values(), b.values()));
                if (batchSize > 1) { // one sample has no pairs to spread
                    uniformity.put(pair.name(), EmbeddingGeometry.uniformity(a.values()));
                }
            }
            for (String view : model.trainedViews()) {
                var projection = outputs.get(view).get(EncoderLayer.PROJECTION);
                if (projection != null) {
                    spread.put(view, EmbeddingGeometry.spread(projection.values()));
                }
                var posterior = outputs.get(view).get(EncoderLayer.POSTERIOR);
                if (posterior != null) {
                    readPosterior(view, posterior.values());
                }
            }
        }

        /** The closed-form KL to N(0, I) and the per-dimension variances of a posterior layer's [μ ; σ] rows. */
        private void readPosterior(String view, NDArray meanAndStd) {
            float[] values = meanAndStd.toFloatArray();
            int rows = (int) meanAndStd.getShape().get(0);
            int d = (int) meanAndStd.getShape().get(1) / 2;
            double klSum = 0;
            double[] varianceSum = new double[d];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    double mean = values[i * 2 * d + j];
                    double std = values[i * 2 * d + d + j];
                    double var = std * std;
                    klSum += 0.5 * (var + mean * mean - 1) - Math.log(std);
                    varianceSum[j] += var;
                }
            }
            kl.put(view, klSum / rows);
            variance.put(view, Arrays.stream(varianceSum).map(v -> v / rows).boxed().toList());
        }
    }
}
