package dev.viewpair.encoders.estimate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.EncoderPosterior;
import dev.viewpair.encoders.mi.LeaveOneOut;
import dev.viewpair.encoders.mi.VariationalPrior;
import dev.viewpair.encoders.train.NonFiniteLossException;
import dev.viewpair.encoders.train.SharedTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The known-MI staircase of Poole et al. (2019): {@code x ~ N(0, I_d)}, {@code y = ρx +
 * √(1−ρ²)·ε}, so {@code I(X;Y) = −d/2·log(1−ρ²)}; ρ steps so that the true MI climbs a staircase
 * (2, 4, 6, 8, 10 nats by default, for d = 20), every step draws a fresh batch, and every bound
 * trains its own critic (Adam) on the same batches. The cubic variant feeds {@code y³} instead of
 * y (an invertible map of each coordinate, so the MI is unchanged, but the density ratio is no
 * longer a quadratic form).
 *
 * <p>{@code ba}, {@code loo} and {@code club} get the Gaussian conditional critic they need;
 * Barber–Agakov is given the analytic H(Y) (of y³ in the cubic variant). Each bound trains alone,
 * one after the other, on the same stream of batches; a bound whose estimate becomes non-finite
 * stops there (reported in {@link Result#diverged()}) without stopping the others. The default run
 * (every bound, 1000 steps per level) took 262 s on 2 cores. The result holds every step's
 * estimate per bound and a table of bias, variance and MSE per bound and level over the last {@code tail}
 * fraction of each level's steps (after the critic has caught up with the step in MI). Plotting is
 * left to the caller (the CLI); {@link Result#write} writes CSV and Markdown.
 *
 * <p>The staircase's channel is itself a stochastic encoder of x with a known posterior, {@code y | x = N(ρx,
 * (1−ρ²)I)}: {@link #EXACT_BOUNDS} are the upper bounds computed from it on the same batches, no critic trained
 * ({@code loo_exact}, the leave-one-out bound; {@code vib_exact}, the KL to N(0, I), which is the marginal of y, so it is
 * exact in expectation). With them the true MI sits between the lower and upper estimates: {@link Result#markdown()}
 * ends with that sandwich per level.
 *
 * <p>Run from the command line ({@code docs/bounds.md} shows the table of a default run):
 * <pre>./viewpair estimate staircase [--steps-per-level N] [--bounds a,b,…]
 *     [--critic separable_mlp|concat_mlp] [--cubic] [--seed S] --out folder</pre>
 */
public final class Staircase {
    /** Every bound in the vocabulary, in the order tables list them. */
    public static final List<String> ALL_BOUNDS = List.of("infonce", "nwj", "dv", "mine", "js", "tuba", "interpolated",
            "smile", "ba", "loo", "club", "loo_exact", "vib_exact");
    /**
     * The upper bounds read from the channel's known posterior y|x = N(ρx, (1−ρ²)I) through the exact-posterior critic
     * ({@link EncoderPosterior}), computed rather than trained: leave-one-out and VIB (the KL to N(0, I)).
     */
    public static final List<String> EXACT_BOUNDS = List.of("loo_exact", "vib_exact");
    /**
     * The lower bounds that hold in expectation for any critic, which the sandwich takes its lower side from; DV and
     * MINE (a log of a batch mean, biased up) and SMILE (a bound only as τ → ∞) are estimates, not bounds.
     */
    public static final List<String> SANDWICH_LOWER = List.of("infonce", "nwj", "js", "tuba", "interpolated", "ba");

    private Staircase() {}

    /**
     * What to run.
     *
     * @param dim d, the dimension of x and y (20 in Poole et al.)
     * @param batch K, the batch size (64)
     * @param learningRate Adam's learning rate (5e-4)
     * @param levels the true MI of each level, in nats (2, 4, 6, 8, 10), each below {@code d/2·log(1e6)}
     * @param stepsPerLevel training steps per level (Poole et al.: 4000; the default here fits every
     *     bound in 10 minutes on 2 cores)
     * @param bounds vocabulary bound names
     * @param critic {@code separable_mlp} (2×256 ReLU, embedding 32) or {@code concat_mlp} (2×256 ReLU)
     * @param cubic feed y³ instead of y
     * @param seed seeds the data and the critics' initialization
     * @param tail the fraction of each level's last steps the table summarizes, in (0, 1]
     */
    public record Options(int dim, int batch, double learningRate, double[] levels, int stepsPerLevel,
            List<String> bounds, String critic, boolean cubic, long seed, double tail) {
        public Options {
            levels = levels.clone();
            bounds = List.copyOf(bounds);
            if (dim <= 0 || batch < 2 || stepsPerLevel <= 0 || levels.length == 0) {
                throw new IllegalArgumentException("the staircase needs a positive dimension, a batch of at least 2, "
                        + "at least one level and positive steps per level");
            }
            if (!(learningRate > 0) || !(tail > 0 && tail <= 1)) {
                throw new IllegalArgumentException("learning rate must be positive and tail in (0, 1], got "
                        + learningRate + " and " + tail);
            }
            for (double level : levels) {
                if (!(level > 0) || 1 - Math.exp(-2 * level / dim) > 1 - 1e-6) {
                    throw new IllegalArgumentException("level " + level + " nats is not reachable in " + dim
                            + " dimensions (ρ would reach 1); choose levels in (0, " + dim / 2.0 * Math.log(1e6) + ")");
                }
            }
            if (bounds.isEmpty()) {
                throw new IllegalArgumentException("name at least one bound; known: " + String.join(", ", ALL_BOUNDS));
            }
            var trained = bounds.stream().filter(b -> !EXACT_BOUNDS.contains(b)).toList();
            if (trained.contains("vib")) {
                throw new IllegalArgumentException("vib reads a stochastic encoder's posterior, which the staircase's"
                        + " critics are not; name vib_exact, the KL from the channel's own posterior");
            }
            if (!trained.isEmpty()) {
                IdentityPair.checkNames(trained, critic);
            }
        }

        /** Poole et al.'s setting with every bound and the separable critic, at {@code stepsPerLevel} steps per level. */
        public static Options defaults() {
            return new Options(20, 64, 5e-4, new double[] {2, 4, 6, 8, 10}, DEFAULT_STEPS_PER_LEVEL, ALL_BOUNDS,
                    "separable_mlp", false, 1, 0.5);
        }

        @Override
        public double[] levels() {
            return levels.clone();
        }

        public Options withStepsPerLevel(int steps) {
            return new Options(dim, batch, learningRate, levels, steps, bounds, critic, cubic, seed, tail);
        }

        public Options withLevels(double... newLevels) {
            return new Options(dim, batch, learningRate, newLevels, stepsPerLevel, bounds, critic, cubic, seed, tail);
        }

        public Options withBounds(List<String> newBounds) {
            return new Options(dim, batch, learningRate, levels, stepsPerLevel, newBounds, critic, cubic, seed, tail);
        }

        public Options withCritic(String newCritic) {
            return new Options(dim, batch, learningRate, levels, stepsPerLevel, bounds, newCritic, cubic, seed, tail);
        }

        public Options withCubic(boolean newCubic) {
            return new Options(dim, batch, learningRate, levels, stepsPerLevel, bounds, critic, newCubic, seed, tail);
        }

        public Options withSeed(long newSeed) {
            return new Options(dim, batch, learningRate, levels, stepsPerLevel, bounds, critic, cubic, newSeed, tail);
        }

        /** Total training steps. */
        public int steps() {
            return levels.length * stepsPerLevel;
        }
    }

    /** Steps per level in {@link Options#defaults()}. */
    public static final int DEFAULT_STEPS_PER_LEVEL = 1000;

    /**
     * One bound at one level, over the level's last {@code tail} steps.
     *
     * @param bound the bound's name
     * @param trueMi the level's true MI, nats
     * @param steps how many steps the statistics cover
     * @param mean the mean estimate
     * @param bias {@code mean − trueMi}
     * @param variance the estimates' variance around their mean
     * @param mse the mean squared error {@code mean((estimate − trueMi)²) = bias² + variance}
     */
    public record LevelRow(String bound, double trueMi, int steps, double mean, double bias, double variance, double mse) {
        /** The standard error of the mean, {@code √(variance/steps)}. */
        public double standardError() {
            return Math.sqrt(variance / steps);
        }
    }

    /**
     * @param options what ran
     * @param trueMi the true MI at every step
     * @param estimates every step's estimate, per bound name (in options' order)
     * @param table per bound, per level
     * @param diverged bound → the step at which its estimate became non-finite (its later steps are
     *     NaN); empty when every bound ran to the end
     * @param seconds wall-clock time of the training
     */
    public record Result(Options options, double[] trueMi, Map<String, float[]> estimates, List<LevelRow> table,
            Map<String, Integer> diverged, double seconds) {

        /**
         * Writes {@code staircase-steps.csv} (step, true MI, one column per bound),
         * {@code staircase-table.csv} (bound, true_mi, steps, mean, bias, variance, mse) and {@code
         * staircase.md} (the tables as Markdown) into the folder, creating it if needed.
         *
         * @return the three files
         */
        public List<Path> write(Path folder) throws IOException {
            Files.createDirectories(folder);
            var steps = new StringBuilder("step,true_mi");
            estimates.keySet().forEach(bound -> steps.append(',').append(bound));
            steps.append('\n');
            for (int step = 0; step < trueMi.length; step++) {
                steps.append(step).append(',').append(format(trueMi[step]));
                for (float[] values : estimates.values()) {
                    steps.append(',').append(format(values[step]));
                }
                steps.append('\n');
            }
            var table = new StringBuilder("bound,true_mi,steps,mean,bias,variance,mse\n");
            for (LevelRow row : this.table) {
                table.append(String.join(",", row.bound(), format(row.trueMi()), Integer.toString(row.steps()),
                        format(row.mean()), format(row.bias()), format(row.variance()), format(row.mse()))).append('\n');
            }
            var files = List.of(folder.resolve("staircase-steps.csv"), folder.resolve("staircase-table.csv"),
                    folder.resolve("staircase.md"));
            Files.writeString(files.get(0), steps);
            Files.writeString(files.get(1), table);
            Files.writeString(files.get(2), markdown());
            return files;
        }

        /** The setting, a mean ± sd table (bound × level) and the bias/variance/MSE table, as Markdown. */
        public String markdown() {
            var o = options;
            var out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Staircase (%s): d = %d, batch %d, Adam lr %s, critic %s, %d steps per level, "
                            + "seed %d; statistics over the last %d%% of each level; %.0f s.%n%n",
                    o.cubic() ? "cubic, y ↦ y³" : "Gaussian", o.dim(), o.batch(), o.learningRate(), o.critic(),
                    o.stepsPerLevel(), o.seed(), Math.round(o.tail() * 100), seconds));
            out.append("| bound |");
            for (double level : o.levels()) {
                out.append(String.format(Locale.ROOT, " %s nats |", trim(level)));
            }
            out.append("\n|---|").append("---:|".repeat(o.levels().length)).append('\n');
            for (String bound : estimates.keySet()) {
                out.append("| ").append(bound).append(" |");
                table.stream().filter(row -> row.bound().equals(bound)).forEach(row -> out.append(String.format(
                        Locale.ROOT, " %.2f ± %.2f |", row.mean(), Math.sqrt(row.variance()))));
                out.append('\n');
            }
            diverged.forEach((bound, step) -> out.append(String.format(Locale.ROOT,
                    "%n%s became non-finite at step %d; its later steps are NaN.%n", bound, step)));
            out.append("\n| bound | true MI | bias | variance | MSE |\n|---|---:|---:|---:|---:|\n");
            for (LevelRow row : table) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |%n",
                        row.bound(), trim(row.trueMi()), row.bias(), row.variance(), row.mse()));
            }
            sandwich(out);
            return out.toString();
        }

        /**
         * Per level, the highest mean of the lower bounds ({@link #SANDWICH_LOWER}) and the lowest mean of the exact
         * upper bounds ({@link #EXACT_BOUNDS}) that ran, and whether the true MI lies between them.
         */
        private void sandwich(StringBuilder out) {
            var lower = table.stream().filter(r -> SANDWICH_LOWER.contains(r.bound())).toList();
            var upper = table.stream().filter(r -> EXACT_BOUNDS.contains(r.bound())).toList();
            if (lower.isEmpty() || upper.isEmpty()) {
                return;
            }
            out.append("\nThe sandwich: the highest lower bound (of ").append(String.join(", ", SANDWICH_LOWER))
                    .append(") and the lowest exact upper bound (").append(String.join(", ", EXACT_BOUNDS))
                    .append(") per level, means over the level's last steps; inside: up to two standard errors of each mean.\n\n")
                    .append("| true MI | lower | by | upper | by | inside |\n|---:|---:|---|---:|---|---|\n");
            for (double level : options.levels()) {
                var low = lower.stream().filter(r -> r.trueMi() == level && Double.isFinite(r.mean()))
                        .max(java.util.Comparator.comparingDouble(LevelRow::mean));
                var high = upper.stream().filter(r -> r.trueMi() == level && Double.isFinite(r.mean()))
                        .min(java.util.Comparator.comparingDouble(LevelRow::mean));
                if (low.isEmpty() || high.isEmpty()) {
                    continue;
                }
                // means of per-step estimates: inside up to two standard errors of each mean (vib_exact is exact in
                // expectation, so its mean lands below the truth about half the time)
                boolean inside = low.get().mean() - 2 * low.get().standardError() <= level
                        && level <= high.get().mean() + 2 * high.get().standardError();
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %.2f | %s | %s |%n", trim(level),
                        low.get().mean(), low.get().bound(), high.get().mean(), high.get().bound(), inside ? "yes" : "no"));
            }
        }
    }

    /** Runs the staircase. */
    public static Result run(Options options) {
        return run(options, step -> {});
    }

    /**
     * Runs the staircase.
     *
     * @param progress called after every step with the number of steps done, over all bounds
     *     (bounds train one after the other, {@code bounds × steps} in all)
     */
    public static Result run(Options options, IntConsumer progress) {
        double[] trueMi = new double[options.steps()];
        double[] levels = options.levels();
        for (int step = 0; step < trueMi.length; step++) {
            trueMi[step] = levels[step / options.stepsPerLevel()];
        }
        var estimates = new LinkedHashMap<String, float[]>();
        var diverged = new LinkedHashMap<String, Integer>();
        var bounds = IdentityPair.bounds(options.bounds().stream().filter(b -> !EXACT_BOUNDS.contains(b)).toList(),
                Map.of("ba", Map.of("entropy", entropyOfY(options.dim(), options.cubic()))));
        long start = System.nanoTime();
        int done = 0;
        for (String name : options.bounds()) {
            float[] values = new float[options.steps()];
            Arrays.fill(values, Float.NaN);
            estimates.put(name, values);
            int reached = EXACT_BOUNDS.contains(name) ? exact(options, name, values)
                    : train(options, name, bounds.get(name), values, done, progress);
            if (reached < options.steps()) {
                diverged.put(name, reached);
            }
            done += options.steps();
            progress.accept(done);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(options, trueMi, estimates, table(options, estimates), diverged, seconds);
    }

    /**
     * Trains one bound's critic on its own (so one bound going non-finite cannot stop the others),
     * on the same batches as every other bound (the data stream restarts from the seed).
     *
     * @return the number of steps with a finite estimate (all of them unless it diverged)
     */
    private static int train(Options options, String name, Bound bound, float[] values, int done, IntConsumer progress) {
        int d = options.dim();
        int k = options.batch();
        var random = new Random(options.seed());
        try (SharedTrainer trainer = IdentityPair.trainer(d, d, Map.of(name, bound), options.critic(),
                options.learningRate(), options.seed())) {
            int step = 0;
            for (double level : options.levels()) {
                double rho = Math.sqrt(1 - Math.exp(-2 * level / d));
                double noise = Math.sqrt(1 - rho * rho);
                for (int s = 0; s < options.stepsPerLevel(); s++, step++) {
                    float[] x = new float[k * d];
                    float[] y = new float[k * d];
                    for (int i = 0; i < x.length; i++) {
                        double xi = random.nextGaussian();
                        double yi = rho * xi + noise * random.nextGaussian();
                        x[i] = (float) xi;
                        y[i] = (float) (options.cubic() ? yi * yi * yi : yi);
                    }
                    try {
                        values[step] = trainer.trainStep(0, new IdentityPair.Batch(k, d, d, x, y), 0)
                                .pairNats().get(name).floatValue();
                    } catch (NonFiniteLossException e) {
                        progress.accept(done + options.steps());
                        return step;
                    }
                    progress.accept(done + step + 1);
                }
            }
            return step;
        }
    }

    /**
     * An exact-posterior upper bound on every step's batch (the same stream as the trained bounds'): the posterior rows
     * {@code [ρx_i ; √(1−ρ²)]} against y (before the cube of the cubic variant, which leaves the MI as it is).
     *
     * @return the number of steps with a finite estimate
     */
    private static int exact(Options options, String name, float[] values) {
        int d = options.dim();
        int k = options.batch();
        var random = new Random(options.seed());
        Bound bound = name.equals("loo_exact") ? new LeaveOneOut() : new VariationalPrior();
        var critic = new EncoderPosterior();
        try (NDManager manager = NDManager.newBaseManager()) {
            int step = 0;
            for (double level : options.levels()) {
                double rho = Math.sqrt(1 - Math.exp(-2 * level / d));
                double noise = Math.sqrt(1 - rho * rho);
                for (int s = 0; s < options.stepsPerLevel(); s++, step++) {
                    float[] posterior = new float[k * 2 * d];
                    float[] y = new float[k * d];
                    for (int i = 0; i < y.length; i++) {
                        double xi = random.nextGaussian();
                        y[i] = (float) (rho * xi + noise * random.nextGaussian());
                        posterior[i / d * 2 * d + i % d] = (float) (rho * xi);
                        posterior[i / d * 2 * d + d + i % d] = (float) noise;
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        values[step] = (float) bound.estimate(critic.scores(scope.create(posterior, new Shape(k, 2 * d)),
                                scope.create(y, new Shape(k, d)))).getDouble();
                    }
                    if (!Float.isFinite(values[step])) {
                        return step;
                    }
                }
            }
            return step;
        }
    }

    private static List<LevelRow> table(Options options, Map<String, float[]> estimates) {
        var rows = new ArrayList<LevelRow>();
        int per = options.stepsPerLevel();
        int tail = Math.max(1, (int) Math.round(per * options.tail()));
        for (var entry : estimates.entrySet()) {
            double[] levels = options.levels();
            for (int level = 0; level < levels.length; level++) {
                double truth = levels[level];
                float[] values = Arrays.copyOfRange(entry.getValue(), (level + 1) * per - tail, (level + 1) * per);
                double mean = 0;
                for (float v : values) {
                    mean += v;
                }
                mean /= values.length;
                double variance = 0;
                double squaredError = 0;
                for (float v : values) {
                    variance += (v - mean) * (v - mean);
                    squaredError += (v - truth) * (v - truth);
                }
                rows.add(new LevelRow(entry.getKey(), truth, values.length, mean, mean - truth,
                        variance / values.length, squaredError / values.length));
            }
        }
        return rows;
    }

    /**
     * H(Y) in nats: {@code d/2·log(2πe)} for standard normal y; for y³, {@code + d·(log 3 + 2·E
     * log|y|)} with {@code E log|y| = −(γ + log 2)/2}.
     */
    static double entropyOfY(int dim, boolean cubic) {
        double gaussian = 0.5 * Math.log(2 * Math.PI * Math.E);
        double eulerGamma = 0.5772156649015329;
        return dim * (cubic ? gaussian + Math.log(3) - eulerGamma - Math.log(2) : gaussian);
    }

    private static String format(double value) {
        return Double.toString(value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
