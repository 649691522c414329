package dev.viewpair.recipes.cli;

import dev.viewpair.encoders.estimate.MarginalTransform;
import dev.viewpair.encoders.estimate.MiBenchmark;
import dev.viewpair.encoders.estimate.MiTasks;
import dev.viewpair.encoders.estimate.PairEstimator;
import dev.viewpair.encoders.estimate.Staircase;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.recipes.run.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code viewpair estimate …}: MI estimation on problems of known MI. */
@Command(name = "estimate", description = "Estimate mutual information: between two arrays, or on problems whose answer is known.",
        subcommands = {EstimateCommand.StaircaseCommand.class, EstimatePairCommand.class, EstimateCommand.BenchmarkCommand.class})
final class EstimateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code viewpair estimate staircase --out DIR}: the benchmark of Poole et al. (2019), correlated Gaussians
     * whose true MI steps through 2, 4, 6, 8 and 10 nats; every bound's estimates, a table of bias, variance and
     * MSE, and a plot of the estimates against the staircase.
     */
    @Command(name = "staircase", description = "Every bound on correlated Gaussians of known MI (2, 4, 6, 8, 10 nats): "
            + "CSV and Markdown tables and staircase.png.")
    static final class StaircaseCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the tables and the plot")
        Path out;

        @Option(names = "--steps-per-level", paramLabel = "N", description = "training steps per MI level (default 1000)")
        Integer stepsPerLevel;

        @Option(names = "--bounds", split = ",", paramLabel = "a,b,…", description = "bounds to run (default: all)")
        List<String> bounds;

        @Option(names = "--critic", paramLabel = "NAME", description = "separable_mlp (default) or concat_mlp")
        String critic;

        @Option(names = "--cubic", description = "y ↦ y³ (same MI, a harder critic)")
        boolean cubic;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            var options = Staircase.Options.defaults().withSeed(seed).withCubic(cubic);
            if (stepsPerLevel != null) {
                if (stepsPerLevel < 10) {
                    throw new UserError("--steps-per-level must be at least 10, got " + stepsPerLevel);
                }
                options = options.withStepsPerLevel(stepsPerLevel);
            }
            if (bounds != null) {
                for (var b : bounds) {
                    if (!Staircase.ALL_BOUNDS.contains(b) && Bounds.standard().find(b).isEmpty()) {
                        throw new UserError("unknown bound '" + b + "' — known: " + String.join(", ", Staircase.ALL_BOUNDS));
                    }
                }
                try {
                    options = options.withBounds(bounds);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage()); // vib, named for vib_exact
                }
            }
            if (critic != null) {
                if (!List.of("separable_mlp", "concat_mlp").contains(critic)) {
                    throw new UserError("--critic must be separable_mlp or concat_mlp, got '" + critic + "'");
                }
                options = options.withCritic(critic);
            }
            Staircase.Result result;
            try (var bar = Progress.bar("staircase", options.steps(), "steps")) {
                result = Staircase.run(options, done -> bar.stepTo(done));
            }
            Files.createDirectories(out);
            result.write(out);
            plot(result, out.resolve("staircase.png"));
            System.out.println(result.markdown());
            System.out.println("wrote " + out.resolve("staircase.md") + ", staircase-*.csv and staircase.png");
            return 0;
        }

        /** Every bound's estimates (smoothed) against the true MI, with the log K line of InfoNCE. */
        private static void plot(Staircase.Result result, Path file) throws Exception {
            var chart = new XYChartBuilder().width(1000).height(560).title("MI estimates on the staircase")
                    .xAxisTitle("step").yAxisTitle("nats").build();
            int n = result.trueMi().length;
            var x = new ArrayList<Double>(n);
            var truth = new ArrayList<Double>(n);
            for (int i = 0; i < n; i++) {
                x.add((double) i);
                truth.add(result.trueMi()[i]);
            }
            result.estimates().forEach((bound, values) -> {
                var ys = new ArrayList<Double>(n);
                double avg = values.length > 0 ? values[0] : 0;
                for (float v : values) {
                    avg = Double.isFinite(v) ? 0.95 * avg + 0.05 * v : avg; // exponential smoothing for readability
                    ys.add(Math.max(-5, Math.min(25, avg)));
                }
                chart.addSeries(bound, x, ys).setMarker(SeriesMarkers.NONE);
            });
            chart.addSeries("true MI", x, truth).setMarker(SeriesMarkers.NONE);
            double logK = Math.log(result.options().batch());
            chart.addSeries("log K", List.of(0.0, (double) n - 1), List.of(logK, logK)).setMarker(SeriesMarkers.NONE);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * {@code viewpair estimate benchmark --out DIR}: {@code estimate pair}'s critic with each marginal transform, and
     * KSG, on known-MI tasks in the style of Czyż et al. 2023 ({@link MiTasks#standard()}): a table of truth,
     * estimate, 95% interval and error, as Markdown and CSV.
     */
    @Command(name = "benchmark", description = "estimate pair's cross-fitted critic (default transform, or each "
            + "--transforms) and KSG on known-MI tasks "
            + "(Gaussian, Student-t, half-cube, asinh, uniform noise, spirals; 1 to 25 dimensions): mi-tasks.md and mi-tasks.csv.")
    static final class BenchmarkCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the tables")
        Path out;

        @Option(names = "--rows", paramLabel = "N", description = "rows drawn per task (default 10000)")
        Integer rows;

        @Option(names = "--tasks", split = ",", paramLabel = "a,b,…", description = "tasks to run (default: all)")
        List<String> tasks;

        @Option(names = "--transforms", split = ",", paramLabel = "a,b,…",
                description = "the critic's transforms (default: gaussian-copula; none and rank on request)")
        List<String> transforms;

        @Option(names = "--steps", paramLabel = "N", description = "most training steps per estimate (default 2000)")
        Integer steps;

        @Option(names = "--folds", paramLabel = "K", description = "the critic's cross-fitting folds (default 5)")
        Integer folds;

        @Option(names = "--seed", defaultValue = "1", description = "seeds the tasks' rows (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            var options = MiBenchmark.Options.defaults().withSeed(seed);
            var estimator = PairEstimator.Options.defaults();
            if (rows != null) {
                if (rows < 16) {
                    throw new UserError("--rows must be at least 16, got " + rows);
                }
                options = options.withRows(rows);
            }
            if (steps != null) {
                if (steps < 1) {
                    throw new UserError("--steps must be at least 1, got " + steps);
                }
                estimator = estimator.withSteps(steps);
            }
            if (folds != null) {
                if (folds < 2) {
                    throw new UserError("--folds must be at least 2, got " + folds);
                }
                estimator = estimator.withFolds(folds);
            }
            options = options.withEstimator(estimator);
            try {
                if (tasks != null) {
                    options = options.withTasks(tasks.stream().map(MiTasks::named).toList());
                }
                if (transforms != null) {
                    options = options.withTransforms(transforms.stream().map(MarginalTransform::parse).toList());
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            MiBenchmark.Result result;
            int total = options.tasks().size() * options.estimatesPerTask();
            try (var bar = Progress.bar("known-MI tasks", total, "estimates")) {
                result = MiBenchmark.run(options, bar::stepTo);
            }
            result.write(out);
            System.out.println(result.markdown());
            System.out.println("wrote " + out.resolve("mi-tasks.md") + " and " + out.resolve("mi-tasks.csv")
                    + " (" + options.tasks().size() + " tasks)");
            return 0;
        }
    }
}
