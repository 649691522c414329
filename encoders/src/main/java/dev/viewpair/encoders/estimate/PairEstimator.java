package dev.viewpair.encoders.estimate;

import ai.djl.ndarray.NDManager;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.encoders.train.SharedTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The MI between two arrays of paired rows, by trained critics, cross-fitted: the rows are shuffled and cut in k folds
 * ({@link Options#folds()}, by default {@link #DEFAULT_FOLDS}); for each fold, every column goes through a
 * {@link MarginalTransform} fitted on the other k − 1 folds (by default {@link #DEFAULT_TRANSFORM}; {@code none}
 * standardizes), a critic is trained on those (fresh random batches every step) and read on the fold, in disjoint
 * batches, by its {@link Readout} ({@link Options#readout()}): the bound, or for SMILE and JS, whose critics are
 * trained toward the log density ratio (by default), the mean of the critic's scores of the fold's own pairs. Each
 * fold's reading is the mean over its batches (or rows); the estimate is the mean of the k readings,
 * with a 95% Student-t interval over them (k − 1 degrees of freedom). Each reading varies with its held-out rows and
 * with its critic's training (its rows, its initialization, where it stopped), so the interval holds both; an
 * interval over one critic's held-out batches would hold only the first. For lower bounds, a fifth of each fold's
 * training rows is kept for early stopping: after the first step and every 100 steps the bound is read on it,
 * training stops after 3 reads without a new best, and the critic of the best read is restored (kept in a temporary
 * folder) (a critic that memorizes its training pairs scores new pairs worse; with 2500 rows in 5 dimensions, 2000
 * steps without stopping gave −3.3 nats where the truth is 0.1).
 *
 * <p>Holding every read row out of its critic's training keeps a critic that memorized its training pairs from
 * inflating the estimate (a memorizing critic scores held-out pairs worse, so lower bounds err low). The interval is
 * about the estimator's spread, not its bias: a critic family that cannot reach the true log density ratio reads
 * low on every fold alike. Bounds with a ceiling report at most their ceiling at the evaluation batch size
 * ({@code log K} for InfoNCE), so give {@code evalBatch} room above the MI you expect.
 */
public final class PairEstimator {
    /** Training steps between two validation checks of a lower bound. */
    private static final int CHECK_EVERY = 100;
    /** Checks without a new best validation estimate before training stops. */
    private static final int PATIENCE = 3;

    /**
     * The transform of {@link Options#defaults()}, chosen by measurement: the lowest mean absolute error
     * over the known-MI tasks of {@link MiBenchmark} (docs/bounds.md has the table).
     */
    public static final MarginalTransform DEFAULT_TRANSFORM = MarginalTransform.GAUSSIAN_COPULA;

    /**
     * The folds of {@link Options#defaults()}: five critics, each trained on four fifths of the rows; the interval a
     * Student-t interval with 4 degrees of freedom (t = 2.78).
     */
    public static final int DEFAULT_FOLDS = 5;

    /**
     * The read-out of {@link Options#defaults()}, chosen on the known-MI tasks ({@link MiBenchmark}, which reads both
     * from the same critics; docs/bounds.md has the table).
     */
    public static final Readout DEFAULT_READOUT = Readout.LOG_RATIO;

    private PairEstimator() {}

    /** What is read on a held-out fold with the critic trained on the other folds. */
    public enum Readout {
        /** The bound's value on the fold's rows, in disjoint batches (for SMILE the clipped DV of its scores). */
        BOUND("bound"),
        /**
         * The mean over the fold's rows of the critic's score of each row's own pair, {@code f(x_i, y_i)}: a plug-in of
         * {@code E_p[log p(x, y)/(p(x) p(y))]}, the MI, for a critic trained toward that log density ratio itself, as
         * the Jensen–Shannon objective is ({@code smile}, {@code js}). Not a bound: no partition term, so it neither
         * clips the pairs of large ratio nor pays the partition term's error.
         */
        LOG_RATIO("log-ratio");

        /** The bounds whose critic is trained by the Jensen–Shannon objective, whose optimum is the log ratio. */
        private static final List<String> LOG_RATIO_CRITICS = List.of("smile", "js");

        private final String label;

        Readout(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static List<String> labels() {
            return Arrays.stream(values()).map(Readout::label).toList();
        }

        /** The read-out of this label. */
        public static Readout parse(String label) {
            return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown read-out '" + label + "'; known: " + String.join(", ", labels())));
        }

        /** The log-ratio read-out where the bound's critic aims at the log ratio, else the bound read-out. */
        public static Readout forBound(String bound) {
            return LOG_RATIO_CRITICS.contains(bound) ? LOG_RATIO : BOUND;
        }

        void check(List<String> bounds) {
            if (this == LOG_RATIO) {
                var others = bounds.stream().filter(b -> !LOG_RATIO_CRITICS.contains(b)).toList();
                if (!others.isEmpty()) {
                    throw new IllegalArgumentException("the log-ratio read-out needs a critic trained toward the log "
                            + "density ratio (" + String.join(" or ", LOG_RATIO_CRITICS) + "); " + others + " aim elsewhere"
                            + " (their optimal critics are shifted by a constant or a function of x): read them with the "
                            + "bound read-out");
                }
            }
        }
    }

    /**
     * How to estimate.
     *
     * @param bounds vocabulary bound names, each trained with its own critic on the same batches
     * @param critic {@code separable_mlp} (2×256 ReLU, embedding 32) or {@code concat_mlp}
     * @param batch training batch size
     * @param steps training steps
     * @param learningRate Adam's learning rate
     * @param evalBatch evaluation batch size (at least 2; lowered to half the held-out rows if larger)
     * @param seed seeds the split, the batches and the critics' initialization
     * @param transform what each coordinate goes through first, fitted on each fold's training rows
     * @param folds k of the cross-fitting: the rows are cut in k folds, each held out once and read by a critic trained
     *     on the other k − 1 (at least 2)
     * @param readout what is read on each held-out fold: the bound, or (for the bounds whose critic aims at the log
     *     density ratio itself) the mean of the critic's scores of the fold's own pairs
     */
    public record Options(List<String> bounds, String critic, int batch, int steps, double learningRate, int evalBatch,
            long seed, MarginalTransform transform, int folds, Readout readout) {
        public Options {
            bounds = List.copyOf(bounds);
            if (transform == null) {
                throw new IllegalArgumentException("name a marginal transform: " + String.join(", ", MarginalTransform.labels()));
            }
            if (readout == null) {
                throw new IllegalArgumentException("name a read-out: " + String.join(", ", Readout.labels()));
            }
            IdentityPair.checkNames(bounds, critic);
            readout.check(bounds);
            if (bounds.contains("ba")) {
                throw new IllegalArgumentException("Barber-Agakov needs the entropy H(Y), which arrays of unknown law do "
                        + "not give; choose another bound");
            }
            if (folds < 2) {
                throw new IllegalArgumentException("cross-fitting needs at least 2 folds (each held out once, read by a "
                        + "critic trained on the others), got " + folds);
            }
            if (batch < 2 || steps <= 0 || evalBatch < 2 || !(learningRate > 0)) {
                throw new IllegalArgumentException("batch and evalBatch must be at least 2, steps and learning rate "
                        + "positive; got " + batch + ", " + evalBatch + ", " + steps + ", " + learningRate);
            }
        }

        /**
         * SMILE (τ = 5) on a separable MLP critic, {@link #DEFAULT_FOLDS} folds, at most 2000 steps of 256 at lr 2e-4,
         * evaluated in batches of 256, on {@link #DEFAULT_TRANSFORM} scores. Chosen on the known-MI tasks
         * ({@link MiBenchmark}, docs/bounds.md): the batch of 256 with one critic on half the rows (mean absolute error
         * 0.101 nats at lr 1e-4, 0.104 at 2e-4, 0.106 with batches of 128 at 1e-4, 0.122 at 5e-4); then, cross-fitted on
         * 13 of the tasks, lr 2e-4 read as well as 1e-4 (0.125 against 0.123) in 18% less time, the critics stopping
         * earlier. The log-ratio read-out ({@link #DEFAULT_READOUT}) was measured against the bound read-out on the
         * same critics over the whole table (docs/bounds.md).
         */
        public static Options defaults() {
            return new Options(List.of("smile"), "separable_mlp", 256, 2000, 2e-4, 256, 1, DEFAULT_TRANSFORM, DEFAULT_FOLDS,
                    DEFAULT_READOUT);
        }

        public Options withReadout(Readout newReadout) {
            return new Options(bounds, critic, batch, steps, learningRate, evalBatch, seed, transform, folds, newReadout);
        }

        public Options withTransform(MarginalTransform newTransform) {
            return new Options(bounds, critic, batch, steps, learningRate, evalBatch, seed, newTransform, folds, readout);
        }

        /** These bounds; the log-ratio read-out gives way to the bound read-out where it does not suit them all. */
        public Options withBounds(List<String> newBounds) {
            boolean suits = newBounds.stream().allMatch(b -> Readout.forBound(b) == Readout.LOG_RATIO);
            return new Options(newBounds, critic, batch, steps, learningRate, evalBatch, seed, transform, folds,
                    readout == Readout.LOG_RATIO && !suits ? Readout.BOUND : readout);
        }

        public Options withSteps(int newSteps) {
            return new Options(bounds, critic, batch, newSteps, learningRate, evalBatch, seed, transform, folds, readout);
        }

        public Options withFolds(int newFolds) {
            return new Options(bounds, critic, batch, steps, learningRate, evalBatch, seed, transform, newFolds, readout);
        }

        public Options withSeed(long newSeed) {
            return new Options(bounds, critic, batch, steps, learningRate, evalBatch, newSeed, transform, folds, readout);
        }
    }

    /**
     * An MI estimate.
     *
     * @param miNats the mean over the held-out evaluation batches, nats
     * @param ci95Low the lower end of the 95% interval
     * @param ci95High the upper end
     * @param method how it was obtained (bound, critic, training, evaluation)
     */
    public record Estimate(double miNats, double ci95Low, double ci95High, String method) {}

    /** {@link #estimate(float[][], float[][], Options)} with {@link Options#defaults()}. */
    public static Estimate estimate(float[][] x, float[][] y) {
        return estimate(x, y, Options.defaults());
    }

    /**
     * @param x N rows of d_x values
     * @param y N rows of d_y values, row i paired with x's row i
     * @param options with exactly one bound
     * @throws IllegalArgumentException if the arrays are ragged, differ in length, hold a
     *     non-finite value or are too short, or options name more than one bound
     */
    public static Estimate estimate(float[][] x, float[][] y, Options options) {
        if (options.bounds().size() != 1) {
            throw new IllegalArgumentException("estimate takes one bound, got " + options.bounds() + "; use estimateEach");
        }
        return estimateEach(x, y, options).get(0);
    }

    /**
     * Cross-fits every bound of the options, one after the other, each with its own critics on the same folds and
     * batches, and estimates with each, read by the options' read-out.
     *
     * @return one estimate per bound, in the options' order; a bound whose training went
     *     non-finite gets NaN, with the step in its method
     */
    public static List<Estimate> estimateEach(float[][] x, float[][] y, Options options) {
        var folds = crossFit(x, y, options);
        var out = new ArrayList<Estimate>();
        for (int b = 0; b < folds.size(); b++) {
            out.add(combine(options.bounds().get(b), folds.get(b), options, x.length));
        }
        return out;
    }

    /**
     * One bound's estimate by each read-out that suits it, from the same critics (cross-fitted once): the bound
     * read-out, and the log-ratio read-out where the bound's critic aims at the log ratio.
     *
     * @param options with exactly one bound; its read-out is ignored
     * @return the estimates in the order of {@link Readout#values()}, those that suit the bound
     */
    public static Map<Readout, Estimate> estimateReadouts(float[][] x, float[][] y, Options options) {
        if (options.bounds().size() != 1) {
            throw new IllegalArgumentException("estimateReadouts takes one bound, got " + options.bounds());
        }
        String name = options.bounds().get(0);
        var folds = crossFit(x, y, options.withReadout(Readout.BOUND)).get(0);
        var out = new EnumMap<Readout, Estimate>(Readout.class);
        for (var readout : Readout.values()) {
            if (readout == Readout.BOUND || Readout.forBound(name) == readout) {
                out.put(readout, combine(name, folds, options.withReadout(readout), x.length));
            }
        }
        return out;
    }

    /** Each bound's folds: per bound, one result per fold (up to the first that went non-finite). */
    private static List<List<FoldResult>> crossFit(float[][] x, float[][] y, Options options) {
        int n = PairedRows.checkPaired(x, y, "the pair estimator");
        int k = options.folds();
        int smallestFold = n / k;
        int evalBatch = Math.min(options.evalBatch(), smallestFold / 2);
        int trainRows = n - (n + k - 1) / k; // the smallest training part: all rows but the largest fold
        int validationRows = Math.max(4, trainRows / 5);
        int batch = Math.min(options.batch(), trainRows - validationRows);
        if (batch < 2 || evalBatch < 2) {
            throw new IllegalArgumentException("the pair estimator needs at least " + 4 * k + " rows for " + k
                    + " folds (each fold held out in at least two batches of 2, the rest to train), got " + n
                    + "; give more rows or fewer folds");
        }
        int[] order = permutation(n, new Random(options.seed()));
        var names = new ArrayList<>(options.bounds());
        var folds = new ArrayList<List<FoldResult>>(); // per bound, one result per fold
        names.forEach(name -> folds.add(new ArrayList<>()));
        Path checkpoint = temporaryFolder();
        try {
            for (int f = 0; f < k; f++) {
                int start = (int) ((long) f * n / k);
                int end = (int) ((long) (f + 1) * n / k);
                int[] held = Arrays.copyOfRange(order, start, end);
                int[] training = new int[n - held.length];
                System.arraycopy(order, 0, training, 0, start);
                System.arraycopy(order, end, training, start, n - end);
                var fold = new Fold(x, y, options.transform(), training, held, evalBatch, batch);
                for (int b = 0; b < names.size(); b++) {
                    // each bound trains alone, on the same batches: one going non-finite cannot spoil the others
                    var results = folds.get(b);
                    if (results.isEmpty() || results.get(results.size() - 1).finite()) {
                        results.add(fold.train(names.get(b), options, options.seed() + f, checkpoint));
                    }
                }
            }
        } finally {
            deleteFolder(checkpoint);
        }
        return folds;
    }

    /** What training one bound's critic on one fold's training rows and reading it on the fold gave. */
    private record FoldResult(Reading reading, int steps, String how, String failure) {
        boolean finite() {
            return failure == null;
        }

        double mean(Readout readout) {
            return PairEstimator.mean(readout == Readout.BOUND ? reading.batchValues() : reading.pairScores());
        }
    }

    /**
     * A trained critic on held-out rows.
     *
     * @param batchValues the bound's value on each full batch
     * @param pairScores the critic's score of each row's own pair, for the rows of those batches
     */
    private record Reading(double[] batchValues, double[] pairScores) {}

    /**
     * One fold: its rows mapped by the transform fitted on its training rows (fit and validation rows; the held-out
     * rows are only scored), and how they split.
     */
    private static final class Fold {
        private final float[] xs;
        private final float[] ys;
        private final int dx;
        private final int dy;
        private final int[] fit;
        private final int[] validation;
        private final int[] held;
        private final int evalBatch;
        private final int batch;

        Fold(float[][] x, float[][] y, MarginalTransform transform, int[] training, int[] held, int evalBatch, int batch) {
            this.dx = x[0].length;
            this.dy = y[0].length;
            this.xs = toFloats(transform.fit(x, training).apply(x));
            this.ys = toFloats(transform.fit(y, training).apply(y));
            int validationRows = Math.max(4, training.length / 5);
            this.fit = Arrays.copyOf(training, training.length - validationRows);
            this.validation = Arrays.copyOfRange(training, fit.length, training.length);
            this.held = held;
            this.evalBatch = evalBatch;
            this.batch = batch;
        }

        FoldResult train(String name, Options options, long seed, Path checkpoint) {
            Bound bound = Bounds.create(name, Map.of());
            try (SharedTrainer trainer = IdentityPair.trainer(dx, dy, Map.of(name, bound), options.critic(),
                    options.learningRate(), seed)) {
                var random = new Random(seed + 1);
                int[] pool = fit.clone();
                boolean earlyStopping = !bound.isUpper();
                double best = Double.NEGATIVE_INFINITY;
                int bestStep = 0;
                int sinceBest = 0;
                int steps = 0;
                while (steps < options.steps()) {
                    trainer.trainStep(0, gather(xs, ys, dx, dy, sample(pool, batch, random)), 0);
                    steps++;
                    if (earlyStopping && (steps == 1 || steps % CHECK_EVERY == 0)) {
                        // a fresh bound: reading the validation rows must not move a stateful bound's average
                        double value = mean(evaluate(trainer, name, Bounds.create(name, Map.of()), xs, ys, dx, dy,
                                validation, Math.min(evalBatch, validation.length / 2)).batchValues());
                        if (value > best) {
                            best = value;
                            bestStep = steps;
                            sinceBest = 0;
                            trainer.save(checkpoint);
                        } else if (++sinceBest >= PATIENCE) {
                            break;
                        }
                    }
                }
                if (earlyStopping) {
                    trainer.load(checkpoint); // back to the critic that read best on the validation rows
                    steps = bestStep;
                }
                String how = String.format(Locale.ROOT, "each critic trained in batches of %d on %d rows%s and read on "
                        + "its ~%d held-out rows in batches of %d", batch, fit.length, earlyStopping ? " (early stopping on "
                        + validation.length + " more)" : "", held.length / evalBatch * evalBatch, evalBatch);
                return new FoldResult(evaluate(trainer, name, bound, xs, ys, dx, dy, held, evalBatch), steps, how, null);
            } catch (NonFiniteLossException e) {
                return new FoldResult(new Reading(new double[0], new double[0]), (int) e.step(), "",
                        "training diverged at step " + e.step());
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the best critic in " + checkpoint, e);
            }
        }
    }

    /**
     * The cross-fitted estimate: the mean of the folds' estimates, with a 95% Student-t interval over them (k − 1
     * degrees of freedom), so that it holds both the held-out sampling and the differences between the critics
     * trained on different rows.
     */
    private static Estimate combine(String name, List<FoldResult> folds, Options options, int n) {
        var failed = folds.stream().filter(fold -> !fold.finite()).findFirst();
        if (failed.isPresent()) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, name + ": fold " + folds.size() + " of "
                    + options.folds() + ": " + failed.get().failure());
        }
        var readout = options.readout();
        double[] means = folds.stream().mapToDouble(fold -> fold.mean(readout)).toArray();
        String method = String.format(Locale.ROOT, "%s with a %s critic, %d-fold cross-fitting of %d rows: %s, best at "
                        + "steps %s; %s read-out, fold estimates %s%s; %s marginals", name, options.critic(),
                options.folds(), n, folds.get(0).how(),
                folds.stream().map(f -> Integer.toString(f.steps())).collect(Collectors.joining("/")), readout.label(),
                foldMeans(folds, readout), readout == Readout.BOUND ? ""
                        : "; the bound read-out's folds " + foldMeans(folds, Readout.BOUND),
                options.transform().label());
        return interval(means, method);
    }

    private static String foldMeans(List<FoldResult> folds, Readout readout) {
        return folds.stream().map(f -> String.format(Locale.ROOT, "%.3f", f.mean(readout)))
                .collect(Collectors.joining(", "));
    }

    /** The bound on the trained critic's scores of each full batch of the given rows, and those rows' own pairs' scores. */
    private static Reading evaluate(SharedTrainer trainer, String pair, Bound bound, float[] xs, float[] ys, int dx,
            int dy, int[] rows, int batch) {
        double[] values = new double[rows.length / batch];
        double[] diagonal = new double[values.length * batch];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int b = 0; b < values.length; b++) {
                int[] chunk = Arrays.copyOfRange(rows, b * batch, (b + 1) * batch);
                float[][] scores = trainer.pairScores(pair, List.of(gather(xs, ys, dx, dy, chunk)).iterator());
                for (int i = 0; i < batch; i++) {
                    diagonal[b * batch + i] = scores[i][i];
                }
                try (NDManager scope = manager.newSubManager()) {
                    values[b] = bound.estimate(scope.create(scores)).getFloat();
                }
            }
        }
        return new Reading(values, diagonal);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("viewpair-pair-estimator");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary folder for the best critic", e);
        }
    }

    private static void deleteFolder(Path folder) {
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder, e);
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The mean with a 95% Student-t interval (just the mean, both ends equal, for one value). */
    static Estimate interval(double[] values, String method) {
        int m = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= m;
        if (m < 2) {
            return new Estimate(mean, mean, mean, method);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double half = studentT975(m - 1) * Math.sqrt(squares / (m - 1) / m);
        return new Estimate(mean, mean - half, mean + half, method);
    }

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    /** The 97.5% quantile of Student's t: a table to 30 degrees of freedom, then its expansion in 1/ν. */
    static double studentT975(int degrees) {
        if (degrees <= T975.length) {
            return T975[degrees - 1];
        }
        double z = 1.959963984540054;
        double z3 = z * z * z;
        return z + (z3 + z) / (4.0 * degrees) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96.0 * degrees * degrees);
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** {@code count} distinct rows of the pool, drawn by a partial shuffle of it. */
    private static int[] sample(int[] pool, int count, Random random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, count);
    }

    private static BatchData gather(float[] xs, float[] ys, int dx, int dy, int[] rows) {
        float[] x = new float[rows.length * dx];
        float[] y = new float[rows.length * dy];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(xs, rows[i] * dx, x, i * dx, dx);
            System.arraycopy(ys, rows[i] * dy, y, i * dy, dy);
        }
        return new IdentityPair.Batch(rows.length, dx, dy, x, y);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
