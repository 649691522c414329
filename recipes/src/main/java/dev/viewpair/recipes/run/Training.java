package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.viewpair.datasets.loader.BadInput;
import dev.viewpair.datasets.loader.BatchLoader;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.Checkpoint;
import dev.viewpair.encoders.train.CheckpointSwap;
import dev.viewpair.encoders.train.EpochSummary;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.encoders.train.StepMetrics;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final boolean resume;
    /** The device names training runs on, and where they were written (for messages). */
    private List<String> devices;
    private String devicesKey = "train.devices";
    /** Where step metrics go besides metrics.jsonl: the progress bar, once it exists. */
    private Consumer<StepMetrics> onStep = m -> {};

    /** A fresh run of the recipe into {@code runDir}. */
    public Training(Recipe recipe, Path runDir, PrintStream out) {
        this(recipe, runDir, out, false);
    }

    private Training(Recipe recipe, Path runDir, PrintStream out, boolean resume) {
        this.recipe = recipe;
        this.runDir = runDir;
        this.out = out;
        this.resume = resume;
        this.devices = recipe.train().devices();
    }

    /**
     * Trains on these devices instead of the recipe's {@code train.devices} ({@code ./viewpair train --devices}); the
     * recipe and its hash stay as they are, so a run may be resumed on other devices.
     */
    public Training onDevices(List<String> devices) {
        this.devices = List.copyOf(devices);
        this.devicesKey = "--devices";
        return this;
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint; {@code recipe} is the one its {@code recipe.yaml}
     * holds. {@link #run()} refuses with {@link CannotResume} before changing anything when there is no readable
     * checkpoint or it was written by another recipe.
     */
    public static Training resuming(Recipe recipe, Path runDir, PrintStream out) {
        return new Training(recipe, runDir, out, true);
    }

    /** Why a run cannot be resumed: the message names the file and what to do. */
    public static final class CannotResume extends RuntimeException {
        CannotResume(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Training stopped on a non-finite value ({@code train.on_nonfinite: stop}, or too many skipped batches in a
     * row): the message adds the last good checkpoint and how to continue from it.
     */
    public static final class TrainingStopped extends RuntimeException {
        TrainingStopped(NonFiniteLossException cause, Path checkpoint, long step, Path runDir) {
            super(cause.getMessage() + (checkpoint == null
                    ? " — no checkpoint was written before it (train.checkpoint_every sets how often they are)"
                    : " — the last good checkpoint, " + checkpoint + " (step " + step + "), is kept: remove the cause "
                            + "and continue with ./viewpair train --resume " + runDir),
                    cause);
        }
    }

    /**
     * The last complete checkpoint of a run: {@code RUN/checkpoint}, or {@code RUN/checkpoint.old} when the run
     * stopped while a new checkpoint was being swapped in ({@link CheckpointSwap#find}); empty before the first.
     * What {@code train --resume} continues from and what {@code embed} loads.
     */
    public static Optional<Path> lastCheckpoint(Path runDir) {
        return CheckpointSwap.find(checkpointFolder(runDir));
    }

    /** Where a run writes its checkpoint. */
    private static Path checkpointFolder(Path runDir) {
        return runDir.resolve("checkpoint");
    }

    /** Where a resumed run starts: the checkpoint folder, its step and epoch, and the samples of the epoch consumed. */
    private record Start(Path folder, long step, int epoch, long sampleInEpoch) {
        static final Start FRESH = new Start(null, 0, 0, 0);
    }

    /** Runs the recipe (or continues it); returns the summary that was written to {@code summary.json}. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        var from = resume ? checkResumable() : Start.FRESH;
        var devices = RecipeTrainer.devices(recipe, this.devices, devicesKey); // before anything is written
        Files.createDirectories(runDir);
        if (!resume) {
            Files.writeString(runDir.resolve("recipe.yaml"), recipe.toYaml());
        }
        var data = DataPlan.of(recipe);
        out.printf("viewpair: %s — %s: %d train, %d test samples%n", recipe.name(), data.all().describe(),
                data.train().size(), data.test() == null ? 0 : data.test().size());

        // training makes only the views its pairs use; evaluation-only views are made by the evaluation
        var pairViews = new java.util.LinkedHashSet<String>();
        recipe.pairs().forEach(p -> pairViews.addAll(p.trainedViews()));
        var views = views(recipe, pairViews);
        var badInputs = badInputLog(runDir.resolve("bad_inputs.jsonl"), resume, recipe.dataset().failFast(),
                line -> Progress.println(out, line));
        var train = recipe.train();
        var collapse = new CollapseWatch(recipe, line -> Progress.println(out, line));
        var metricsFile = runDir.resolve("metrics.jsonl");
        var position = new DataPosition(from.epoch(), from.sampleInEpoch());
        var metricsHolder = new MetricsLog[1];
        try (var loader = BatchLoader.builder(data.train(), views).batchSize(train.batch()).workers(train.workers())
                        .seed(recipe.seed()).onBadInput(bad -> {
                            badInputs.add(bad);
                            position.bad();
                        }).build();
                var trainer = RecipeTrainer.build(recipe, devices, loader.batchesPerEpoch(), m -> {
                    metricsHolder[0].write(m.skipped() ? skippedRecord(m) : stepRecord(m));
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
            if (resume) {
                try {
                    trainer.load(from.folder());
                } catch (IOException | RuntimeException e) {
                    throw new CannotResume(from.folder() + " cannot be read (" + e.getMessage() + "); the checkpoint is "
                            + "damaged: start the run again with ./viewpair train " + runDir.resolve("recipe.yaml")
                            + " --out " + runDir, e);
                }
                var kept = keptRecords(metricsFile, from, train.checkpointEvery());
                kept.stream().filter(r -> "step".equals(r.get("type"))).forEach(collapse::replay);
                kept.stream().filter(r -> "epoch".equals(r.get("type"))).forEach(r -> summaries.add(epochSummary(r)));
                metricsHolder[0] = MetricsLog.continuing(metricsFile, kept);
                out.printf("resuming at step %d (epoch %d) from %s%n", from.step(), from.epoch() + 1, from.folder());
            } else {
                metricsHolder[0] = new MetricsLog(metricsFile);
            }
            try (var metrics = metricsHolder[0]) {
                long total = (long) train.epochs() * loader.batchesPerEpoch();
                var records = metricsHolder[0].records();
                // a final checkpoint (not a periodic one) is written again, and its line, after the last epoch's
                boolean lineKept = !records.isEmpty() && "checkpoint".equals(records.get(records.size() - 1).get("type"));
                long[] lastCheckpoint = {resume && lineKept ? from.step() : -1};
                Runnable checkpoint = () -> {
                    saveCheckpoint(trainer, runDir, recipe.hash(), position);
                    metrics.write(Map.of("type", "checkpoint", "step", trainer.step()));
                    lastCheckpoint[0] = trainer.step();
                };
                try (var bar = Progress.bar("train", total, "steps", from.step())) {
                    int every = train.checkpointEvery();
                    onStep = m -> {
                        bar.stepTo(m.step() + 1).setExtraMessage(barMessage(m));
                        if (m.skipped()) {
                            Progress.println(out, "skipped step " + m.step() + ": " + m.skipReason());
                        }
                        if (every > 0 && (m.step() + 1) % every == 0) {
                            checkpoint.run();
                        }
                    };
                    for (int epoch = from.epoch(); epoch < train.epochs(); epoch++) {
                        long skip = epoch == from.epoch() ? from.sampleInEpoch() : 0;
                        var batches = position.epoch(epoch, skip, LoaderBatches.of(loader.epoch(epoch, skip)));
                        var summary = trainer.trainEpoch(epoch, batches);
                        summaries.add(summary);
                        metrics.write(epochRecord(summary));
                        Progress.println(out, epochLine(summary, train.epochs(), train.batch()));
                    }
                } catch (NonFiniteLossException e) {
                    var kept = lastCheckpoint[0] < 0 ? null : lastCheckpoint(runDir).orElse(null);
                    throw new TrainingStopped(e, kept, lastCheckpoint[0], runDir);
                }
                if (lastCheckpoint[0] != trainer.step()) {
                    checkpoint.run();
                }

                var trained = evaluation.classifyAll(runDir);
                var retrieval = evaluation.retrievalAll();
                var sync = evaluation.syncAll();
                var summary = summary(summaries, trainer.step(), trainer.skippedBatches(),
                        (System.nanoTime() - start) / 1e9, randomInit, trained, retrieval, sync, badInputs.count(),
                        collapse.warnings());
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
    }

    /** Where the training loader stands in the epoch's sample order, bad samples included, for checkpoints. */
    private static final class DataPosition {
        private int epoch;
        private long consumed;

        DataPosition(int epoch, long consumed) {
            this.epoch = epoch;
            this.consumed = consumed;
        }

        /** The epoch's batches, counted as the trainer takes them. */
        Iterator<BatchData> epoch(int e, long from, Iterator<BatchData> batches) {
            synchronized (this) {
                epoch = e;
                consumed = from;
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return batches.hasNext();
                }

                @Override
                public BatchData next() {
                    var batch = batches.next();
                    synchronized (DataPosition.this) {
                        consumed += batch.size();
                    }
                    return batch;
                }
            };
        }

        /**
         * A bad sample was passed over. The loader reports it on the consuming thread while it assembles the
         * next batch, so a checkpoint taken after a step counts exactly the bad samples before that step's batch
         * ended.
         */
        synchronized void bad() {
            consumed++;
        }

        synchronized Map<String, String> describe() {
            return Map.of("data.epoch", Integer.toString(epoch), "data.sample_in_epoch", Long.toString(consumed));
        }
    }

    /**
     * Finds the checkpoint to resume from and checks it against the run's recipe, before anything is written.
     *
     * @throws CannotResume naming the file and what to do
     */
    private Start checkResumable() {
        var recipeFile = runDir.resolve("recipe.yaml");
        var folder = lastCheckpoint(runDir).orElseThrow(() -> new CannotResume(
                runDir + " has no checkpoint (" + checkpointFolder(runDir).resolve("checkpoint.properties")
                        + " is missing): the run stopped before its first one. Start it again with ./viewpair train "
                        + recipeFile + " --out " + runDir + " (train.checkpoint_every sets how often they are written)",
                null));
        Checkpoint.Info info;
        try {
            info = Checkpoint.read(folder);
        } catch (IOException e) {
            throw new CannotResume(e.getMessage() + "; the checkpoint is unreadable: start the run again with ./viewpair "
                    + "train " + recipeFile + " --out " + runDir, e);
        }
        String written = info.extra().get("recipe_hash");
        if (!recipe.hash().equals(written)) {
            throw new CannotResume("the checkpoint " + folder + " was written by the recipe with hash " + written
                    + ", but " + recipeFile + " (the run's recipe) now has hash " + recipe.hash()
                    + ": the recipe was changed after the run started. Restore it, or start a new run in another folder",
                    null);
        }
        try {
            int epoch = Integer.parseInt(info.extra().getOrDefault("data.epoch", "0"));
            long sample = Long.parseLong(info.extra().getOrDefault("data.sample_in_epoch", "0"));
            return new Start(folder, info.step(), epoch, sample);
        } catch (NumberFormatException e) {
            throw new CannotResume(folder.resolve("checkpoint.properties") + " is damaged (" + e.getMessage()
                    + "): start the run again with ./viewpair train " + recipeFile + " --out " + runDir, e);
        }
    }

    /**
     * The records of {@code metrics.jsonl} written before the checkpoint: its steps, the epochs before its epoch,
     * the checkpoint lines up to it; a line cut short by the crash and everything after the checkpoint are
     * dropped. A periodic checkpoint's line (written right after its step's) is added when the crash came before
     * it was written; the final checkpoint's line follows the last epoch's and is written again after it.
     */
    private static List<Map<String, Object>> keptRecords(Path file, Start from, int every) throws IOException {
        var kept = new ArrayList<Map<String, Object>>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Map<String, Object> r;
                try {
                    r = MetricsLog.parse(line);
                } catch (IOException e) {
                    break; // the line the kill cut short
                }
                long step = r.get("step") instanceof Number n ? n.longValue() : -1;
                boolean before = switch (String.valueOf(r.get("type"))) {
                    case "step", "skipped" -> step < from.step();
                    case "checkpoint" -> step <= from.step();
                    case "epoch" -> r.get("epoch") instanceof Number e && e.intValue() < from.epoch();
                    default -> true;
                };
                if (!before) {
                    break;
                }
                kept.add(r);
            }
        }
        var last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        boolean periodic = every > 0 && from.step() % every == 0;
        if (periodic && (last == null || !"checkpoint".equals(last.get("type")))) {
            kept.add(Map.of("type", "checkpoint", "step", from.step()));
        }
        return kept;
    }

    /** The bad-input log, keeping (on resume) what the run reported before. */
    private static BadInputLog badInputLog(Path file, boolean resume, boolean failFast, Consumer<String> notice)
            throws IOException {
        var earlier = resume && Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
        var log = new BadInputLog(file, failFast, notice);
        for (String line : earlier) {
            try {
                var r = MetricsLog.parse(line);
                log.restore(new BadInput(String.valueOf(r.get("id")), String.valueOf(r.get("file")),
                        String.valueOf(r.get("reason"))));
            } catch (IOException e) {
                break; // cut short by the crash
            }
        }
        return log;
    }

    /**
     * Writes {@code checkpoint/} atomically (see {@link SharedTrainer#save(Path, Map)}) with the recipe's hash and
     * the loader's position in the epoch.
     */
    private static void saveCheckpoint(SharedTrainer trainer, Path runDir, String recipeHash, DataPosition position) {
        var extra = new LinkedHashMap<String, String>(position.describe());
        extra.put("recipe_hash", recipeHash);
        try {
            trainer.save(checkpointFolder(runDir), extra);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + runDir, e);
        }
    }

    /** The view making of a subset of the recipe's views or member views (same names, so the same random streams): {@link DataPlan#views}. */
    static SampleViews views(Recipe recipe, java.util.Collection<String> names) {
        return DataPlan.views(recipe, names);
    }

    private static String barMessage(StepMetrics m) {
        var sb = new StringBuilder(String.format("loss %.3f", m.loss()));
        m.pairNats().forEach((k, v) -> sb.append(String.format(" %s %.2f", k, v)));
        return sb.toString();
    }

    private String epochLine(EpochSummary s, int epochs, int batch) {
        var sb = new StringBuilder(String.format("epoch %d/%d  loss %.3f ", s.epoch() + 1, epochs, s.meanLoss()));
        var ceilings = new LinkedHashMap<String, Double>();
        recipe.pairs().forEach(p -> ceilings.put(p.name(), ceiling(p, batch)));
        s.meanPairNats().forEach((k, v) -> {
            double logK = ceilings.getOrDefault(k, Double.POSITIVE_INFINITY);
            // NWJ, DV, MINE and the upper bounds have no log K ceiling
            sb.append(Double.isFinite(logK) ? String.format(" | %s %.2f / %.2f nats", k, v, logK)
                    : String.format(" | %s %.2f nats", k, v));
        });
        double wait = s.dataWaitSeconds() / Math.max(1e-9, s.dataWaitSeconds() + s.stepSeconds());
        sb.append(String.format(" | data wait %.0f%%", 100 * wait));
        return sb.toString();
    }

    /** The most the pair's bound can report for a batch: log K for InfoNCE, log 2K with hard negatives. */
    private static double ceiling(PairDecl p, int batch) {
        return Bounds.create(p.bound().type(), p.bound().params()).logK(batch, p.negatives().isPresent());
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
        r.put("grad_norm", m.gradNorm());
        r.put("pairs", pairs);
        r.put("views", views);
        r.put("data_wait_s", m.dataWaitSeconds());
        r.put("step_s", m.stepSeconds());
        return r;
    }

    private static Map<String, Object> skippedRecord(StepMetrics m) {
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "skipped");
        r.put("epoch", m.epoch());
        r.put("step", m.step());
        r.put("lr", m.learningRate());
        r.put("reason", m.skipReason());
        return r;
    }

    /** An epoch record read back from metrics.jsonl (a resumed run's earlier epochs). */
    @SuppressWarnings("unchecked")
    private static EpochSummary epochSummary(Map<String, Object> r) {
        var nats = new LinkedHashMap<String, Double>();
        ((Map<String, Object>) r.get("mean_pair_nats")).forEach((k, v) -> nats.put(k, ((Number) v).doubleValue()));
        return new EpochSummary(((Number) r.get("epoch")).intValue(), ((Number) r.get("steps")).longValue(),
                ((Number) r.get("mean_loss")).doubleValue(), nats, ((Number) r.get("data_wait_s")).doubleValue(),
                ((Number) r.get("step_s")).doubleValue(),
                r.get("skipped") instanceof Number n ? n.longValue() : 0);
    }

    private static Map<String, Object> epochRecord(EpochSummary s) {
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "epoch");
        r.put("epoch", s.epoch());
        r.put("steps", s.steps());
        r.put("mean_loss", s.meanLoss());
        r.put("mean_pair_nats", s.meanPairNats());
        r.put("skipped", s.skipped());
        r.put("data_wait_s", s.dataWaitSeconds());
        r.put("step_s", s.stepSeconds());
        return r;
    }

    private Map<String, Object> summary(List<EpochSummary> epochs, long steps, long skipped, double wallSeconds,
            Map<String, Evaluation.Classified> randomInit, Map<String, Evaluation.Classified> trained,
            Map<String, Evaluation.Retrieved> retrieval,
            Map<String, Evaluation.Synced> sync, long badInputs, List<String> warnings) {
        var last = epochs.get(epochs.size() - 1);
        var pairs = new LinkedHashMap<String, Object>();
        for (var p : recipe.pairs()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("bound", p.bound().type());
            entry.put("final_nats", last.meanPairNats().get(p.name()));
            entry.put("log_k", ceiling(p, recipe.train().batch()));
            p.negatives().ifPresent(view -> entry.put("hard_negatives", view));
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
        s.put("skipped_batches", skipped);
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
                    var line = warning(view, std, m.step());
                    warnings.add(line);
                    printer.accept(line);
                }
            });
        }

        private String warning(String view, double std, long step) {
            return String.format("warning: view '%s' (encoder '%s') looks collapsed: its embedding std stayed below "
                    + "%.4f (0.1/√D) for %d steps, %.5f at step %d", view, encoderOfView.get(view),
                    threshold.get(view), STEPS, std, step);
        }

        /** Takes a step record of an earlier part of the run (resuming) as if it were happening now, silently. */
        @SuppressWarnings("unchecked")
        void replay(Map<String, Object> stepRecord) {
            var std = new LinkedHashMap<String, Double>();
            ((Map<String, Map<String, Object>>) stepRecord.get("views")).forEach((view, v) ->
                    std.put(view, ((Number) v.get("std")).doubleValue()));
            long step = ((Number) stepRecord.get("step")).longValue();
            std.forEach((view, value) -> {
                int run = value < threshold.getOrDefault(view, 0.0) ? below.getOrDefault(view, 0) + 1 : 0;
                below.put(view, run);
                if (run == STEPS && warned.add(view)) {
                    warnings.add(warning(view, value, step));
                }
            });
        }

        /** The warnings given so far, in order. */
        List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
