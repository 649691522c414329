package dev.viewpair.encoders.estimate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The pair estimator on known-MI tasks ({@link MiTasks}): on each task's rows, the trained critic
 * ({@link PairEstimator}, default options: cross-fitted) with each of the options' marginal transforms (by default
 * only {@link PairEstimator#DEFAULT_TRANSFORM}), and KSG on standardized
 * columns and on the default transform's scores, next to the true MI. Where the estimator reads the log ratio
 * ({@link PairEstimator.Readout}), the first transform's critics are also read by their bound, a column of its own (the
 * same critics, so the two read-outs compare without the training's luck between them). The summary gives each
 * method's mean absolute error over the table and, per transform, on how many Student-t tasks the
 * 95% interval holds the truth; the default transform ({@link PairEstimator#DEFAULT_TRANSFORM}) is the
 * one with the lowest error here.
 *
 * <p>Run from the command line ({@code docs/bounds.md} shows the table of a default run):
 * <pre>./viewpair estimate benchmark --out folder [--rows N] [--tasks a,b,…] [--transforms none,rank,…] [--folds K] [--seed S]</pre>
 */
public final class MiBenchmark {
    private MiBenchmark() {}

    /**
     * What to run.
     *
     * @param tasks the tasks, each sampled with seed {@code seed·1000 + its position}
     * @param rows rows drawn per task (each estimate cross-fits them: {@link PairEstimator.Options#folds()})
     * @param transforms the critic's transforms, one estimate each
     * @param estimator the critic's options (its transform is replaced by each of {@code transforms})
     * @param seed seeds the tasks' rows
     */
    public record Options(List<MiTask> tasks, int rows, List<MarginalTransform> transforms,
            PairEstimator.Options estimator, long seed) {
        public Options {
            tasks = List.copyOf(tasks);
            transforms = List.copyOf(transforms);
            if (tasks.isEmpty() || transforms.isEmpty()) {
                throw new IllegalArgumentException("the benchmark needs at least one task and one transform");
            }
            if (rows < 16) {
                throw new IllegalArgumentException("the benchmark needs at least 16 rows per task, got " + rows);
            }
        }

        /**
         * Every standard task, 10 000 rows, the default transform (the others on request: each transform costs a
         * cross-fitted estimate per task), the estimator's defaults, seed 1.
         */
        public static Options defaults() {
            return new Options(MiTasks.standard(), 10_000, List.of(PairEstimator.DEFAULT_TRANSFORM),
                    PairEstimator.Options.defaults(), 1);
        }

        public Options withTasks(List<MiTask> newTasks) {
            return new Options(newTasks, rows, transforms, estimator, seed);
        }

        public Options withRows(int newRows) {
            return new Options(tasks, newRows, transforms, estimator, seed);
        }

        public Options withTransforms(List<MarginalTransform> newTransforms) {
            return new Options(tasks, rows, newTransforms, estimator, seed);
        }

        public Options withEstimator(PairEstimator.Options newEstimator) {
            return new Options(tasks, rows, transforms, newEstimator, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(tasks, rows, transforms, estimator, newSeed);
        }

        /** Estimates per task: one per transform and two KSG. */
        public int estimatesPerTask() {
            return transforms.size() + 2;
        }
    }

    /**
     * One task's row of the table.
     *
     * @param task the task
     * @param critic one estimate per transform, in the options' order
     * @param boundReadout the bound read-out of the first transform's critics, where the options read the log ratio
     *     ({@link PairEstimator.Readout}: both come from the same critics), else null
     * @param ksg KSG (k = 3) on standardized columns
     * @param ksgTransformed KSG on the default transform's scores (fitted on all rows)
     */
    public record Row(MiTask task, List<PairEstimator.Estimate> critic, PairEstimator.Estimate boundReadout, double ksg,
            double ksgTransformed) {}

    /**
     * @param options what ran
     * @param rows one per task
     * @param seconds wall-clock time
     */
    public record Result(Options options, List<Row> rows, double seconds) {
        /** The mean absolute error of the critic with the transform at this position of the options' list. */
        public double criticMae(int transform) {
            return mae(r -> r.critic().get(transform));
        }

        /** The mean absolute error of the bound read-out (see {@link Row#boundReadout()}); NaN where there is none. */
        public double boundReadoutMae() {
            return hasBoundReadout() ? mae(Row::boundReadout) : Double.NaN;
        }

        private boolean hasBoundReadout() {
            return rows.stream().allMatch(r -> r.boundReadout() != null);
        }

        private double mae(Function<Row, PairEstimator.Estimate> estimate) {
            return rows.stream().mapToDouble(r -> Math.abs(estimate.apply(r).miNats() - r.task().trueMi()))
                    .average().orElse(Double.NaN);
        }

        public double ksgMae(boolean transformed) {
            return rows.stream().mapToDouble(r -> Math.abs((transformed ? r.ksgTransformed() : r.ksg()) - r.task().trueMi()))
                    .average().orElse(Double.NaN);
        }

        /** How many Student-t tasks there are, and on how many the transform's interval holds the truth. */
        public int[] studentTCoverage(int transform) {
            return coverage(r -> r.critic().get(transform));
        }

        /** {@link #studentTCoverage} of the bound read-out. */
        public int[] boundReadoutCoverage() {
            return coverage(Row::boundReadout);
        }

        private int[] coverage(Function<Row, PairEstimator.Estimate> estimate) {
            int tasks = 0;
            int covered = 0;
            for (Row row : rows) {
                if (row.task().family().equals("student-t")) {
                    tasks++;
                    var e = estimate.apply(row);
                    if (e.ci95Low() <= row.task().trueMi() && row.task().trueMi() <= e.ci95High()) {
                        covered++;
                    }
                }
            }
            return new int[] {tasks, covered};
        }

        /**
         * Writes {@code mi-tasks.csv} (one line per task and method: task, family, dims, true_mi, method,
         * estimate, ci95_low, ci95_high, error, detail: how the critic was trained) and {@code mi-tasks.md} (the table and its summary).
         */
        public List<Path> write(Path folder) throws IOException {
            Files.createDirectories(folder);
            var csv = new StringBuilder("task,family,dims,true_mi,method,estimate,ci95_low,ci95_high,error,detail\n");
            for (Row row : rows) {
                var t = row.task();
                String head = String.join(",", t.name(), t.family(), t.dimX() + "x" + t.dimY(), num(t.trueMi())) + ",";
                for (int i = 0; i < row.critic().size(); i++) {
                    var e = row.critic().get(i);
                    csv.append(head).append(String.join(",", "critic-" + options.transforms().get(i).label(),
                            num(e.miNats()), num(e.ci95Low()), num(e.ci95High()), num(e.miNats() - t.trueMi()), '"' + e.method() + '"'))
                            .append('\n');
                }
                var b = row.boundReadout();
                if (b != null) {
                    csv.append(head).append(String.join(",", "critic-" + options.transforms().get(0).label() + "-bound-readout",
                            num(b.miNats()), num(b.ci95Low()), num(b.ci95High()), num(b.miNats() - t.trueMi()), '"' + b.method() + '"'))
                            .append('\n');
                }
                csv.append(head).append(String.join(",", "ksg-none", num(row.ksg()), "", "", num(row.ksg() - t.trueMi()), ""))
                        .append('\n');
                csv.append(head).append(String.join(",", "ksg-" + PairEstimator.DEFAULT_TRANSFORM.label(),
                        num(row.ksgTransformed()), "", "", num(row.ksgTransformed() - t.trueMi()), "")).append('\n');
            }
            var files = List.of(folder.resolve("mi-tasks.csv"), folder.resolve("mi-tasks.md"));
            Files.writeString(files.get(0), csv);
            Files.writeString(files.get(1), markdown());
            return files;
        }

        /** The table (estimate, 95% interval and error per transform; KSG) and the summary, as Markdown. */
        public String markdown() {
            var o = options;
            var e = o.estimator();
            var out = new StringBuilder(String.format(Locale.ROOT, "Known-MI tasks: %d rows each, %d-fold cross-fitting "
                            + "(each fold held out once, read by a critic trained on the other %d), critic %s on %s, at most "
                            + "%d steps of %d at lr %s, %s read-out, seed %d; %.0f s.%n%n",
                    o.rows(), e.folds(), e.folds() - 1, e.bounds().get(0), e.critic(), e.steps(), e.batch(),
                    e.learningRate(), e.readout().label(), o.seed(), seconds));
            boolean bounds = hasBoundReadout();
            out.append("| task | dims | true MI |");
            for (var t : o.transforms()) {
                out.append(' ').append(t.label()).append(t == PairEstimator.DEFAULT_TRANSFORM ? " (default)" : "")
                        .append(" (95% CI) | error |");
            }
            if (bounds) {
                out.append(" ").append(o.transforms().get(0).label()).append(", bound read-out (95% CI) | error |");
            }
            out.append(" KSG | KSG, ").append(PairEstimator.DEFAULT_TRANSFORM.label()).append(" |\n|---|---|---:|")
                    .append("---:|---:|".repeat(o.transforms().size() + (bounds ? 1 : 0))).append("---:|---:|\n");
            for (Row row : rows) {
                var t = row.task();
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f |", t.name(), t.dims(), t.trueMi()));
                var shown = new ArrayList<>(row.critic());
                if (bounds) {
                    shown.add(row.boundReadout());
                }
                for (var estimate : shown) {
                    boolean covers = estimate.ci95Low() <= t.trueMi() && t.trueMi() <= estimate.ci95High();
                    out.append(String.format(Locale.ROOT, " %.3f (%.3f, %.3f)%s | %+.3f |", estimate.miNats(),
                            estimate.ci95Low(), estimate.ci95High(), covers ? "" : " ✗", estimate.miNats() - t.trueMi()));
                }
                out.append(String.format(Locale.ROOT, " %.3f | %.3f |%n", row.ksg(), row.ksgTransformed()));
            }
            out.append("\n✗: the 95% interval misses the true MI.\n\n| method | mean absolute error | Student-t intervals "
                    + "holding the truth |\n|---|---:|---:|\n");
            for (int i = 0; i < o.transforms().size(); i++) {
                int[] coverage = studentTCoverage(i);
                out.append(String.format(Locale.ROOT, "| critic, %s | %.3f | %d of %d |%n", o.transforms().get(i).label(),
                        criticMae(i), coverage[1], coverage[0]));
            }
            if (bounds) {
                int[] coverage = boundReadoutCoverage();
                out.append(String.format(Locale.ROOT, "| critic, %s, bound read-out | %.3f | %d of %d |%n",
                        o.transforms().get(0).label(), boundReadoutMae(), coverage[1], coverage[0]));
            }
            out.append(String.format(Locale.ROOT, "| KSG | %.3f | — |%n| KSG, %s | %.3f | — |%n", ksgMae(false),
                    PairEstimator.DEFAULT_TRANSFORM.label(), ksgMae(true)));
            return out.toString();
        }
    }

    /** Runs the benchmark. */
    public static Result run(Options options) {
        return run(options, done -> {});
    }

    /**
     * Runs the benchmark.
     *
     * @param progress called after each estimate with the number done ({@code tasks ×
     *     estimatesPerTask} in all)
     */
    public static Result run(Options options, IntConsumer progress) {
        long start = System.nanoTime();
        var rows = new ArrayList<Row>();
        int done = 0;
        for (int i = 0; i < options.tasks().size(); i++) {
            MiTask task = options.tasks().get(i);
            float[][][] xy = task.sample(options.rows(), options.seed() * 1000 + i);
            var critic = new ArrayList<PairEstimator.Estimate>();
            PairEstimator.Estimate boundReadout = null;
            for (var transform : options.transforms()) {
                var estimator = options.estimator().withTransform(transform);
                if (critic.isEmpty() && estimator.readout() != PairEstimator.Readout.BOUND) {
                    var both = PairEstimator.estimateReadouts(xy[0], xy[1], estimator);
                    critic.add(both.get(estimator.readout()));
                    boundReadout = both.get(PairEstimator.Readout.BOUND);
                } else {
                    critic.add(PairEstimator.estimate(xy[0], xy[1], estimator));
                }
                progress.accept(++done);
            }
            double ksg = Ksg.estimate(xy[0], xy[1]);
            progress.accept(++done);
            var transform = PairEstimator.DEFAULT_TRANSFORM;
            double ksgTransformed = Ksg.estimate(transform.fit(xy[0]).applyRows(xy[0]), transform.fit(xy[1]).applyRows(xy[1]));
            progress.accept(++done);
            rows.add(new Row(task, List.copyOf(critic), boundReadout, ksg, ksgTransformed));
        }
        return new Result(options, rows, (System.nanoTime() - start) / 1e9);
    }

    private static String num(double value) {
        return Double.toString(value);
    }
}
