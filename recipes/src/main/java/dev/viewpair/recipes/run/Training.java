package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.viewpair.datasets.loader.BatchLoader;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.encoders.train.StepMetrics;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * {@code report.html} (rewritten while training, {@code train.report_every}).
 */
public final class Training {
    /** The epoch number evaluation draws its views with: fixed, so every evaluation sees the same views. */
    static final int EVAL_EPOCH = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Recipe recipe;
    private final Path runDir;
    private final PrintStream out;
    private final boolean resume;
    /** Whether a fresh run deletes the run in its folder when it starts writing ({@link #replacing()}). */
    private boolean replace;
    /** The device names training runs on, and where they were written (for messages). */
    private List<String> devices;
    private String devicesKey = "train.devices";
    /** How the training loader makes its views, for what they report at the end (anchors on onsets). */
    private SampleViews trainingViews;
    /** The catalogues the run opens its data, makes its views, builds its trainer and writes its recipe with. */
    private Families families = Families.standard();
    /** Called after each step. */
    private Consumer<StepMetrics> onStep = m -> { };

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
     * A fresh run that replaces the run in its folder ({@code ./viewpair train --overwrite}): the folder's files are
     * deleted when the run starts writing, after the checks that need nothing written (the devices).
     */
    public Training replacing() {
        if (resume) {
            throw new IllegalStateException("a resumed run continues the run in its folder: it replaces nothing");
        }
        this.replace = true;
        return this;
    }

    /** What a run writes first or keeps longest: any of them in a folder means that it holds a run. */
    private static final List<String> RUN_FILES = List.of("recipe.yaml", "metrics.jsonl", "checkpoint", "checkpoint.old");

    /** Whether {@code dir} holds a run: its recipe, its metrics or a checkpoint. */
    public static boolean holdsRun(Path dir) {
        return RUN_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)));
    }

    /** The run files {@code dir} holds, for messages: {@code recipe.yaml, metrics.jsonl, checkpoint}. */
    public static String runFiles(Path dir) {
        return String.join(", ", RUN_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList());
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
     * Runs with these families instead of the standard ones: those the recipe was loaded against
     * ({@code new RecipeLoader(families)}), so that a member added to a family opens, builds and writes as it validated.
     */
    public Training with(Families families) {
        this.families = Objects.requireNonNull(families, "families");
        return this;
    }

    /**
     * Calls {@code listener} on the training thread after each step, once the step's record, a checkpoint due and a
     * report due are under way: training waits for it. To watch a run from Java (its metrics.jsonl and report.html
     * as they grow).
     */
    public Training onStep(Consumer<StepMetrics> listener) {
        this.onStep = Objects.requireNonNull(listener, "listener");
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
     * stopped while a new checkpoint was being swapped in ({@link RunCheckpoints#last}); empty before the first.
     * What {@code train --resume} continues from and what {@code embed} loads.
     */
    public static Optional<Path> lastCheckpoint(Path runDir) {
        return RunCheckpoints.last(runDir);
    }

    /** Runs the recipe (or continues it); returns the summary that was written to {@code summary.json}. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        var from = resume ? Resume.check(recipe, runDir) : Resume.FRESH;
        var devices = RecipeTrainer.devices(recipe, this.devices, devicesKey); // before anything is written
        startFolder();
        var data = planData();
        var badInputs = from.badInputLog(runDir.resolve("bad_inputs.jsonl"), recipe.dataset().failFast(), this::println);
        var position = new DataPosition(from.epoch(), from.sampleInEpoch());
        try (var loader = loader(data, badInputs, position);
                var trainer = RecipeTrainer.build(families, recipe, devices, loader.batchesPerEpoch(), from.resuming())) {
            checkOneBatch(loader, data);
            var evaluation = new Evaluation(families, recipe, data, badInputs, trainer);
            var randomInit = evaluation.classifyAll(null); // the same classifiers on the encoders before any update
            try (var records = records(trainer, from)) {
                // a warning goes into the records too, for a report written before the summary
                var collapse = new CollapseWatch(recipe, trainer::encoder, line -> {
                    println(line);
                    records.warning(line);
                });
                records.all().stream().filter(r -> "step".equals(r.get("type"))).forEach(collapse::replay);
                train(trainer, loader, from, position, records, collapse);
                var evaluated = new RunSummary.Evaluated(randomInit, evaluation.classifyAll(runDir),
                        evaluation.retrievalAll(), evaluation.syncAll(runDir));
                var onsets = trainingViews instanceof DecodedViews decoded ? decoded.onsetTally() : null;
                if (onsets != null && onsets.fellBack() > 0) {
                    println(onsets.fellBack() + " of " + (onsets.placed() + onsets.fellBack()) + " anchors found no onset"
                            + " in their sample's sound and were drawn uniformly instead (summary.json: data.onsets)");
                }
                var summary = RunSummary.of(families, recipe, records.epochs(), trainer.step(), trainer.skippedBatches(),
                        (System.nanoTime() - start) / 1e9, evaluated, badInputs.count(), collapse.warnings(),
                        RunSummary.ceilings(families, recipe, records.all()), onsets);
                write(summary, records, evaluated, evaluation.localize(runDir), badInputs);
                return summary;
            }
        }
    }

    /** The run folder, with the resolved recipe in a new run; emptied first when the run replaces another. */
    private void startFolder() throws IOException {
        if (replace && Files.isDirectory(runDir)) {
            try (var all = Files.walk(runDir)) {
                for (var p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(runDir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(runDir);
        if (!resume) {
            Files.writeString(runDir.resolve("recipe.yaml"), recipe.toYaml());
        }
    }

    /** The dataset and its splits. */
    private DataPlan planData() throws IOException {
        var data = DataPlan.of(families, recipe);
        out.printf("viewpair: %s — %s: %d train, %d test samples%n", recipe.name(), data.all().describe(),
                data.train().size(), data.test() == null ? 0 : data.test().size());
        return data;
    }

    /**
     * The training split's loader, making only the views the pairs use (evaluation-only views are made by the
     * evaluation); bad samples are listed and counted in the data position.
     */
    private BatchLoader loader(DataPlan data, BadInputLog badInputs, DataPosition position) {
        var pairViews = new LinkedHashSet<String>();
        recipe.pairs().forEach(p -> pairViews.addAll(p.trainedViews()));
        var train = recipe.train();
        trainingViews = DataPlan.views(families, recipe, pairViews);
        return BatchLoader.builder(data.train(), trainingViews).batchSize(train.batch())
                .workers(train.workers()).seed(recipe.seed()).onBadInput(bad -> {
                    badInputs.add(bad);
                    position.bad();
                }).build();
    }

    private void checkOneBatch(BatchLoader loader, DataPlan data) {
        if (loader.batchesPerEpoch() < 1) {
            throw new IllegalArgumentException("the train split has " + data.train().size()
                    + " samples, fewer than one batch of " + recipe.train().batch() + " — lower train.batch or add data");
        }
    }

    /** A new run's records, or a resumed run's: its checkpoint loaded, the records up to it kept. */
    private RunRecords records(SharedTrainer trainer, Resume from) throws IOException {
        var file = runDir.resolve("metrics.jsonl");
        if (!from.resuming()) {
            return RunRecords.fresh(file);
        }
        from.load(trainer, runDir);
        var kept = from.keptRecords(file, recipe.train().checkpointEvery());
        var records = RunRecords.continuing(file, kept);
        out.printf("resuming at step %d (epoch %d) from %s%n", from.step(), from.epoch() + 1, from.folder());
        return records;
    }

    /**
     * The epochs from where the run starts, a step at a time: the plan first (in a new run); after each step its record,
     * the collapse watch, the progress bar and, when due, a checkpoint and the report in progress; after each epoch its
     * record; the report of every step and the final checkpoint at the end.
     *
     * @throws TrainingStopped when a non-finite value stopped training
     */
    private void train(SharedTrainer trainer, BatchLoader loader, Resume from, DataPosition position, RunRecords records,
            CollapseWatch collapse) {
        var train = recipe.train();
        // a final checkpoint (not a periodic one) is written again, and its line, after the last epoch's
        var checkpoints = new RunCheckpoints(trainer, runDir, recipe.hash(), position, records,
                train.checkpointEvery(), from.resuming() && records.endsWithCheckpoint() ? from.step() : -1);
        long total = (long) train.epochs() * loader.batchesPerEpoch();
        if (!from.resuming()) {
            records.plan(total);
        }
        try (var bar = Progress.bar("train", total, "steps", from.step());
                var live = new LiveReport(recipe, runDir, this::println)) {
            for (int epoch = from.epoch(); epoch < train.epochs(); epoch++) {
                long skip = epoch == from.epoch() ? from.sampleInEpoch() : 0;
                var batches = loader.epoch(epoch, skip);
                position.start(epoch, skip);
                var steps = trainer.steps(epoch, LoaderBatches.of(batches, position::took));
                while (steps.hasNext()) {
                    var m = steps.next();
                    records.step(m);
                    collapse.accept(m);
                    Progress.message(bar.stepTo(m.step() + 1), TrainingLines.bar(m));
                    if (m.skipped()) {
                        println("skipped step " + m.step() + ": " + m.skipReason());
                    }
                    checkpoints.afterStep(m.step());
                    live.afterStep(m.step(), records.all());
                    onStep.accept(m);
                }
                var summary = steps.summary();
                records.epoch(summary);
                println(TrainingLines.epoch(recipe, summary, RunSummary.ceilings(families, recipe, records.all())));
            }
            live.trained(records.all());
        } catch (NonFiniteLossException e) {
            throw checkpoints.stopped(e);
        }
        checkpoints.atEnd();
    }

    /**
     * {@code summary.json}, the plots, {@code report.html} and the console's table.
     *
     * @param localization the localization pictures drawn ({@link Localization})
     */
    private void write(Map<String, Object> summary, RunRecords records, RunSummary.Evaluated evaluated,
            List<Path> localization, BadInputLog badInputs) throws IOException {
        JSON.writeValue(runDir.resolve("summary.json").toFile(), summary);
        var maps = new ArrayList<>(evaluated.trained().values().stream().map(Evaluation.Classified::map)
                .filter(Objects::nonNull).toList());
        maps.addAll(localization);
        RunReport.finished(summary, recipe.toYaml(), records.all(), maps, runDir);
        out.print(Report.table(summary));
        if (badInputs.count() > 0) {
            out.println("skipped " + badInputs.count() + " unreadable file" + (badInputs.count() == 1 ? "" : "s")
                    + " (dataset.on_bad_input: skip) — the list, with reasons: " + badInputs.file());
        }
        out.println("run folder: " + runDir);
    }

    /** A line above the progress bar. */
    private void println(String line) {
        Progress.println(out, line);
    }
}
