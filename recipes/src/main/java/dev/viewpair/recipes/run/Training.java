package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.viewpair.datasets.loader.BatchLoader;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import dev.viewpair.encoders.train.EpochSummary;
import dev.viewpair.encoders.train.OptimizerConfig;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.encoders.train.StepMetrics;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One run of a recipe: data → views (on worker threads) → encoders → critics and bounds → the shared
 * trainer → evaluation, everything written to the run folder:
 * {@code recipe.yaml} (resolved), {@code metrics.jsonl}, {@code checkpoint/}, {@code bad_inputs.jsonl},
 * {@code mi.png}, {@code loss.png}, {@code lr.png}, {@code geometry.png}, {@code summary.json} and
 * {@code report.html}.
 */
public final class Training {
    /** The epoch number evaluation draws its views with: fixed, so every evaluation sees the same views. */
    static final int EVAL_EPOCH = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Recipe recipe;
    private final Path runDir;
    private final PrintStream out;
    /** Where step metrics go besides metrics.jsonl: the progress bar, once it exists. */
    private Consumer<StepMetrics> onStep = m -> {};

    public Training(Recipe recipe, Path runDir, PrintStream out) {
        this.recipe = recipe;
        this.runDir = runDir;
        this.out = out;
    }

    /** Runs the recipe; returns the summary that was written to {@code summary.json}. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("recipe.yaml"), recipe.toYaml());
        var data = DataPlan.of(recipe);
        out.printf("viewpair: %s — %s: %d train, %d test samples%n", recipe.name(), data.all().describe(),
                data.train().size(), data.test() == null ? 0 : data.test().size());

        // training makes only the views its pairs use; evaluation-only views are made by the evaluation
        var pairViews = new java.util.LinkedHashSet<String>();
        recipe.pairs().forEach(p -> pairViews.addAll(p.views()));
        var views = views(recipe, pairViews);
        var badInputs = new BadInputLog(runDir.resolve("bad_inputs.jsonl"), recipe.dataset().failFast(),
                line -> Progress.println(out, line));
        var train = recipe.train();
        var collapse = new CollapseWatch(recipe, line -> Progress.println(out, line));
        try (var metrics = new MetricsLog(runDir.resolve("metrics.jsonl"));
                var loader = BatchLoader.builder(data.train(), views).batchSize(train.batch()).workers(train.workers())
                        .seed(recipe.seed()).onBadInput(badInputs::add).build();
                var trainer = trainer(recipe, loader.batchesPerEpoch(), m -> {
                    metrics.write(stepRecord(m));
                    collapse.accept(m);
                    onStep.accept(m);
                })) {
            if (loader.batchesPerEpoch() < 1) {
                throw new IllegalArgumentException("the train split has " + data.train().size()
                        + " samples, fewer than one batch of " + train.batch() + " — lower train.batch or add data");
            }
            var evaluation = new Evaluation(recipe, data, badInputs, trainer);
            var randomInit = evaluation.classifyAll(null); // the same classifiers on the encoders before any update

            var summaries = new ArrayList<EpochSummary>();
            long total = (long) train.epochs() * loader.batchesPerEpoch();
            try (var bar = Progress.bar("train", total, "steps")) {
                int every = train.checkpointEvery();
                onStep = m -> {
                    bar.stepTo(m.step() + 1).setExtraMessage(barMessage(m));
                    if (every > 0 && (m.step() + 1) % every == 0) {
                        saveCheckpoint(trainer, runDir);
                        metrics.write(Map.of("type", "checkpoint", "step", m.step() + 1));
                    }
                };
                for (int epoch = 0; epoch < train.epochs(); epoch++) {
                    var summary = trainer.trainEpoch(epoch, LoaderBatches.of(loader.epoch(epoch)));
                    summaries.add(summary);
                    metrics.write(epochRecord(summary));
                    Progress.println(out, epochLine(summary, train.epochs(), train.batch()));
                }
            }
            saveCheckpoint(trainer, runDir);

            var trained = evaluation.classifyAll(runDir);
            var retrieval = evaluation.retrievalAll();
            var sync = evaluation.syncAll();
            var summary = summary(summaries, trainer.step(), (System.nanoTime() - start) / 1e9, randomInit, trained,
                    retrieval, sync, badInputs.count(), collapse.warnings());
            JSON.writeValue(runDir.resolve("summary.json").toFile(), summary);
            var plots = new ArrayList<>(Plots.write(metrics.records(), runDir));
            trained.values().stream().map(Evaluation.Classified::map).filter(Objects::nonNull).forEach(plots::add);
            HtmlReport.write(summary, recipe.toYaml(), plots, runDir.resolve("report.html"));
            out.print(Report.table(summary));
            if (badInputs.count() > 0) {
                out.println("skipped " + badInputs.count() + " unreadable file" + (badInputs.count() == 1 ? "" : "s")
                        + " (dataset.on_bad_input: skip) — the list, with reasons: " + badInputs.file());
            }
            out.println("run folder: " + runDir);
            return summary;
        }
    }

    /**
     * Writes {@code checkpoint/} so that a crash never leaves a half-written one: the new checkpoint is written
     * beside it, the old one moved aside, the new one moved in, the old one deleted. A crash between the two
     * moves leaves the previous checkpoint in {@code checkpoint.old}.
     */
    static void saveCheckpoint(SharedTrainer trainer, Path runDir) {
        var target = runDir.resolve("checkpoint");
        var fresh = runDir.resolve("checkpoint.tmp");
        var old = runDir.resolve("checkpoint.old");
        try {
            deleteTree(fresh);
            trainer.save(fresh);
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + runDir, e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The view making of a subset of the recipe's views (same names, so the same random streams): {@link DataPlan#views}. */
    static SampleViews views(Recipe recipe, java.util.Collection<String> names) {
        return DataPlan.views(recipe, names);
    }

    /** The recipe's encoders, critics, bounds and optimizer in one trainer; {@code listener} hears every step. */
    static SharedTrainer trainer(Recipe recipe, long batchesPerEpoch, Consumer<StepMetrics> listener) {
        var train = recipe.train();
        var b = SharedTrainer.builder().seed(recipe.seed());
        var encoders = new LinkedHashMap<String, Encoder>();
        for (var e : recipe.encoders().values()) {
            var encoder = encoder(e);
            encoders.put(e.name(), encoder);
            b.encoder(e.name(), encoder, e.views().toArray(String[]::new));
        }
        for (var p : recipe.pairs()) {
            int dimA = encoders.get(recipe.encoderOf(p.viewA()).name()).projectionDim();
            int dimB = encoders.get(recipe.encoderOf(p.viewB()).name()).projectionDim();
            var critic = Critics.create(p.critic().type(), p.critic().params(), dimA, dimB);
            var bound = Bounds.create(p.bound().type(), p.bound().params());
            b.pair(new PairSpec(p.name(), p.viewA(), p.viewB(), critic, bound, p.weight()));
        }
        int totalSteps = (int) Math.min(Integer.MAX_VALUE, train.epochs() * batchesPerEpoch);
        double lr = train.optimizer().lr();
        double finalLr = "cosine".equals(train.schedule()) ? lr * 0.01 : lr;
        b.optimizer(new OptimizerConfig(lr, train.optimizer().weightDecay(), train.warmupSteps(), totalSteps, finalLr));
        b.listener(listener);
        return b.build();
    }

    private static Encoder encoder(EncoderDecl e) {
        int[] widths = e.widths().stream().mapToInt(Integer::intValue).toArray();
        return switch (e.type()) {
            case "conv" -> {
                var c = ConvEncoder.builder().widths(widths).dim(e.dim()).downsampling("stride".equals(e.downsample())
                        ? ConvEncoder.Downsampling.STRIDE : ConvEncoder.Downsampling.MAX_POOL);
                if (e.hasProjection()) {
                    c.projection(e.dim(), e.projection());
                }
                yield c.build();
            }
            case "mlp" -> {
                var m = MlpEncoder.builder().hidden(widths).dim(e.dim());
                if (e.hasProjection()) {
                    m.projection(e.dim(), e.projection());
                }
                yield m.build();
            }
            default -> throw new IllegalArgumentException("encoder type '" + e.type() + "' cannot be built");
        };
    }

    private static String barMessage(StepMetrics m) {
        var sb = new StringBuilder(String.format("loss %.3f", m.loss()));
        m.pairNats().forEach((k, v) -> sb.append(String.format(" %s %.2f", k, v)));
        return sb.toString();
    }

    private String epochLine(EpochSummary s, int epochs, int batch) {
        var sb = new StringBuilder(String.format("epoch %d/%d  loss %.3f ", s.epoch() + 1, epochs, s.meanLoss()));
        double logK = Math.log(batch);
        s.meanPairNats().forEach((k, v) -> sb.append(String.format(" | %s %.2f / %.2f nats", k, v, logK)));
        double wait = s.dataWaitSeconds() / Math.max(1e-9, s.dataWaitSeconds() + s.stepSeconds());
        sb.append(String.format(" | data wait %.0f%%", 100 * wait));
        return sb.toString();
    }

    private static Map<String, Object> stepRecord(StepMetrics m) {
        var pairs = new LinkedHashMap<String, Object>();
        m.pairNats().forEach((k, v) -> {
            var pair = new LinkedHashMap<String, Object>();
            pair.put("nats", v);
            pair.put("log_k", m.pairLogK().get(k));
            pair.put("alignment", m.pairAlignment().get(k));
            if (m.pairUniformity().containsKey(k)) { // absent for a batch of one
                pair.put("uniformity", m.pairUniformity().get(k));
            }
            pairs.put(k, pair);
        });
        var views = new LinkedHashMap<String, Object>();
        m.viewStd().forEach((k, v) -> views.put(k, Map.of("std", v)));
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "step");
        r.put("epoch", m.epoch());
        r.put("step", m.step());
        r.put("loss", m.loss());
        r.put("lr", m.learningRate());
        r.put("pairs", pairs);
        r.put("views", views);
        r.put("data_wait_s", m.dataWaitSeconds());
        r.put("step_s", m.stepSeconds());
        return r;
    }

    private static Map<String, Object> epochRecord(EpochSummary s) {
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "epoch");
        r.put("epoch", s.epoch());
        r.put("steps", s.steps());
        r.put("mean_loss", s.meanLoss());
        r.put("mean_pair_nats", s.meanPairNats());
        r.put("data_wait_s", s.dataWaitSeconds());
        r.put("step_s", s.stepSeconds());
        return r;
    }

    private Map<String, Object> summary(List<EpochSummary> epochs, long steps, double wallSeconds,
            Map<String, Evaluation.Classified> randomInit, Map<String, Evaluation.Classified> trained,
            Map<String, Evaluation.Retrieved> retrieval,
            Map<String, Evaluation.Synced> sync, long badInputs, List<String> warnings) {
        var last = epochs.get(epochs.size() - 1);
        var pairs = new LinkedHashMap<String, Object>();
        for (var p : recipe.pairs()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("bound", p.bound().type());
            entry.put("final_nats", last.meanPairNats().get(p.name()));
            entry.put("log_k", Bounds.create(p.bound().type(), p.bound().params()).logK(recipe.train().batch()));
            pairs.put(p.name(), entry);
        }
        var probe = new LinkedHashMap<String, Object>();
        var knn = new LinkedHashMap<String, Object>();
        for (var name : trained.keySet()) {
            if (trained.get(name).probe() != null) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("trained", trained.get(name).probeAccuracy());
                entry.put("random_init", randomInit.get(name).probeAccuracy());
                entry.put("l2", trained.get(name).probe().l2());
                entry.put("protocol", trained.get(name).probe().protocol());
                probe.put(name, entry);
            }
            if (trained.get(name).knn() != null) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("trained", trained.get(name).knn());
                entry.put("random_init", randomInit.get(name).knn());
                knn.put(name, entry);
            }
        }
        var retr = new LinkedHashMap<String, Object>();
        retrieval.forEach((k, v) -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("r1", v.recall().recallAt1());
            entry.put("r5", v.recall().recallAt5());
            entry.put("r10", v.recall().recallAt10());
            entry.put("queries", v.recall().queries());
            entry.put("label_r1", v.labelAt1());
            entry.put("label_chance", v.labelChance());
            retr.put(k, entry);
        });
        var eval = new LinkedHashMap<String, Object>();
        eval.put("linear_probe", probe);
        eval.put("knn", knn);
        eval.put("retrieval", retr);
        var synced = new LinkedHashMap<String, Object>();
        sync.forEach((k, v) -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("accuracy", v.accuracy());
            entry.put("n", v.n());
            synced.put(k, entry);
        });
        eval.put("sync", synced);
        double wait = epochs.stream().mapToDouble(EpochSummary::dataWaitSeconds).sum();
        double compute = epochs.stream().mapToDouble(EpochSummary::stepSeconds).sum();
        var s = new LinkedHashMap<String, Object>();
        s.put("recipe", recipe.name());
        s.put("recipe_hash", recipe.hash());
        s.put("wall_seconds", wallSeconds);
        s.put("steps", steps);
        s.put("epochs", epochs.size());
        s.put("pairs", pairs);
        s.put("eval", eval);
        s.put("data", Map.of("wait_fraction", wait / Math.max(1e-9, wait + compute), "bad_inputs", badInputs));
        s.put("warnings", warnings);
        return s;
    }

    /**
     * Watches every view's embedding std for collapse: below {@code 0.1/√D} (D its encoder's projection
     * width; an even spread gives about {@code 1/√D}) for {@value #STEPS} steps in a row, it warns once
     * per view, through the given printer and in {@link #warnings()}.
     */
    static final class CollapseWatch implements Consumer<StepMetrics> {
        static final int STEPS = 20;
        private final Map<String, String> encoderOfView = new LinkedHashMap<>();
        private final Map<String, Double> threshold = new LinkedHashMap<>();
        private final Map<String, Integer> below = new LinkedHashMap<>();
        private final java.util.Set<String> warned = new java.util.HashSet<>();
        private final List<String> warnings = new ArrayList<>();
        private final Consumer<String> printer;

        CollapseWatch(Recipe recipe, Consumer<String> printer) {
            this.printer = printer;
            for (var e : recipe.encoders().values()) {
                int width = e.hasProjection() ? e.projection() : e.dim();
                for (var view : e.views()) {
                    encoderOfView.put(view, e.name());
                    threshold.put(view, 0.1 / Math.sqrt(width));
                }
            }
        }

        @Override
        public void accept(StepMetrics m) {
            m.viewStd().forEach((view, std) -> {
                double limit = threshold.getOrDefault(view, 0.0);
                int run = std < limit ? below.getOrDefault(view, 0) + 1 : 0;
                below.put(view, run);
                if (run == STEPS && warned.add(view)) {
                    var line = String.format("warning: view '%s' (encoder '%s') looks collapsed: its embedding std "
                            + "stayed below %.4f (0.1/√D) for %d steps, %.5f at step %d", view, encoderOfView.get(view),
                            limit, STEPS, std, m.step());
                    warnings.add(line);
                    printer.accept(line);
                }
            });
        }

        /** The warnings given so far, in order. */
        List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
